import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { z } from 'zod';
import { callChatModel } from './call-chat-model';
import type { ChatModelChoice } from './chat-model-switch';
import { StructuredOutputError, jsonSchemaOf, parseStructuredOutput } from './structured-output';

export interface StructuredResult<T> {
  value: T;
  raw: string;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
}

/**
 * Asks for JSON matching `schema`, validates it with zod, and asks again when it does not validate
 * (a grammar guarantees the shape but not ranges such as 0..100). Throws StructuredOutputError with every raw reply.
 */
export async function generateStructured<S extends z.ZodType>(
  choice: ChatModelChoice,
  schema: S,
  prompt: { system: string; user: string },
  options: { maxTokens: number; attempts?: number; jsonSchema?: Record<string, unknown> },
): Promise<StructuredResult<z.infer<S>>> {
  // A hand-written schema when zod's would use what the grammar lacks (anyOf for nullable values).
  const jsonSchema = options.jsonSchema ?? jsonSchemaOf(schema);
  const attempts = options.attempts ?? 2;
  const raw: string[] = [];
  const problems: string[] = [];
  const totals = { inputTokens: 0, outputTokens: 0, latencyMs: 0 };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const call = await callChatModel(choice, [new SystemMessage(prompt.system), new HumanMessage(prompt.user)], {
      maxTokens: options.maxTokens,
      jsonSchema,
    }).catch((error: unknown) => {
      // The vendor SDK parses a structured answer itself and throws SyntaxError when it is not
      // JSON: that is an invalid answer (ask again, then give up), not a transient failure to retry forever.
      if (error instanceof SyntaxError) return { invalid: error.message };
      throw error;
    });
    if ('invalid' in call) {
      raw.push('');
      problems.push(`the answer is not JSON: ${call.invalid}`);
      continue;
    }
    totals.inputTokens += call.inputTokens;
    totals.outputTokens += call.outputTokens;
    totals.latencyMs += call.latencyMs;
    raw.push(call.text);
    const parsed = parseStructuredOutput(schema, call.text);
    if (parsed.ok) return { value: parsed.value, raw: call.text, attempts: attempt, ...totals };
    problems.push(parsed.problem);
  }
  throw new StructuredOutputError(problems, raw);
}
