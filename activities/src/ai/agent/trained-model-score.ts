import type { AiLeadScore, LlmUsage } from '@cadenza/core';
import type { ModelScore } from '@cadenza/core/scoring';

/** How the score node records a score from the tenant's trained model rather than from a chat model. */
export const LEAD_MODEL_PROVIDER = 'lead-model';

/** The explanation field of a chain score is bounded (AiLeadScoreSchema); the model's own may be longer. */
const EXPLANATION_MAX = 200;

/**
 * The score node's answer from the tenant's trained lead-scoring model: its 0..100 score and its top
 * feature contributions in words, recorded as a call that used no tokens (nothing was generated, nothing
 * is counted against the budget), labelled with the model version that produced it.
 */
export function trainedModelScore(
  scored: Pick<ModelScore, 'score' | 'explanation'> & { modelVersion: number },
  latencyMs: number,
): AiLeadScore & LlmUsage {
  const explanation =
    scored.explanation.length <= EXPLANATION_MAX
      ? scored.explanation
      : `${scored.explanation.slice(0, EXPLANATION_MAX - 1)}…`;
  return {
    score: Math.min(100, Math.max(0, Math.round(scored.score))),
    explanation,
    provider: LEAD_MODEL_PROVIDER,
    model: `lead-model-v${scored.modelVersion}`,
    promptVersion: `lead-model@v${scored.modelVersion}`,
    inputTokens: 0,
    outputTokens: 0,
    latencyMs,
  };
}
