import { readReply } from '../reply-triage/read-reply';
import type { ActionActivityFactory } from './action-tools';

/**
 * "Read the reply": reads the latest reply to this run's emails (the one the reply wait before
 * the step received), once: a reply the run already read on arrival answers its stored verdict.
 * The workflow takes the output named by the intent (needs_review when unsure). Nothing is
 * written but the reading itself, so a test run reads too.
 */
export const triageReply: ActionActivityFactory<'triage_reply'> = (tools) => async (input) => {
  const [latest] = (await tools.deps.db.query(
    `SELECT e.message_id FROM message_events e JOIN messages m ON m.id = e.message_id AND m.tenant_id = e.tenant_id
     WHERE m.tenant_id = $1 AND m.enrollment_id = $2 AND e.kind = 'reply'
     ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1`,
    [input.tenantId, input.enrollmentId],
  )) as Array<{ message_id: string }>;
  const reading = latest
    ? await readReply(tools.deps.db, tools.deps.replyTriager, {
        tenantId: input.tenantId,
        messageId: latest.message_id,
        eventKind: 'reply',
      })
    : ({ unread: 'no_reply' } as const);
  const result =
    'triage' in reading ? { ...reading.triage, messageId: latest!.message_id } : { unread: reading.unread };
  return { result, captured: false, performed: true };
};
