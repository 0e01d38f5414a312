import { ConditionSchema, type Condition } from './condition';

describe('condition language', () => {
  it('nests all/any groups to any depth', () => {
    const condition: Condition = {
      all: [
        { field: 'contact.country', operator: 'equals', value: 'FR' },
        {
          any: [
            { field: 'score', operator: 'gte', value: 50 },
            { field: 'engagement.emails_opened', operator: 'gt', value: 2 },
          ],
        },
      ],
    };
    expect(ConditionSchema.parse(condition)).toEqual(condition);
    // @ts-expect-error the inferred type is recursive, not `any`: a group holds conditions
    const wrong: Condition = { all: [{ nope: true }] };
    expect(ConditionSchema.safeParse(wrong).success).toBe(false);
  });

  it.each([
    [{ field: 'contact.tier', operator: 'is_set' }, true],
    [{ field: 'contact.tier', operator: 'is_set', value: 'x' }, false],
    [{ field: 'contact.country', operator: 'in', value: ['FR'] }, true],
    [{ field: 'contact.country', operator: 'in', value: 'FR' }, false],
    [{ field: 'score', operator: 'gt', value: '10' }, false],
    [{ field: 'contact.lastSeen', operator: 'before', value: '2026-01-01' }, true],
    [{ field: 'contact.lastSeen', operator: 'within_last_days', value: 7 }, true],
    [{ field: 'contact.name', operator: 'contains' }, false],
    [{ field: 'engagement.emails_opened', operator: 'gt', value: 0 }, true],
    [{ field: 'engagement.mood', operator: 'equals', value: 'happy' }, false],
    [{ field: 'country', operator: 'equals', value: 'FR' }, false],
    [{ field: 'contact.country', operator: 'like', value: 'FR' }, false],
    [{ all: [] }, false],
  ])('%j is valid: %s', (condition, valid) => {
    expect(ConditionSchema.safeParse(condition).success).toBe(valid);
  });
});
