import type { ReplyLabel, LlmUsage } from '@cadenza/core';
import { classifyReply, type ChatModelSource } from './ai-steps';
import type { DataSource } from 'typeorm';
import { meteredFor } from './token-meter';

/** AI activities that are not flow actions: a workflow calls them to decide a branch. */
export function createAiActivities(deps: { chatModel: ChatModelSource; db?: DataSource }) {
  const source = deps.chatModel;
  // Metered against the tenant's token budget when the worker hands in its database.
  const modelFor = (tenantId: string) => (deps.db ? meteredFor(source, deps.db, tenantId) : source);
  return {
    /** Reads an inbound reply and answers one label; no side effect, so a retry simply asks again. */
    async aiClassifyReply(input: { tenantId: string; text: string }): Promise<{ label: ReplyLabel } & LlmUsage> {
      const {
        raw: _raw,
        attempts: _attempts,
        ...result
      } = await classifyReply(await modelFor(input.tenantId)(), input.text);
      return result;
    },
  };
}
