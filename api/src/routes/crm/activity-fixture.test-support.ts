import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Principal } from '@cadenza/core';
import { createContact, insertMessage, saveRunProjection, type DataSource } from '@cadenza/data';
import { flowOf, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { IDLE_TASK_QUEUE } from './crm-test-api.test-support';

/**
 * What flows leave about one contact (owned by `owner`): an active flow, a run of it with a
 * step that captured the contact's email, and a message sent to them. Made through the
 * repositories, so no worker runs anything.
 */
export interface ActivityFixture {
  contactId: string;
  flowId: string;
  enrollmentId: string;
  messageId: string;
  /** A bulk-enrollment id of this tenant that no workflow has. */
  bulkEnrollmentId: string;
}

export async function createActivityFixture(
  db: DataSource,
  temporal: Client,
  admin: Principal,
  owner: string,
): Promise<ActivityFixture> {
  const suffix = randomUUID().slice(0, 8);
  const email = `activity-${suffix}@example.com`;
  const contact = await createContact(db, admin, { firstName: 'Activity', email, ownerId: owner });
  const { flowId } = await publishedFlow(
    db,
    admin,
    flowOf([{ id: 'tag', type: 'add_tag', settings: { tag: 'activity' } }], [['start', 'tag']]),
    `Activity flow ${suffix}`,
  );
  // Open on a queue no worker polls, so signals to the run are accepted and never acted on.
  const workflowId = `ownership-fixture:${admin.tenantId}:${suffix}`;
  await temporal.workflow.start('flowRunWorkflow', { taskQueue: IDLE_TASK_QUEUE, workflowId, args: [] });
  const enrollmentId = randomUUID();
  const now = new Date().toISOString();
  await saveRunProjection(
    db,
    {
      enrollmentId,
      tenantId: admin.tenantId,
      workflowId,
      flowId,
      flowVersion: 1,
      contactId: contact.id,
      testMode: false,
      status: 'waiting',
      currentNodeId: 'tag',
      startedAt: now,
    },
    [
      {
        nodeId: 'tag',
        nodeType: 'add_tag',
        visit: 1,
        status: 'waiting',
        output: null,
        result: { email },
        startedAt: now,
        endedAt: null,
      },
    ],
  );
  // As the messaging activity does: the row and its event in one transaction.
  const messageId = await db.transaction((manager) =>
    insertMessage(manager, {
      tenantId: admin.tenantId,
      idempotencyKey: `${enrollmentId}:mail:1`,
      enrollmentId,
      contactId: contact.id,
      channel: 'email',
      provider: 'smtp',
      mailboxId: null,
      rfcMessageId: `${suffix}@cadenza.test`,
      from: 'rep@example.com',
      to: email,
      subject: `Hello ${suffix}`,
      html: '<p>secret body</p>',
      text: 'secret body',
      raw: 'Subject: hello\r\n\r\nsecret body',
      status: 'sent',
    }),
  );
  return {
    contactId: contact.id,
    flowId,
    enrollmentId,
    messageId: messageId!,
    bulkEnrollmentId: `bulk-enroll:${admin.tenantId}:${flowId}:${suffix}`,
  };
}
