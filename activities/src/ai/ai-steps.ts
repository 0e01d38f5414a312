import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ApplicationFailure } from '@temporalio/activity';
import {
  AiLeadScoreSchema,
  ReplyClassificationSchema,
  type AiLeadScore,
  type LlmUsage,
  type ReplyLabel,
} from '@cadenza/core';
import {
  CLASSIFY_REPLY_SYSTEM,
  SCORE_LEAD_SYSTEM,
  classifyReplyPrompt,
  promptVersionOf,
  scoreLeadPrompt,
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

export async function classifyReply(
  choice: ChatModelChoice,
  replyText: string,
): Promise<{ label: ReplyLabel; raw: string; attempts: number } & LlmUsage> {
  const result = await structuredOrFail(() =>
    generateStructured(
      choice,
      ReplyClassificationSchema,
      { system: CLASSIFY_REPLY_SYSTEM, user: classifyReplyPrompt(replyText) },
      { maxTokens: 24 },
    ),
  );
  return {
    label: result.value.label,
    raw: result.raw,
    attempts: result.attempts,
    ...usageOf(choice, promptVersionOf(CLASSIFY_REPLY_SYSTEM, classifyReplyPrompt('')), result),
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
