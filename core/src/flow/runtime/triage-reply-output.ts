import type { ReplyIntent } from '../../ai/reply-intents';
import type { FlowDefinition } from '../flow-definition';
import { NEEDS_REVIEW_OUTPUT } from '../kinds/triage-reply/kind';
import { DEFAULT_OUTPUT } from '../node-output';

/** What the triage_reply step's activity answers: a reading, or why there is none. */
export type TriageReplyReading = { intent: ReplyIntent; needsReview: boolean } | { unread: string };

/**
 * The output a "Read the reply" step takes: the intent's (needs_review when the reading is
 * unsure or the reply could not be read), and `next` when that output is not connected or there
 * was no reply at all (the wait before it timed out).
 */
export function triageReplyOutput(
  definition: Pick<FlowDefinition, 'edges'>,
  nodeId: string,
  reading: TriageReplyReading,
): string {
  const wanted =
    'unread' in reading
      ? reading.unread === 'no_reply'
        ? DEFAULT_OUTPUT
        : NEEDS_REVIEW_OUTPUT
      : reading.needsReview
        ? NEEDS_REVIEW_OUTPUT
        : reading.intent;
  const connected = definition.edges.some((edge) => edge.from === nodeId && (edge.handle ?? DEFAULT_OUTPUT) === wanted);
  return connected ? wanted : DEFAULT_OUTPUT;
}
