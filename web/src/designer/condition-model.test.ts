import { describe, expect, it } from 'vitest';
import { ConditionSchema, type CONDITION_OPERATORS } from '@cadenza/core';
import {
  conditionFieldOptions,
  formatConditionValue,
  newRule,
  parseConditionValue,
  withOperator,
} from './condition-model';

describe('condition builder model', () => {
  it('reads typed values the way each operator takes them, so core accepts the rule', () => {
    const cases: Array<[(typeof CONDITION_OPERATORS)[number], string, unknown]> = [
      ['equals', '42', 42],
      ['equals', 'true', true],
      ['equals', 'Paris', 'Paris'],
      ['contains', '42', '42'],
      ['gt', '7.5', 7.5],
      ['within_last_days', '30', 30],
      ['before', '2025-01-31', '2025-01-31'],
      ['in', 'a, 2, , false', ['a', 2, false]],
      ['is_set', 'ignored', undefined],
    ];
    for (const [operator, text, expected] of cases) {
      const value = parseConditionValue(operator, text);
      expect(value).toEqual(expected);
      expect(ConditionSchema.safeParse({ field: 'contact.title', operator, value }).success).toBe(true);
    }
  });

  it('leaves a wrong value as typed so the schema names the problem', () => {
    const value = parseConditionValue('gt', 'many');
    expect(value).toBe('many');
    expect(ConditionSchema.safeParse({ field: 'score', operator: 'gt', value }).success).toBe(false);
  });

  it('keeps the value across an operator change when it still fits, drops it otherwise', () => {
    expect(withOperator({ field: 'score', operator: 'equals', value: 5 }, 'gte')).toEqual({
      field: 'score',
      operator: 'gte',
      value: 5,
    });
    expect(withOperator({ field: 'score', operator: 'equals', value: 5 }, 'is_set')).toEqual({
      field: 'score',
      operator: 'is_set',
    });
    expect(withOperator({ field: 'contact.title', operator: 'equals', value: 'CEO' }, 'in')).toEqual({
      field: 'contact.title',
      operator: 'in',
      value: ['CEO'],
    });
    expect(withOperator(newRule(), 'in')).toEqual({ field: 'contact.email', operator: 'in' });
  });

  it('formats lists with commas and offers every kind of field', () => {
    expect(formatConditionValue(['a', 2])).toBe('a, 2');
    expect(formatConditionValue(undefined)).toBe('');
    const options = conditionFieldOptions([
      { id: '1', key: 'industry', label: 'Industry', type: 'text', options: [], createdAt: '' },
    ]);
    expect(options).toEqual(
      expect.arrayContaining(['contact.email', 'contact.custom.industry', 'engagement.emails_opened', 'score']),
    );
    expect(options).not.toContain('contact.customFields');
    // Every suggestion is a field the schema accepts.
    for (const field of options) expect(ConditionSchema.safeParse({ field, operator: 'is_set' }).success).toBe(true);
  });
});
