import { CONDITION_OPERATORS, ConditionSchema, type Condition, type ConditionRule } from '../condition';
import type { ContactSnapshot } from './contact-snapshot';
import { conditionFieldValue, evaluateCondition } from './evaluate-condition';

const NOW = new Date('2026-05-06T12:00:00.000Z');
const snapshot: ContactSnapshot = {
  id: 'c1',
  fields: {
    email: 'Ana@Example.com',
    firstName: 'Ana',
    lifecycleStage: 'Lead',
    country: 'FR',
    tags: ['VIP', 'newsletter'],
    employees: 120,
    revenue: '2500.5',
    optedIn: true,
    blank: '',
    spaces: '   ',
    nothing: null,
    noTags: [],
    lastSeen: '2026-05-01T08:00:00Z',
    signupDate: '2026-04-01',
    futureDate: '2026-06-01T00:00:00Z',
    custom: { industry: 'SaaS', seats: 7, renewal: '2026-12-31' },
  },
  engagement: { emails_sent: 10, emails_opened: 4, last_opened_at: '2026-05-04T09:00:00Z' },
  score: 55,
};

type Case = [field: string, operator: ConditionRule['operator'], value: ConditionRule['value'], expected: boolean];

const CASES: Record<ConditionRule['operator'], Case[]> = {
  equals: [
    ['contact.lifecycleStage', 'equals', 'lead', true],
    ['contact.lifecycleStage', 'equals', 'customer', false],
    ['contact.email', 'equals', 'ana@example.COM', true],
    ['contact.employees', 'equals', 120, true],
    ['contact.revenue', 'equals', 2500.5, true],
    ['contact.employees', 'equals', '120', true],
    ['contact.optedIn', 'equals', true, true],
    ['contact.optedIn', 'equals', false, false],
    ['contact.tags', 'equals', 'vip', true],
    ['contact.tags', 'equals', 'partner', false],
    ['contact.custom.industry', 'equals', 'saas', true],
    ['contact.missing', 'equals', 'x', false],
    ['contact.nothing', 'equals', '', false],
    ['score', 'equals', 55, true],
    ['engagement.emails_opened', 'equals', 4, true],
  ],
  not_equals: [
    ['contact.lifecycleStage', 'not_equals', 'LEAD', false],
    ['contact.lifecycleStage', 'not_equals', 'customer', true],
    ['contact.tags', 'not_equals', 'vip', false],
    ['contact.missing', 'not_equals', 'x', true],
    ['score', 'not_equals', 10, true],
  ],
  contains: [
    ['contact.email', 'contains', 'EXAMPLE', true],
    ['contact.email', 'contains', 'gmail', false],
    ['contact.tags', 'contains', 'Newsletter', true],
    ['contact.tags', 'contains', 'news', false],
    ['contact.custom.industry', 'contains', 'aa', true],
    ['contact.employees', 'contains', '12', true],
    ['contact.missing', 'contains', 'a', false],
  ],
  not_contains: [
    ['contact.email', 'not_contains', 'gmail', true],
    ['contact.email', 'not_contains', 'example', false],
    ['contact.tags', 'not_contains', 'vip', false],
    ['contact.tags', 'not_contains', 'partner', true],
    ['contact.missing', 'not_contains', 'a', true],
  ],
  starts_with: [
    ['contact.email', 'starts_with', 'ana@', true],
    ['contact.email', 'starts_with', 'example', false],
    ['contact.tags', 'starts_with', 'news', true],
    ['contact.missing', 'starts_with', 'a', false],
  ],
  gt: [
    ['score', 'gt', 50, true],
    ['score', 'gt', 55, false],
    ['contact.revenue', 'gt', 2500, true],
    ['engagement.emails_opened', 'gt', 3, true],
    ['contact.lifecycleStage', 'gt', 1, false],
    ['contact.blank', 'gt', -1, false],
    ['contact.missing', 'gt', -1, false],
  ],
  gte: [
    ['score', 'gte', 55, true],
    ['score', 'gte', 56, false],
    ['contact.custom.seats', 'gte', 7, true],
  ],
  lt: [
    ['score', 'lt', 56, true],
    ['score', 'lt', 55, false],
    ['engagement.emails_clicked', 'lt', 1, false],
  ],
  lte: [
    ['score', 'lte', 55, true],
    ['score', 'lte', 54, false],
    ['engagement.emails_sent', 'lte', 10, true],
  ],
  before: [
    ['contact.lastSeen', 'before', '2026-05-02', true],
    ['contact.lastSeen', 'before', '2026-05-01T08:00:00Z', false],
    ['contact.signupDate', 'before', '2026-04-01T00:00:01Z', true],
    ['engagement.last_opened_at', 'before', '2026-05-01', false],
    ['contact.lifecycleStage', 'before', '2026-05-01', false],
    ['contact.missing', 'before', '2030-01-01', false],
  ],
  after: [
    ['contact.lastSeen', 'after', '2026-05-01T07:59:59+00:00', true],
    ['contact.lastSeen', 'after', '2026-05-01T10:00:00+02:00', false],
    ['contact.custom.renewal', 'after', '2026-12-30', true],
    ['engagement.last_opened_at', 'after', '2026-05-01', true],
    ['contact.missing', 'after', '2000-01-01', false],
  ],
  within_last_days: [
    ['contact.lastSeen', 'within_last_days', 7, true],
    ['contact.lastSeen', 'within_last_days', 5, false],
    ['engagement.last_opened_at', 'within_last_days', 3, true],
    ['contact.futureDate', 'within_last_days', 365, false],
    ['engagement.last_clicked_at', 'within_last_days', 365, false],
  ],
  in: [
    ['contact.country', 'in', ['de', 'fr'], true],
    ['contact.country', 'in', ['de', 'es'], false],
    ['contact.tags', 'in', ['partner', 'vip'], true],
    ['contact.tags', 'in', ['partner'], false],
    ['score', 'in', [10, 55], true],
    ['contact.missing', 'in', ['x'], false],
  ],
  not_in: [
    ['contact.country', 'not_in', ['de', 'es'], true],
    ['contact.country', 'not_in', ['FR'], false],
    ['contact.tags', 'not_in', ['vip'], false],
    ['contact.missing', 'not_in', ['x'], true],
  ],
  is_set: [
    ['contact.email', 'is_set', undefined, true],
    ['contact.tags', 'is_set', undefined, true],
    ['contact.optedIn', 'is_set', undefined, true],
    ['score', 'is_set', undefined, true],
    ['contact.blank', 'is_set', undefined, false],
    ['contact.spaces', 'is_set', undefined, false],
    ['contact.nothing', 'is_set', undefined, false],
    ['contact.noTags', 'is_set', undefined, false],
    ['contact.missing', 'is_set', undefined, false],
    ['engagement.emails_replied', 'is_set', undefined, false],
  ],
  is_not_set: [
    ['contact.email', 'is_not_set', undefined, false],
    ['contact.noTags', 'is_not_set', undefined, true],
    ['contact.nothing', 'is_not_set', undefined, true],
    ['contact.custom.missing', 'is_not_set', undefined, true],
  ],
};

describe('evaluateCondition', () => {
  it('has cases for every operator, each with a true and a false outcome', () => {
    expect(Object.keys(CASES).sort()).toEqual([...CONDITION_OPERATORS].sort());
    for (const cases of Object.values(CASES)) {
      expect(new Set(cases.map((c) => c[3]))).toEqual(new Set([true, false]));
    }
  });

  describe.each(Object.entries(CASES))('%s', (_, cases) => {
    it.each(cases)('%s %s %j -> %s', (field, operator, value, expected) => {
      // Parse so every case is a rule the designer could actually save.
      const rule = ConditionSchema.parse(value === undefined ? { field, operator } : { field, operator, value });
      expect(evaluateCondition(rule, snapshot, NOW)).toBe(expected);
    });
  });

  it('treats an unscored contact as having no score', () => {
    const unscored = { ...snapshot, score: null };
    expect(evaluateCondition({ field: 'score', operator: 'is_not_set' }, unscored, NOW)).toBe(true);
    expect(evaluateCondition({ field: 'score', operator: 'lt', value: 100 }, unscored, NOW)).toBe(false);
  });

  it('combines nested all/any groups', () => {
    const yes = { field: 'score', operator: 'gt', value: 10 } as const;
    const no = { field: 'score', operator: 'lt', value: 10 } as const;
    const cases: Array<[Condition, boolean]> = [
      [{ all: [yes, yes] }, true],
      [{ all: [yes, no] }, false],
      [{ any: [no, yes] }, true],
      [{ any: [no, no] }, false],
      [{ all: [yes, { any: [no, { all: [yes] }] }] }, true],
      [{ any: [no, { all: [yes, no] }] }, false],
    ];
    for (const [condition, expected] of cases) expect(evaluateCondition(condition, snapshot, NOW)).toBe(expected);
  });
});

describe('conditionFieldValue', () => {
  it('resolves each namespace and nothing outside them', () => {
    expect(conditionFieldValue('score', snapshot)).toBe(55);
    expect(conditionFieldValue('engagement.emails_sent', snapshot)).toBe(10);
    expect(conditionFieldValue('contact.custom.industry', snapshot)).toBe('SaaS');
    expect(conditionFieldValue('engagement.toString', snapshot)).toBeUndefined();
    expect(conditionFieldValue('lifecycleStage', snapshot)).toBeUndefined();
  });
});
