import type { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/activity';
import type { LeadOutcome, ScoringModel } from '@cadenza/core';
import { InsufficientOutcomesError } from '@cadenza/core/scoring';
import { trainTenantLeadModel } from '@cadenza/services/scoring';

export interface TrainLeadScoringInput {
  tenantId: string;
  outcome: LeadOutcome;
  /** "api" or "schedule": stored with the version. */
  trainedBy: string;
}

/** The training activity, run by retrainLeadScoringWorkflow (from the API or the tenant's Schedule). */
export function createLeadScoringActivities(db: DataSource) {
  return {
    /** Each run stores a new version; a retry after a stored version only adds another identical-data version. */
    async trainLeadScoringModel(input: TrainLeadScoringInput): Promise<ScoringModel> {
      try {
        const {
          standardiser: _s,
          weights: _w,
          ...model
        } = await trainTenantLeadModel(db, input.tenantId, input.outcome, input.trainedBy);
        return model;
      } catch (error) {
        // Too few outcomes will not change on a retry minutes later.
        if (error instanceof InsufficientOutcomesError) {
          throw ApplicationFailure.nonRetryable(error.message, error.code);
        }
        throw error;
      }
    },
  };
}
