import {
  ReplyTriageRequestSchema,
  TRIAGE_REVIEW_THRESHOLD,
  type ReplyTriage,
  type ReplyTriageRequest,
} from '@cadenza/core';
import type { Embedder } from '../embeddings';
import { featureVector } from './reply-features';
import { completeTriage } from './complete-triage';
import { modelIdOf, predictIntent, type ReplyTriageModel } from './reply-triage-model';
import { currentReplyTriageModel } from './current-model';
import type { ReplyTriager } from './reply-triager';
import { triageInput } from './reply-text';

/** A model is only as good as the vectors it reads: another embedder's 384 numbers mean something else. */
export class EmbedderMismatchError extends Error {
  constructor(model: ReplyTriageModel, embedder: string) {
    super(
      `reply-triage model ${modelIdOf(model)} was trained on embeddings of ${model.embedder}, but this embedder is ${embedder}; ` +
        'triage with the local embedder (createEmbedder with EMBEDDING_PROVIDER=local) or retrain with `npm run train:reply-triage`',
    );
  }
}

/**
 * The offline triager: the reply's body (quotes, signature and footers stripped) embedded by the
 * embedder the model was trained with, plus a few lexical features, through the committed softmax
 * model; then the return date or the referral read from the text when the intent has one.
 */
export function createLocalReplyTriager(
  embedder: Embedder,
  model: ReplyTriageModel = currentReplyTriageModel(),
): ReplyTriager {
  if (embedder.model !== model.embedder) throw new EmbedderMismatchError(model, embedder.model);
  const id = modelIdOf(model);
  return {
    model: id,
    async triage(request: ReplyTriageRequest): Promise<ReplyTriage> {
      const { text, subject, receivedAt } = ReplyTriageRequestSchema.parse(request);
      const input = triageInput({ text, ...(subject !== undefined ? { subject } : {}) });
      const [embedding] = await embedder.embed([input.body]);
      const { intent, confidence } = predictIntent(model, featureVector(embedding!, input.body, input.subject));
      return completeTriage(
        { intent, confidence, needsReview: confidence < TRIAGE_REVIEW_THRESHOLD, model: id },
        input.body,
        receivedAt,
      );
    },
  };
}
