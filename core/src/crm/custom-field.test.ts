import { checkCustomFieldValues, CustomFieldDefinitionCreateSchema, parseCustomFieldFilterValue } from './custom-field';

const definitions = [
  { key: 'industry', type: 'select' as const, options: ['SaaS', 'Retail'] },
  { key: 'seats', type: 'number' as const, options: [] },
  { key: 'renewal', type: 'date' as const, options: [] },
  { key: 'vip', type: 'boolean' as const, options: [] },
  { key: 'notes', type: 'text' as const, options: [] },
];

describe('custom field values', () => {
  it('accepts values of the declared types, and null to clear', () => {
    expect(
      checkCustomFieldValues(definitions, {
        industry: 'SaaS',
        seats: 12,
        renewal: '2025-01-31',
        vip: false,
        notes: null,
      }),
    ).toEqual([]);
  });

  it('names each unknown key and each wrongly typed value', () => {
    expect(
      checkCustomFieldValues(definitions, {
        colour: 'red',
        seats: '12',
        renewal: 'next week',
        vip: 'yes',
        industry: 'Mining',
        notes: 3,
      }),
    ).toEqual([
      { field: 'customFields.colour', message: 'is not a custom field of this workspace' },
      { field: 'customFields.seats', message: 'expects a number' },
      { field: 'customFields.renewal', message: expect.stringContaining('ISO-8601') },
      { field: 'customFields.vip', message: 'expects true or false' },
      { field: 'customFields.industry', message: 'expects one of: SaaS, Retail' },
      { field: 'customFields.notes', message: 'expects text' },
    ]);
  });

  it('parses filter values per type', () => {
    expect(parseCustomFieldFilterValue({ type: 'number', options: [] }, '12')).toBe(12);
    expect(parseCustomFieldFilterValue({ type: 'number', options: [] }, 'x')).toBeNull();
    expect(parseCustomFieldFilterValue({ type: 'boolean', options: [] }, 'true')).toBe(true);
    expect(parseCustomFieldFilterValue({ type: 'select', options: ['A'] }, 'A')).toBe('A');
    expect(parseCustomFieldFilterValue({ type: 'select', options: ['A'] }, 'B')).toBeNull();
  });

  it('requires options for a select definition', () => {
    const result = CustomFieldDefinitionCreateSchema.safeParse({ key: 'tier', label: 'Tier', type: 'select' });
    expect(result.error?.issues[0]?.path).toEqual(['options']);
    expect(CustomFieldDefinitionCreateSchema.safeParse({ key: 'Bad Key', label: 'x', type: 'text' }).success).toBe(
      false,
    );
  });
});
