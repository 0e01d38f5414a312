import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import type { RetrainLeadScoringInput } from '@cadenza/contracts';
import type { ScoringModel } from '@cadenza/core';

const { trainLeadScoringModel } = proxyActivities<Activities>({
  // Loading a tenant's contacts and a few hundred passes of gradient descent: seconds, not hours.
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/** Trains and stores a new lead-scoring model version; started by the API or the tenant's retraining Schedule. */
export async function retrainLeadScoringWorkflow(input: RetrainLeadScoringInput): Promise<ScoringModel> {
  return trainLeadScoringModel(input);
}
