import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { findSinkMessages } from '@cadenza/data';
import { activitySettingsFromEnv, createActivities } from '@cadenza/activities';
import { createCrmFlowPort } from '@cadenza/services/flow';
import { headerOf } from '@cadenza/services/messaging';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';

/**
 * The communication hub end to end: a published flow sends through the real SMTP sink, the
 * outbox shows it, a simulated reply moves the run, tracking links record and cannot be
 * forged, an unsubscribe suppresses the next send, and a retried send never sends twice.
 */
describe('communication hub', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('messaging'));
  });
  afterAll(() => stop?.());

  const api = async (path: string, init: { method?: string; body?: unknown; auth?: boolean } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        ...(init.auth === false ? {} : { authorization: `Bearer ${tenant.apiKey}` }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body, headers: response.headers };
  };

  async function publish(definition: unknown): Promise<string> {
    const created = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft: definition },
    });
    expect(created.status).toBe(201);
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    return created.body.id as string;
  }

  const sendThenWaitForReply = () =>
    flowOf(
      [
        {
          id: 'mail',
          type: 'send_email',
          settings: {
            subject: 'Hello {{contact.firstName}}',
            body: '<p>Hi {{default contact.firstName "there"}}, see <a href="https://shop.test/offer?a=1&amp;b=2">our offer</a>.</p>',
          },
        },
        {
          id: 'await',
          type: 'wait_for_event',
          settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
        },
        { id: 'replied', type: 'add_tag', settings: { tag: 'replied' } },
      ],
      [
        ['start', 'mail'],
        ['mail', 'await'],
        ['await', 'replied'],
      ],
    );

  const outboxOf = async (contactId: string) => (await api(`/outbox?contactId=${contactId}`)).body.items as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('sends one email through the SMTP sink, shows it in the outbox, and a reply moves the run', async () => {
    const flowId = await publish(sendThenWaitForReply());
    const email = `${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email, firstName: 'Ana <b>' });
    const enrolled = await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    expect(enrolled.body.items[0]).toMatchObject({ status: 'started' });
    const run = await waitUntil(
      'run waiting for the reply',
      async () => {
        const found = (await api(`/runs?flowId=${flowId}&contactId=${contactId}`)).body.items[0];
        return found?.status === 'waiting' && found.currentNodeId === 'await' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );

    const [message] = await outboxOf(contactId);
    expect(message).toMatchObject({
      channel: 'email',
      provider: 'sink',
      status: 'sent',
      to: email,
      subject: 'Hello Ana <b>',
    });
    // Exactly one email went over SMTP, with the stable Message-ID, escaped HTML, tracking and unsubscribe headers.
    const received = await findSinkMessages(platform.db, message.rfcMessageId);
    expect(received).toHaveLength(1);
    expect(received[0]!.envelopeTo).toEqual([email]);
    expect(headerOf(received[0]!.raw, 'List-Unsubscribe')).toMatch(/^<https:\/\/cadenza\.test\/api\/v1\/t\/u\/[^>]+>$/);
    expect(headerOf(received[0]!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    const detail = await api(`/outbox/${message.id}`);
    expect(detail.body.html).toContain('Hi Ana &lt;b&gt;');
    expect(detail.body.html).toMatch(/href="https:\/\/cadenza\.test\/api\/v1\/t\/c\/[^"]+"/);
    expect(detail.body.text).toContain('our offer (https://shop.test/offer?a=1&b=2)');
    const raw = await api(`/outbox/${message.id}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.body).toContain(`Message-ID: <${message.rfcMessageId}>`);

    const reply = await api(`/outbox/${message.id}/reply`, { method: 'POST', body: { text: 'Sounds good, call me' } });
    expect(reply.status).toBe(202);
    expect(reply.body.status).toBe('replied');
    const ended = await waitUntil(
      'run after the reply',
      async () => {
        const found = (await api(`/runs/${run.enrollmentId}`)).body;
        return found?.status === 'completed' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(ended.steps.map((step: { nodeId: string; output: string }) => [step.nodeId, step.output])).toEqual(
      expect.arrayContaining([
        ['await', 'next'],
        ['replied', 'next'],
      ]),
    );
    const timeline = (await api(`/contacts/${contactId}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['email_sent', 'email_replied']));
  });

  it('never sends twice for one key, even when the activity runs again', async () => {
    const contactId = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    const activities = createActivities({
      db: platform.db,
      crm: createCrmFlowPort(platform.db),
      temporal: platform.temporal,
      taskQueue: 'unused',
      settings: activitySettingsFromEnv(),
    });
    const [run] = (await platform.db.query(`SELECT gen_random_uuid() AS id`)) as Array<{ id: string }>;
    const input = {
      key: `${run!.id}:mail:1`,
      tenantId: tenant.tenantId,
      enrollmentId: run!.id,
      flowId: randomUUID(),
      contactId,
      testMode: false,
      node: {
        id: 'mail',
        type: 'send_email',
        position: { x: 0, y: 0 },
        settings: { subject: 'Once', body: 'Only once', trackOpens: true, trackClicks: true },
      },
      stepOutputs: {},
    } as Parameters<typeof activities.flowSendEmail>[0];
    const first = await activities.flowSendEmail(input);
    const second = await activities.flowSendEmail(input);
    expect(first.performed).toBe(true);
    expect(second.performed).toBe(false);
    const rows = (await platform.db.query(`SELECT rfc_message_id FROM messages WHERE idempotency_key = $1`, [
      input.key,
    ])) as Array<{ rfc_message_id: string }>;
    expect(rows).toHaveLength(1);
    expect(await findSinkMessages(platform.db, rows[0]!.rfc_message_id)).toHaveLength(1);
  });

  it('records opens and clicks, refuses forged links and open redirects, and suppresses after unsubscribe', async () => {
    const email = `${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email });
    const flowId = await publish(
      flowOf(
        [
          {
            id: 'mail',
            type: 'send_email',
            settings: { subject: 'Offer', body: '<a href="https://shop.test/x">x</a>' },
          },
        ],
        [['start', 'mail']],
      ),
    );
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const message = await waitUntil('the sent email', async () => (await outboxOf(contactId))[0], {
      timeoutMs: 30_000,
    });
    const html = (await api(`/outbox/${message.id}`)).body.html as string;
    const clickPath = /https:\/\/cadenza\.test(\/api\/v1\/t\/c\/[^"]+)"/.exec(html)![1]!.replace('/api/v1', '');
    const openPath = /https:\/\/cadenza\.test(\/api\/v1\/t\/o\/[^"]+)"/.exec(html)![1]!.replace('/api/v1', '');

    const open = await api(openPath, { auth: false });
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('image/gif');
    const click = await api(clickPath, { auth: false });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://shop.test/x');

    // A token re-signed for another URL, or with one byte changed, redirects nowhere.
    const [payload, mac] = clickPath.split('/').pop()!.split('.') as [string, string];
    const evil = Buffer.from(JSON.stringify({ k: 'c', m: message.id, u: 'https://evil.test/' })).toString('base64url');
    expect((await api(`/t/c/${evil}.${mac}`, { auth: false })).status).toBe(404);
    expect((await api(`/t/c/${payload}.${mac.slice(0, -2)}xx`, { auth: false })).status).toBe(404);
    expect((await api(`/t/c/${payload}.${mac}?url=https://evil.test`, { auth: false })).headers.get('location')).toBe(
      'https://shop.test/x',
    );

    const after = (await api(`/outbox/${message.id}`)).body;
    expect(after.status).toBe('clicked');
    expect(after.openedAt).not.toBeNull();

    const unsubscribeHeader = headerOf((await api(`/outbox/${message.id}/raw`)).body as string, 'List-Unsubscribe');
    const unsubscribeUrl = /^<https:\/\/cadenza\.test\/api\/v1([^>]+)>$/.exec(unsubscribeHeader!)![1]!;
    expect((await api(unsubscribeUrl, { method: 'POST', auth: false })).body).toEqual({ unsubscribed: true });

    // The next send to that address is skipped and recorded, not sent.
    const second = await publish(
      flowOf([{ id: 'mail', type: 'send_email', settings: { subject: 'Again', body: 'Hi' } }], [['start', 'mail']]),
    );
    await api(`/flows/${second}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const skipped = await waitUntil(
      'the suppressed send',
      async () => (await outboxOf(contactId)).find((m) => m.subject === 'Again'),
      { timeoutMs: 30_000 },
    );
    expect(skipped).toMatchObject({ status: 'suppressed', statusReason: 'unsubscribed', rfcMessageId: null });
  });

  it('keeps mailbox secrets out of every answer', async () => {
    const created = await api('/mailboxes', {
      method: 'POST',
      body: { kind: 'sendgrid', name: 'Marketing', fromAddress: 'news@acme.test', apiKey: 'SG.super-secret' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'sendgrid', hasSecret: true });
    expect(JSON.stringify(created.body)).not.toContain('super-secret');
    const [row] = (await platform.db.query(`SELECT secret_sealed FROM mailboxes WHERE id = $1`, [
      created.body.id,
    ])) as Array<{
      secret_sealed: string;
    }>;
    expect(row!.secret_sealed).toMatch(/^v1\./);
    expect(row!.secret_sealed).not.toContain('super-secret');
    expect(JSON.stringify((await api('/mailboxes')).body)).not.toContain('super-secret');
    expect((await api(`/mailboxes/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});
