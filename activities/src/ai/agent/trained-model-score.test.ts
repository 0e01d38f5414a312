import { AiLeadScoreSchema, LlmUsageSchema } from '@cadenza/core';
import { trainedModelScore } from './trained-model-score';

describe('trainedModelScore', () => {
  it('carries the model score and explanation, labelled with the model version and no tokens', () => {
    const scored = trainedModelScore(
      { score: 87, explanation: 'P=0.87; top contributions (log-odds): clicks=1 (+1.10)', modelVersion: 3 },
      4,
    );
    expect(scored).toEqual({
      score: 87,
      explanation: 'P=0.87; top contributions (log-odds): clicks=1 (+1.10)',
      provider: 'lead-model',
      model: 'lead-model-v3',
      promptVersion: 'lead-model@v3',
      inputTokens: 0,
      outputTokens: 0,
      latencyMs: 4,
    });
    expect(AiLeadScoreSchema.safeParse(scored).success).toBe(true);
    expect(LlmUsageSchema.safeParse(scored).success).toBe(true);
  });

  it('keeps a long explanation within the chain score schema', () => {
    const scored = trainedModelScore({ score: 12, explanation: 'x'.repeat(500), modelVersion: 1 }, 0);
    expect(scored.explanation).toHaveLength(200);
    expect(AiLeadScoreSchema.safeParse(scored).success).toBe(true);
  });
});
