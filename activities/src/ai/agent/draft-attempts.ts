import { HumanMessage } from '@langchain/core/messages';
import type { z } from 'zod';
import type { DraftFacts } from '@cadenza/core';
import { callChatModel } from '../call-chat-model';
import type { ChatModelChoice } from '../chat-model-switch';
import { generateStructured } from '../generate-structured';
import { StructuredOutputError } from '../structured-output';
import { OPENING_STOP, composeDraft, openingDocument, openingOf } from './draft-composition';
import type { DraftAttempt } from './gated-draft';

export interface AttemptCost {
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
}

/** One sentence is all the local model writes; a short cap also keeps it from running on. */
const OPENING_TOKENS = 48;
/** The retry samples (another seed, some temperature) where the first try was greedy. */
const RETRY = { seed: 7, temperature: 0.7 };

/**
 * The local base model's attempt: it continues a few-shot document of openings for this record with
 * one line, and the template frames that line. Framing 0 is greedy, framing 1 another example set sampled.
 */
export const localOpeningAttempt =
  (choice: ChatModelChoice, facts: DraftFacts, reason: string): DraftAttempt<AttemptCost> =>
  async (framing) => {
    const call = await callChatModel(choice, [new HumanMessage(openingDocument(facts, reason, framing))], {
      maxTokens: OPENING_TOKENS,
      completion: { stop: OPENING_STOP, ...(framing === 0 ? {} : RETRY) },
    });
    const opening = openingOf(call.text);
    return {
      draft: opening ? composeDraft(facts, opening) : null,
      usage: { inputTokens: call.inputTokens, outputTokens: call.outputTokens, latencyMs: call.latencyMs },
    };
  };

/**
 * A chat model's attempt (an instruction-tuned vendor model): the whole draft as JSON. Output that
 * does not parse counts as no draft, so the gate's fallback takes over instead of failing the step.
 */
export const chatDraftAttempt =
  <S extends z.ZodType<{ subject: string; body: string }>>(
    choice: ChatModelChoice,
    schema: S,
    prompt: { system: string; user: string },
    maxTokens: number,
  ): DraftAttempt<AttemptCost> =>
  async () => {
    try {
      const written = await generateStructured(choice, schema, prompt, { maxTokens, attempts: 1 });
      const value = written.value as { subject: string; body: string };
      return {
        draft: { subject: value.subject.trim(), body: value.body.trim() },
        usage: { inputTokens: written.inputTokens, outputTokens: written.outputTokens, latencyMs: written.latencyMs },
      };
    } catch (error) {
      if (!(error instanceof StructuredOutputError)) throw error;
      return { draft: null, usage: { inputTokens: 0, outputTokens: 0, latencyMs: 0 } };
    }
  };
