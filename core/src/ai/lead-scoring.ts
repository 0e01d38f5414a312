import { z } from 'zod';

/**
 * What a tenant's lead-scoring model learns to predict: a won deal (against a lost one),
 * or a reply to outreach (against sent mail that got none).
 */
export const LEAD_OUTCOMES = ['deal_won', 'replied'] as const;
export const LeadOutcomeSchema = z
  .enum(LEAD_OUTCOMES)
  .describe('deal_won: won vs lost deals; replied: contacts who replied vs those mailed who did not');
export type LeadOutcome = z.infer<typeof LeadOutcomeSchema>;

/** One feature's share of a score: weight x standardised value, in log-odds. */
export const FeatureContributionSchema = z.object({
  feature: z.string().describe('feature name, e.g. "clicks"'),
  value: z.number().describe("the contact's raw feature value"),
  contribution: z.number().describe('weight x standardised value (log-odds); positive raises the score'),
});
export type FeatureContribution = z.infer<typeof FeatureContributionSchema>;

/** One reliability bin: among holdout contacts predicted in [from, to), how many had the outcome. */
export const ReliabilityBinSchema = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int(),
  meanPredicted: z.number().nullable(),
  observedRate: z.number().nullable(),
});

export const ScoringMetricsSchema = z.object({
  auc: z.number().nullable().describe('ROC AUC on the holdout set; null when it has one class only'),
  brier: z.number().describe('mean squared error of the probabilities on the holdout set (lower is better)'),
  logLoss: z.number().describe('mean negative log-likelihood on the holdout set'),
  reliability: z.array(ReliabilityBinSchema).describe('calibration: predicted vs observed rate per probability bin'),
  baseRate: z.number().describe('share of positives in the training set'),
  iterations: z.number().int(),
});
export type ScoringMetrics = z.infer<typeof ScoringMetricsSchema>;

/** A stored model version, without its weights (those stay on the server). */
export const ScoringModelSchema = z.object({
  version: z.number().int().positive(),
  outcome: LeadOutcomeSchema,
  features: z.array(z.string()),
  metrics: ScoringMetricsSchema,
  samples: z.object({
    training: z.number().int(),
    holdout: z.number().int(),
    positives: z.number().int(),
    negatives: z.number().int(),
  }),
  trainedAt: z.string(),
  trainedBy: z.string().describe('"api" for POST /ai/scoring/train, "schedule" for the retraining Schedule'),
});
export type ScoringModel = z.infer<typeof ScoringModelSchema>;

export const ScoringTrainRequestSchema = z.object({
  outcome: LeadOutcomeSchema.default('deal_won'),
  retrainEveryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24)
    .describe('how often the per-tenant Schedule retrains the model with the same outcome'),
});
export type ScoringTrainRequest = z.infer<typeof ScoringTrainRequestSchema>;

const ScoringScheduleSchema = z.object({ id: z.string(), everyHours: z.number().int() });

export const ScoringTrainResponseSchema = z.object({
  model: ScoringModelSchema,
  schedule: ScoringScheduleSchema,
});

/** Training outlasted the request (a busy or absent worker): it goes on; the version appears in the models list. */
export const ScoringTrainAcceptedSchema = z.object({
  training: z.object({ workflowId: z.string().describe('the retraining run, to follow in the Temporal UI') }),
  schedule: ScoringScheduleSchema,
});

export const ScoringScoreRequestSchema = z.object({
  contactIds: z.array(z.string().uuid()).min(1).max(1000).describe('contacts to score (at most 1000)'),
});

export const LeadScoreSchema = z.object({
  contactId: z.string(),
  score: z.number().int().min(0).max(100).describe('probability of the outcome x 100, rounded'),
  probability: z.number(),
  explanation: z.string().describe('the top feature contributions in words'),
  contributions: z.array(FeatureContributionSchema).describe('the largest contributions by magnitude'),
});
export type LeadScore = z.infer<typeof LeadScoreSchema>;

export const ScoringScoreResponseSchema = z.object({
  modelVersion: z.number().int(),
  outcome: LeadOutcomeSchema,
  items: z.array(LeadScoreSchema),
  missing: z.array(z.string()).describe('requested ids that are not contacts the caller may see'),
});
