import { z } from 'zod';

/**
 * The condition language used by branches, goals and trigger filters: a leaf compares one
 * field with a value, and `all` / `any` groups nest leaves and groups. Fields are namespaced
 * so the engine knows where each value comes from (contact record, engagement stats, score).
 */

export const ENGAGEMENT_METRICS = [
  'emails_sent',
  'emails_opened',
  'emails_clicked',
  'emails_replied',
  'last_opened_at',
  'last_clicked_at',
  'last_replied_at',
] as const;

const FIELD_PATTERN = new RegExp(
  `^(contact\\.[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*|engagement\\.(${ENGAGEMENT_METRICS.join('|')})|score)$`,
);

export const ConditionFieldSchema = z
  .string()
  .regex(FIELD_PATTERN, `must be contact.<field>, engagement.<${ENGAGEMENT_METRICS.join('|')}> or score`)
  .describe('What to test: contact.<field>, engagement.<metric> or score');

export const CONDITION_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'before',
  'after',
  'within_last_days',
  'in',
  'not_in',
  'is_set',
  'is_not_set',
] as const;
export const ConditionOperatorSchema = z.enum(CONDITION_OPERATORS);
export type ConditionOperator = z.infer<typeof ConditionOperatorSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** What `value` each operator takes; a Record so a new operator cannot ship without a rule. */
const OPERATOR_VALUES: Record<ConditionOperator, { schema: z.ZodType; hint: string }> = {
  equals: { schema: scalar, hint: 'a text, number or true/false' },
  not_equals: { schema: scalar, hint: 'a text, number or true/false' },
  contains: { schema: z.string(), hint: 'a text' },
  not_contains: { schema: z.string(), hint: 'a text' },
  starts_with: { schema: z.string(), hint: 'a text' },
  gt: { schema: z.number(), hint: 'a number' },
  gte: { schema: z.number(), hint: 'a number' },
  lt: { schema: z.number(), hint: 'a number' },
  lte: { schema: z.number(), hint: 'a number' },
  before: { schema: isoDate, hint: 'an ISO date' },
  after: { schema: isoDate, hint: 'an ISO date' },
  within_last_days: { schema: z.number().int().positive(), hint: 'a whole number of days' },
  in: { schema: z.array(scalar).min(1), hint: 'a non-empty list' },
  not_in: { schema: z.array(scalar).min(1), hint: 'a non-empty list' },
  is_set: { schema: z.undefined(), hint: 'no value' },
  is_not_set: { schema: z.undefined(), hint: 'no value' },
};

export const ConditionRuleSchema = z
  .object({
    field: ConditionFieldSchema,
    operator: ConditionOperatorSchema.describe('How to compare the field with the value'),
    value: z
      .union([scalar, z.array(scalar)])
      .optional()
      .describe('Value to compare with; a list for in/not_in, absent for is_set/is_not_set'),
  })
  .superRefine((rule, ctx) => {
    const expected = OPERATOR_VALUES[rule.operator];
    if (expected.schema.safeParse(rule.value).success) return;
    ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${rule.operator}" takes ${expected.hint}` });
  });

// Getters let the groups refer to `ConditionSchema` before it is initialised (zod v4 recursion).
const AllGroupSchema = z.object({
  get all() {
    return z.array(ConditionSchema).min(1).describe('Every condition must hold');
  },
});
const AnyGroupSchema = z.object({
  get any() {
    return z.array(ConditionSchema).min(1).describe('At least one condition must hold');
  },
});

export const ConditionSchema = z.union([ConditionRuleSchema, AllGroupSchema, AnyGroupSchema]);
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionRule = z.infer<typeof ConditionRuleSchema>;
