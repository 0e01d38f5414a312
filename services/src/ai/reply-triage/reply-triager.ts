import type { ReplyTriage, ReplyTriageRequest } from '@cadenza/core';

/**
 * Whoever reads replies: the offline classifier (sentence embeddings + a trained model, the
 * default) or the vendor model when an OpenAI key is configured. The activities pick one at
 * worker boot; the API's endpoint and the flow run both ask through this interface.
 */
export interface ReplyTriager {
  /** Classifier and version, e.g. `minilm-logreg@3f2a9c1d`; also on every answer as `model`. */
  readonly model: string;
  triage(request: ReplyTriageRequest): Promise<ReplyTriage>;
}
