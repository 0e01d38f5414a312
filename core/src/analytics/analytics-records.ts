import { z } from 'zod';
import { daysBetween } from './day-buckets';
import { UserError } from '../errors';

/** A plain calendar date; days are counted in the query's time zone. */
const DaySchema = z.iso.date().describe('calendar date, YYYY-MM-DD');

/** The longest range one request may ask for: a year of daily buckets is still a small answer. */
export const MAX_ANALYTICS_DAYS = 366;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * A date range of whole days. Both ends are optional: `to` defaults to today and `from`
 * to 29 days before `to` (the last 30 days), resolved by `resolveAnalyticsRange`.
 */
export const AnalyticsRangeQuerySchema = z
  .object({
    from: DaySchema.optional().describe('first day of the range (inclusive); default 29 days before `to`'),
    to: DaySchema.optional().describe('last day of the range (inclusive); default today'),
    timezone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Paris')
      .default('UTC')
      .describe('time zone in which days begin and end'),
  })
  .superRefine((range, context) => {
    if (range.from && range.to) {
      const days = daysBetween(range.from, range.to).length;
      if (days === 0) context.addIssue({ code: 'custom', path: ['from'], message: 'must not be after `to`' });
      if (days > MAX_ANALYTICS_DAYS) {
        context.addIssue({
          code: 'custom',
          path: ['from'],
          message: `the range may span at most ${MAX_ANALYTICS_DAYS} days`,
        });
      }
    }
  });
export type AnalyticsRangeQuery = z.infer<typeof AnalyticsRangeQuerySchema>;

/** The range a query means, with its defaults filled in; `today` is a date in the query's time zone. */
export function resolveAnalyticsRange(
  query: AnalyticsRangeQuery,
  today: string,
): { from: string; to: string; timezone: string; days: string[] } {
  const to = query.to ?? today;
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const days = daysBetween(from, to);
  if (days.length === 0 || days.length > MAX_ANALYTICS_DAYS) {
    // Reached when a default end makes the range wrong (e.g. only `from`, years ago): still the caller's input.
    const message = `the range ${from} .. ${to} must hold 1 to ${MAX_ANALYTICS_DAYS} days`;
    throw new UserError('validation_failed', `invalid query: query.from: ${message}`, {
      fields: [{ field: 'query.from', message }],
    });
  }
  return { from, to, timezone: query.timezone, days };
}

/** The stages of a flow's funnel, in order. */
export const FUNNEL_METRICS = [
  'enrolled',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'goalReached',
  'unenrolled',
] as const;
export type FunnelMetric = (typeof FUNNEL_METRICS)[number];

const count = (what: string) => z.number().int().min(0).describe(what);

export const FunnelCountsSchema = z.object({
  enrolled: count('runs started (test runs excluded)'),
  sent: count('messages the flow sent, any channel'),
  delivered: count('of those sent, the ones not bounced or failed'),
  opened: count('first opens of the flow’s emails'),
  clicked: count('first clicks in the flow’s emails'),
  replied: count('first replies to the flow’s messages'),
  goalReached: count('runs that reached a goal node'),
  unenrolled: count('runs that left early (reply, goal, unsubscribe, manual …)'),
});
export type FunnelCounts = z.infer<typeof FunnelCountsSchema>;

export const DailyFunnelSchema = FunnelCountsSchema.extend({ day: DaySchema });
export type DailyFunnel = z.infer<typeof DailyFunnelSchema>;

export const StepFunnelSchema = z.object({
  nodeId: z.string(),
  nodeType: z.string().describe('node kind, e.g. send_email'),
  label: z.string().nullable().describe('the node’s title in the latest published version, if any'),
  entered: count('step runs started in the range (each visit counts)'),
  completed: count('of those, completed or captured'),
  failed: count('of those, failed'),
  waiting: count("runs resting at this step now (as the designer's badge counts them), whatever the range"),
  sent: count('messages this step sent'),
  delivered: count('of those, not bounced or failed'),
  opened: count('first opens'),
  clicked: count('first clicks'),
  replied: count('first replies'),
  goalReached: count('runs that reached this goal (goal nodes only)'),
});
export type StepFunnel = z.infer<typeof StepFunnelSchema>;

export const FlowFunnelSchema = z
  .object({
    flowId: z.string(),
    flowName: z.string(),
    from: DaySchema,
    to: DaySchema,
    timezone: z.string(),
    totals: FunnelCountsSchema.describe('the sum of `daily`'),
    daily: z.array(DailyFunnelSchema).describe('one entry per day of the range, zeros included'),
    unenrolledByReason: z
      .array(z.object({ reason: z.string().describe('e.g. replied, goal_met, unsubscribed'), count: count('runs') }))
      .describe('why runs were unenrolled in the range, most frequent first'),
    steps: z.array(StepFunnelSchema).describe('per node, in the order of the latest published version'),
  })
  .describe('a flow’s funnel; every figure counts events by the day they happened');
export type FlowFunnel = z.infer<typeof FlowFunnelSchema>;

/** What counts as converting after an A/B split. */
export const AB_CONVERSION_METRICS = ['replied', 'clicked', 'opened', 'goal'] as const;
export const AbConversionMetricSchema = z
  .enum(AB_CONVERSION_METRICS)
  .default('replied')
  .describe('what converting means: a reply, a click or an open of a message sent after the split, or a goal reached');
export type AbConversionMetric = z.infer<typeof AbConversionMetricSchema>;

export const AbTestQuerySchema = AnalyticsRangeQuerySchema.safeExtend({
  metric: AbConversionMetricSchema,
  alpha: z.coerce.number().gt(0).lt(0.5).default(0.05).describe('significance level of the test'),
});
export type AbTestQuery = z.infer<typeof AbTestQuerySchema>;

export const AbVariantResultSchema = z.object({
  handle: z.string().describe('the variant’s output name'),
  entered: count('runs that took this variant in the range'),
  conversions: count('of those, the runs that converted afterwards'),
  rate: z.number().min(0).max(1).describe('conversions / entered (0 when none entered)'),
});

export const AbComparisonSchema = z.union([
  z.object({
    handle: z.string(),
    control: z.string().describe('the variant it is compared with (the first one)'),
    z: z.number(),
    pValue: z.number().min(0).max(1).describe('two-sided p-value of a pooled two-proportion z-test'),
    significant: z.boolean().describe('pValue < alpha'),
    relativeLift: z.number().nullable().describe('(rate - control rate) / control rate'),
  }),
  z.object({
    handle: z.string(),
    control: z.string(),
    unavailable: z.enum(['no_trials', 'no_variance']).describe('why no test could be made'),
  }),
]);
export type AbComparison = z.infer<typeof AbComparisonSchema>;

export const AbSplitResultSchema = z.object({
  nodeId: z.string(),
  label: z.string().nullable(),
  variants: z.array(AbVariantResultSchema),
  comparisons: z.array(AbComparisonSchema).describe('every variant after the first, against the first'),
});
export type AbSplitResult = z.infer<typeof AbSplitResultSchema>;

export const FlowAbTestsSchema = z.object({
  flowId: z.string(),
  from: DaySchema,
  to: DaySchema,
  metric: z.enum(AB_CONVERSION_METRICS),
  alpha: z.number(),
  splits: z.array(AbSplitResultSchema),
});
export type FlowAbTests = z.infer<typeof FlowAbTestsSchema>;

export const RepActivitySchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable().describe('null when the account no longer exists'),
  emailsSent: count('messages sent to contacts the user owns'),
  replies: count('replies received from contacts the user owns'),
  tasksCreated: count('tasks the user created'),
  tasksCompleted: count('tasks the user marked done'),
  notes: count('notes the user wrote'),
  dealMoves: count('deal stage changes the user made'),
});
export type RepActivity = z.infer<typeof RepActivitySchema>;

export const RepActivityReportSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  timezone: z.string(),
  reps: z.array(RepActivitySchema).describe('every user with any activity in the range, most active first'),
});
export type RepActivityReport = z.infer<typeof RepActivityReportSchema>;
