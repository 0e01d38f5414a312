import {
  ContactSchema,
  ENGAGEMENT_METRICS,
  type Condition,
  type ConditionOperator,
  type ConditionRule,
  type CustomFieldDefinition,
} from '@cadenza/core';

/** How an operator's value is typed in the builder (the rules mirror core's OPERATOR_VALUES). */
export type ValueKind = 'none' | 'scalar' | 'text' | 'number' | 'days' | 'date' | 'list';

const VALUE_KINDS: Record<ConditionOperator, ValueKind> = {
  equals: 'scalar',
  not_equals: 'scalar',
  contains: 'text',
  not_contains: 'text',
  starts_with: 'text',
  gt: 'number',
  gte: 'number',
  lt: 'number',
  lte: 'number',
  before: 'date',
  after: 'date',
  within_last_days: 'days',
  in: 'list',
  not_in: 'list',
  is_set: 'none',
  is_not_set: 'none',
};

export const OPERATOR_LABELS: Record<ConditionOperator, string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  before: 'is before',
  after: 'is after',
  within_last_days: 'within the last (days)',
  in: 'is one of',
  not_in: 'is none of',
  is_set: 'is set',
  is_not_set: 'is not set',
};

export const valueKindOf = (operator: ConditionOperator): ValueKind => VALUE_KINDS[operator];

type Scalar = string | number | boolean;

/** Text as typed, read as a number or true/false when it looks like one (for "equals" and lists). */
export function looseScalar(text: string): Scalar {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) && /^-?\d/.test(trimmed) ? number : text;
}

/** What a rule's value becomes from the text in its box, for the rule's operator. */
export function parseConditionValue(operator: ConditionOperator, text: string): ConditionRule['value'] {
  switch (valueKindOf(operator)) {
    case 'none':
      return undefined;
    case 'text':
    case 'date':
      return text;
    case 'number':
    case 'days': {
      const number = Number(text);
      return text.trim() !== '' && Number.isFinite(number) ? number : text;
    }
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map(looseScalar);
    case 'scalar':
      return looseScalar(text);
  }
}

/** The text shown for a value in its box. */
export function formatConditionValue(value: ConditionRule['value']): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The rule with a new operator, keeping the value when it still reads the same way, dropping it otherwise. */
export function withOperator(rule: ConditionRule, operator: ConditionOperator): ConditionRule {
  const { value: _old, ...rest } = rule;
  const value = parseConditionValue(operator, formatConditionValue(rule.value));
  return value === undefined || (Array.isArray(value) && value.length === 0)
    ? { ...rest, operator }
    : { ...rest, operator, value };
}

export const newRule = (): ConditionRule => ({ field: 'contact.email', operator: 'is_set' });

export type GroupMode = 'all' | 'any';
export const isGroup = (condition: Condition): condition is { all: Condition[] } | { any: Condition[] } =>
  'all' in condition || 'any' in condition;
export const groupModeOf = (group: { all: Condition[] } | { any: Condition[] }): GroupMode =>
  'all' in group ? 'all' : 'any';
export const childrenOf = (group: { all: Condition[] } | { any: Condition[] }): Condition[] =>
  'all' in group ? group.all : group.any;
export const groupOf = (mode: GroupMode, children: Condition[]): Condition =>
  mode === 'all' ? { all: children } : { any: children };

/** Fields a condition may test, for the field box's suggestions: contact, custom, engagement, score. */
export function conditionFieldOptions(customFields: readonly CustomFieldDefinition[]): string[] {
  const contact = Object.keys(ContactSchema.shape)
    .filter((field) => field !== 'customFields')
    .map((field) => `contact.${field}`);
  return [
    ...contact,
    ...customFields.map((field) => `contact.custom.${field.key}`),
    ...ENGAGEMENT_METRICS.map((metric) => `engagement.${metric}`),
    'score',
  ];
}
