import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { currentNodeQuery, inboundEventSignal } from '@cadenza/contracts';
import { findMessageById, insertMessage, type DataSource, type StoredMessage } from '@cadenza/data';
import { recordInboundEvent } from '@cadenza/services/messaging';

/** An email the run sent (as send_email would have stored it), for a reply to answer. */
export async function sentEmail(
  db: DataSource,
  run: { tenantId: string; enrollmentId: string; contactId: string },
  to: string,
): Promise<StoredMessage> {
  const id = await db.transaction((manager) =>
    insertMessage(manager, {
      tenantId: run.tenantId,
      idempotencyKey: `reply-triage-test:${randomUUID()}`,
      enrollmentId: run.enrollmentId,
      contactId: run.contactId,
      channel: 'email',
      provider: 'smtp',
      mailboxId: null,
      rfcMessageId: `<${randomUUID()}@cadenza.test>`,
      from: 'rep@cadenza.test',
      to,
      subject: 'Quick question',
      html: '<p>Hi</p>',
      text: 'Hi',
      raw: null,
      status: 'sent',
    }),
  );
  return (await findMessageById(db, id!))!;
}

/**
 * The contact answers `message` (a reply, or an automatic reply): recorded and signalled by the
 * platform's own intake, as the mailbox sync and the provider webhooks do.
 */
export async function answer(
  db: DataSource,
  client: Client,
  message: StoredMessage,
  kind: 'reply' | 'auto_reply',
  text: string,
): Promise<{ signalled: boolean }> {
  return recordInboundEvent(
    db,
    (workflowId, event) => client.workflow.getHandle(workflowId).signal(inboundEventSignal, event),
    message,
    kind,
    { from: message.to_address, subject: `Re: ${message.subject ?? ''}`, text },
  );
}

/** Until the run rests at `nodeId` with `status` (its run row exists by then, so the intake finds it). */
export async function runAt(handle: WorkflowHandle, nodeId: string, status = 'waiting'): Promise<void> {
  // A patient bound, not a timing claim: reading a reply embeds it on a CI box that is busy with
  // other suites, which can take several seconds.
  const deadline = Date.now() + 60_000;
  let current: { nodeId: string | null; status: string } | undefined;
  while (Date.now() < deadline) {
    current = await handle.query(currentNodeQuery);
    if (current.nodeId === nodeId && current.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the run never was ${status} at ${nodeId} (last: ${current?.status} at ${current?.nodeId})`);
}
