import type { ActionInputOf, FlowActionResult } from '../../flow/flow-action-input';
import type { AiActionTools } from '../ai-flow-actions';
import { modelScoreOf } from '@cadenza/services/scoring';

/**
 * score_lead (AI method) with the tenant's trained model: the contact's score is the model's
 * probability x 100, explained by its top feature contributions. Null while the tenant has no
 * model (or the step has no database), in which case the caller falls back to the LLM judge.
 */
export async function modelScoreLeadAction(
  input: ActionInputOf<'score_lead'>,
  tools: AiActionTools,
): Promise<FlowActionResult | null> {
  if (!tools.db) return null;
  const scored = await modelScoreOf(tools.db, input.tenantId, input.contactId);
  if (!scored) return null;
  const result = {
    method: 'model' as const,
    modelVersion: scored.modelVersion,
    outcome: scored.outcome,
    probability: scored.probability,
    explanation: scored.explanation,
    contributions: scored.contributions,
  };
  return tools.perform(
    input,
    () => ({ ...result, score: scored.score }),
    async (manager) => {
      const contact = await tools.crm.loadContactSnapshot(input.tenantId, input.contactId);
      // The CRM port adds points; the difference from the current score sets it to the model's value.
      const stored = await tools.crm.addScore(
        manager,
        input.tenantId,
        input.contactId,
        scored.score - (contact.score ?? 0),
        tools.actorOf(input),
      );
      return { ...result, score: stored.score };
    },
  );
}
