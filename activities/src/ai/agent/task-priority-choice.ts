import { z } from 'zod';
import type { LlmUsage } from '@cadenza/core';
import type { ChatModelChoice } from '../chat-model-switch';
import { generateStructured } from '../generate-structured';
import { usageOf } from '../ai-steps';
import { promptVersionOf } from '../ai-prompts';

const PrioritySchema = z.object({ priority: z.enum(['low', 'normal', 'high']) });

const SYSTEM = 'You triage sales follow-ups. Answer with the priority of the follow-up task as JSON.';

const promptOf = (notes: string) =>
  `Lead notes:\n${notes}\n\nA lead with an open deal, a senior title or recent replies is high; no activity is low.`;

/**
 * The one decision the offline agent makes itself: the follow-up task's priority, under a JSON
 * schema grammar (the reply is always one of the three values, whatever the model's skill).
 */
export async function chooseTaskPriority(
  choice: ChatModelChoice,
  notes: string,
): Promise<{ priority: 'low' | 'normal' | 'high' } & LlmUsage> {
  const chosen = await generateStructured(
    choice,
    PrioritySchema,
    { system: SYSTEM, user: promptOf(notes) },
    {
      maxTokens: 16,
      attempts: 1,
    },
  );
  return { priority: chosen.value.priority, ...usageOf(choice, promptVersionOf(SYSTEM, promptOf('')), chosen) };
}
