import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import {
  AiLeadScoreSchema,
  ReplyIntentSchema,
  ReplyTriageRequestSchema,
  TRIAGE_REVIEW_THRESHOLD,
  type AiLeadScore,
  type LlmUsage,
  type ReplyTriage,
  type ReplyTriageRequest,
} from '@cadenza/core';
import { completeTriage, triageInput } from '@cadenza/services/ai';
import {
  SCORE_LEAD_SYSTEM,
  TRIAGE_REPLY_SYSTEM,
  promptVersionOf,
  scoreLeadPrompt,
  triageReplyPrompt,
} from './ai-prompts';
import { callChatModel } from './call-chat-model';
import type { ChatModelChoice } from './chat-model-switch';
import { generateStructured, type StructuredResult } from './generate-structured';
import { StructuredOutputError } from './structured-output';

/** Picks the chat model for one step (`model` is the step's optional model id). */
export type ChatModelSource = (model?: string) => Promise<ChatModelChoice>;

export const usageOf = (
  choice: ChatModelChoice,
  promptVersion: string,
  call: { inputTokens: number; outputTokens: number; latencyMs: number },
): LlmUsage => ({
  provider: choice.active.provider,
  model: choice.active.model,
  promptVersion,
  inputTokens: call.inputTokens,
  outputTokens: call.outputTokens,
  latencyMs: call.latencyMs,
});

/** Free text from a rendered prompt, with what it cost. */
export async function generateText(
  choice: ChatModelChoice,
  request: { system?: string; prompt: string; maxTokens: number; promptVersion: string },
): Promise<{ text: string } & LlmUsage> {
  const messages: BaseMessage[] = [
    ...(request.system ? [new SystemMessage(request.system)] : []),
    new HumanMessage(request.prompt),
  ];
  const call = await callChatModel(choice, messages, { maxTokens: request.maxTokens });
  const text = call.text.trim();
  // Same prompt, temperature 0: a retry would give the same nothing.
  if (!text) throw ApplicationFailure.nonRetryable('the model returned an empty text', 'LlmEmptyOutput');
  return { text, ...usageOf(choice, request.promptVersion, call) };
}

/** A failed structured step keeps the raw replies, so a human can see what the model said. */
export async function structuredOrFail<T>(work: () => Promise<StructuredResult<T>>): Promise<StructuredResult<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StructuredOutputError)
      throw ApplicationFailure.create({
        message: error.message,
        type: 'LlmInvalidOutput',
        nonRetryable: true,
        details: [{ problems: error.problems, rawReplies: error.rawReplies }],
      });
    throw error;
  }
}

/** What the vendor model answers for a reply; the extractions (return date, referral) are read from the text after. */
export const VendorReplyIntentSchema = z.object({
  intent: ReplyIntentSchema.describe('What the reply means for the sequence'),
  confidence: z.number().min(0).max(1).describe('Probability that the intent is right'),
});

/**
 * Reply triage by a chat model (the vendor path; offline, the trained classifier answers instead):
 * the same preprocessing as the classifier (quote and signature stripped), a JSON-schema answer,
 * then the same extractions. `model` on the answer is `<provider>:<model>`.
 */
export async function triageReplyWithModel(
  choice: ChatModelChoice,
  request: ReplyTriageRequest,
): Promise<{ triage: ReplyTriage; raw: string; attempts: number } & LlmUsage> {
  const { text, subject, receivedAt } = ReplyTriageRequestSchema.parse(request);
  const input = triageInput({ text, ...(subject !== undefined ? { subject } : {}) });
  const result = await structuredOrFail(() =>
    generateStructured(
      choice,
      VendorReplyIntentSchema,
      { system: TRIAGE_REPLY_SYSTEM, user: triageReplyPrompt(input.subject, input.body) },
      { maxTokens: 40 },
    ),
  );
  const { intent, confidence } = result.value;
  const triage = completeTriage(
    {
      intent,
      confidence,
      needsReview: confidence < TRIAGE_REVIEW_THRESHOLD,
      model: `${choice.active.provider}:${choice.active.model}`,
    },
    input.body,
    receivedAt,
  );
  return {
    triage,
    raw: result.raw,
    attempts: result.attempts,
    ...usageOf(choice, promptVersionOf(TRIAGE_REPLY_SYSTEM, triageReplyPrompt('', '')), result),
  };
}

export async function scoreLead(
  choice: ChatModelChoice,
  criteria: string,
  contact: Record<string, unknown>,
): Promise<AiLeadScore & { raw: string; attempts: number } & LlmUsage> {
  const result = await structuredOrFail(() =>
    generateStructured(
      choice,
      AiLeadScoreSchema,
      { system: SCORE_LEAD_SYSTEM, user: scoreLeadPrompt(criteria, contact) },
      { maxTokens: 120, attempts: 2 },
    ),
  );
  return {
    ...result.value,
    raw: result.raw,
    attempts: result.attempts,
    ...usageOf(choice, promptVersionOf(SCORE_LEAD_SYSTEM, criteria), result),
  };
}
