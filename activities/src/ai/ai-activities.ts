import { ApplicationFailure } from '@temporalio/activity';
import { ZodError } from 'zod';
import { TRIAGE_MAX_TEXT, type AiEnv, type ReplyTriage, type ReplyTriageRequest } from '@cadenza/core';
import { EmbedderMismatchError } from '@cadenza/services/ai';
import type { EgressGuard } from '@cadenza/services/net';
import type { DataSource } from 'typeorm';
import type { ChatModelSource } from './ai-steps';
import { meteredFor } from './token-meter';
import { createReplyTriager } from './triage/reply-triager-switch';

/** AI activities that are not flow actions: a workflow calls them to decide a branch or answer the API. */
export function createAiActivities(deps: {
  chatModel: ChatModelSource;
  ai: AiEnv;
  egress: EgressGuard;
  db?: DataSource;
}) {
  const source = deps.chatModel;
  // Metered against the tenant's token budget when the worker hands in its database; only the
  // vendor path calls a chat model, so the offline classifier never touches the budget.
  const modelFor = (tenantId: string) => (deps.db ? meteredFor(source, deps.db, tenantId) : source);
  return {
    /**
     * Reads an inbound reply and answers its intent (with confidence, needsReview, return date or
     * referral); no side effect, so a retry simply asks again. Bad input and a model that does not
     * fit the embedder will not get better by retrying.
     */
    async triageReply(input: { tenantId: string } & ReplyTriageRequest): Promise<ReplyTriage> {
      const { tenantId, ...request } = input;
      // A flow hands in whatever arrived; the start of a very long reply says what it means (the API refuses longer).
      const cut = { ...request, text: request.text.slice(0, TRIAGE_MAX_TEXT) };
      try {
        return await createReplyTriager(deps.ai, deps.egress, { chatModel: modelFor(tenantId) }).triage(cut);
      } catch (error) {
        if (error instanceof ZodError)
          throw ApplicationFailure.nonRetryable(
            `invalid reply-triage request: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
            'InvalidTriageRequest',
          );
        if (error instanceof EmbedderMismatchError)
          throw ApplicationFailure.nonRetryable(error.message, 'TriageModelMismatch');
        throw error;
      }
    },
  };
}
