import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { findSinkMessages } from '@cadenza/data';
import type { SmtpSink } from '@cadenza/services/messaging';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A send over its mailbox's daily cap waits durably in the run (it neither fails the run
 * after the activity's retries nor is dropped), and goes out once, under the same key, when
 * a slot is free.
 */
describe('throttled sends', () => {
  let sink: SmtpSink;
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ sink, platform, tenant, admin, stop } = await startMessagingPlatform('throttle'));
  });
  afterAll(() => stop?.());

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('waits at the send when the mailbox daily cap is spent, and sends once when a slot frees up', async () => {
    // A mailbox of its own (its own Redis counter) that relays through the local SMTP sink.
    const mailbox = await api('/mailboxes', {
      method: 'POST',
      body: {
        kind: 'smtp',
        name: 'Capped',
        fromAddress: 'rep@acme.test',
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        dailyLimit: 1,
        isDefault: true,
      },
    });
    expect(mailbox.status).toBe(201);
    const created = await api('/flows', {
      method: 'POST',
      body: {
        name: `Flow ${randomUUID()}`,
        kind: 'sequence',
        draft: flowOf(
          [
            { id: 'mail', type: 'send_email', settings: { subject: 'Capped', body: 'Hi' } },
            { id: 'tag', type: 'add_tag', settings: { tag: 'mailed' } },
          ],
          [
            ['start', 'mail'],
            ['mail', 'tag'],
          ],
        ),
      },
    });
    await api(`/flows/${created.body.id}/publish`, { method: 'POST' });
    const [first, second] = [
      await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` }),
      await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` }),
    ];
    const runOf = async (contactId: string) =>
      (await api(`/runs?flowId=${created.body.id}&contactId=${contactId}`)).body.items[0];
    const outbox = async (contactId: string) => (await api(`/outbox?contactId=${contactId}`)).body.items as any[];

    await api(`/flows/${created.body.id}/enrollments`, { method: 'POST', body: { contactIds: [first] } });
    await waitUntil('first run done', async () => ((await runOf(first))?.status === 'completed' ? true : undefined), {
      timeoutMs: 30_000,
    });
    await api(`/flows/${created.body.id}/enrollments`, { method: 'POST', body: { contactIds: [second] } });
    const waiting = await waitUntil(
      'second run waiting at the send',
      async () => {
        const run = await runOf(second);
        return run?.status === 'waiting' && run.currentNodeId === 'mail' ? run : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // Longer than the activity's five retries would take to fail the run: still waiting, nothing sent.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await runOf(second)).toMatchObject({ status: 'waiting', currentNodeId: 'mail' });
    expect(await outbox(second)).toEqual([]);
    const [claims] = (await platform.db.query(
      `SELECT count(*)::int AS count FROM flow_side_effects WHERE enrollment_id = $1`,
      [waiting.enrollmentId],
    )) as Array<{ count: number }>;
    expect(claims).toEqual({ count: 0 });

    // A free slot (the limit raised), and an operator asking to try now: the send goes out once.
    expect((await api(`/mailboxes/${mailbox.body.id}`, { method: 'PATCH', body: { dailyLimit: 2 } })).status).toBe(200);
    expect((await api(`/runs/${waiting.enrollmentId}/skip-wait`, { method: 'POST' })).status).toBe(202);
    await waitUntil('second run done', async () => ((await runOf(second))?.status === 'completed' ? true : undefined), {
      timeoutMs: 30_000,
    });
    const [sent] = await outbox(second);
    expect(sent).toMatchObject({ status: 'sent', provider: 'smtp' });
    expect(await findSinkMessages(platform.db, sent.rfcMessageId)).toHaveLength(1);
    const keys = (await platform.db.query(`SELECT idempotency_key FROM messages WHERE enrollment_id = $1`, [
      waiting.enrollmentId,
    ])) as Array<{ idempotency_key: string }>;
    expect(keys).toHaveLength(1);
  });
});
