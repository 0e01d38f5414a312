/** One retraining Schedule per tenant. */
export const leadScoringScheduleId = (tenantId: string) => `cadenza-lead-scoring-retrain-${tenantId}`;

/** The runs of that Schedule (Temporal appends the tick's time). */
export const leadScoringScheduledRunId = (tenantId: string) => `${leadScoringScheduleId(tenantId)}-run`;

/** A retraining asked for now, by a person. */
export const leadScoringTrainWorkflowId = (tenantId: string, nonce: string) =>
  `lead-scoring-train-${tenantId}-${nonce}`;
