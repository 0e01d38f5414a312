import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { mailThenAwaitReply, startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Reply and bounce intake through the SendGrid Inbound Parse webhook, posted the way SendGrid
 * posts it (multipart/form-data, authenticated by the shared secret): a reply moves the run
 * and reaches the timeline, a bounce suppresses the address and unenrolls, and mail that
 * refers to no message of ours changes nothing.
 */
describe('SendGrid Inbound Parse webhook', () => {
  const secret = randomBytes(24).toString('hex');
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('inbound', { INBOUND_WEBHOOK_SECRET: secret }));
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

  /** Posts an email as SendGrid Inbound Parse does: multipart/form-data text fields. */
  const inbound = async (
    fields: Record<string, string>,
    auth: { token?: string; basic?: string } = { token: secret },
  ) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const query = auth.token === undefined ? '' : `?token=${encodeURIComponent(auth.token)}`;
    const response = await fetch(`${platform.baseUrl}/api/v1/inbound/sendgrid${query}`, {
      method: 'POST',
      headers:
        auth.basic === undefined
          ? {}
          : { authorization: `Basic ${Buffer.from(`sendgrid:${auth.basic}`).toString('base64')}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
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

  const mailWaitMail = () =>
    flowOf(
      [
        { id: 'mail', type: 'send_email', settings: { subject: 'First touch', body: '<p>Hi</p>' } },
        { id: 'pause', type: 'wait', settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
        { id: 'again', type: 'send_email', settings: { subject: 'Second touch', body: '<p>Hi again</p>' } },
      ],
      [
        ['start', 'mail'],
        ['mail', 'pause'],
        ['pause', 'again'],
      ],
    );

  /** Enrolls a new contact and waits until the first email is out and the run waits at `node`. */
  async function enrollAndWait(definition: unknown, node: string) {
    const flowId = await publish(definition);
    const email = `${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email });
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const run = await waitUntil(
      `run waiting at ${node}`,
      async () => {
        const found = (await api(`/runs?flowId=${flowId}&contactId=${contactId}`)).body.items[0];
        return found?.status === 'waiting' && found.currentNodeId === node ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const [message] = (await api(`/outbox?contactId=${contactId}`)).body.items;
    expect(message).toMatchObject({ status: 'sent', to: email });
    return { flowId, contactId, email, run, message };
  }

  const timelineKinds = async (contactId: string) =>
    (await api(`/contacts/${contactId}/timeline`)).body.items.map((e: { kind: string }) => e.kind) as string[];

  it('a reply matched by In-Reply-To moves the run through the reply branch and reaches the timeline', async () => {
    const { contactId, email, run, message } = await enrollAndWait(mailThenAwaitReply(), 'await');
    const posted = await inbound({
      headers: `From: ${email}\r\nTo: rep@acme.test\r\nSubject: Re: Quick question\r\nIn-Reply-To:\r\n <${message.rfcMessageId}>\r\n`,
      from: email,
      to: 'rep@acme.test',
      subject: 'Re: Quick question',
      text: 'Yes, let us talk on Tuesday.\n\n> Hi',
      html: '<p>Yes, let us talk on Tuesday.</p>',
      envelope: JSON.stringify({ to: ['rep@acme.test'], from: email }),
      charsets: JSON.stringify({ to: 'UTF-8', subject: 'UTF-8', text: 'UTF-8' }),
      SPF: 'pass',
    });
    expect(posted).toEqual({ status: 200, body: { matched: true, kind: 'reply' } });

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
    expect((await api(`/outbox/${message.id}`)).body.status).toBe('replied');
    expect(await timelineKinds(contactId)).toEqual(expect.arrayContaining(['email_sent', 'email_replied']));
    const timeline = (await api(`/contacts/${contactId}/timeline`)).body.items as any[];
    expect(timeline.find((entry) => entry.kind === 'email_replied').summary).toContain('Yes, let us talk on Tuesday.');
  });

  it('matches a reply by References alone, authenticated by basic auth', async () => {
    const { run, message } = await enrollAndWait(mailThenAwaitReply(), 'await');
    const posted = await inbound(
      {
        headers: `From: someone@example.com\r\nReferences: <other-thread@mail.test> <${message.rfcMessageId}>\r\n`,
        from: 'someone@example.com',
        subject: 'Re: Quick question',
        text: 'Yes, happy to talk next week.',
      },
      { basic: secret },
    );
    expect(posted).toEqual({ status: 200, body: { matched: true, kind: 'reply' } });
    await waitUntil(
      'run after the reply',
      async () => ((await api(`/runs/${run.enrollmentId}`)).body?.status === 'completed' ? true : undefined),
      { timeoutMs: 30_000 },
    );
  });

  it('a bounce marks the message bounced, suppresses the address and unenrolls before the next step', async () => {
    const { contactId, email, run, message } = await enrollAndWait(mailWaitMail(), 'pause');
    const posted = await inbound({
      headers:
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\nSubject: Undelivered Mail Returned to Sender\r\n',
      from: 'Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      subject: 'Undelivered Mail Returned to Sender',
      text: `<${email}>: host mx.example.com said: 550 5.1.1 user unknown\n\n--- original headers ---\nMessage-ID: <${message.rfcMessageId}>\nSubject: First touch\n`,
      envelope: JSON.stringify({ to: ['bounces@acme.test'], from: '' }),
    });
    expect(posted).toEqual({ status: 200, body: { matched: true, kind: 'bounce' } });

    const after = (await api(`/outbox/${message.id}`)).body;
    expect(after.status).toBe('bounced');
    expect(after.statusReason).toMatch(/Undelivered/);
    const suppressed = (await platform.db.query(
      `SELECT reason FROM suppressions WHERE tenant_id = $1 AND address = $2`,
      [tenant.tenantId, email],
    )) as Array<{ reason: string }>;
    expect(suppressed).toEqual([{ reason: 'bounced' }]);

    // The flow's default rules leave on a bounce: ending the wait now must not reach the second email.
    expect((await api(`/runs/${run.enrollmentId}/skip-wait`, { method: 'POST' })).status).toBe(202);
    const ended = await waitUntil(
      'run unenrolled by the bounce',
      async () => {
        const found = (await api(`/runs/${run.enrollmentId}`)).body;
        return found && found.status !== 'waiting' && found.status !== 'running' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(ended).toMatchObject({ status: 'unenrolled', exitReason: 'bounce' });
    expect(ended.steps.map((step: { nodeId: string }) => step.nodeId)).not.toContain('again');
    const subjects = (await api(`/outbox?contactId=${contactId}`)).body.items.map((m: any) => m.subject);
    expect(subjects).toEqual(['First touch']);
  });

  it('refuses mail naming an unknown Message-ID with a 404 that names it, changing nothing', async () => {
    const { contactId, email, run, message } = await enrollAndWait(mailThenAwaitReply(), 'await');
    const before = await timelineKinds(contactId);
    const unknown = `${randomUUID()}@acme.test`;
    const posted = await inbound({
      headers: `From: ${email}\r\nIn-Reply-To: <${unknown}>\r\n`,
      from: email,
      subject: 'Re: something else',
      text: 'Hello?',
    });
    expect(posted.status).toBe(404);
    expect(posted.body).toMatchObject({ code: 'unknown_message', details: { field: 'body.headers' } });
    expect(posted.body.message).toContain(`<${unknown}>`);

    const noReference = await inbound({ headers: `From: ${email}\r\n`, from: email, text: 'Hi' });
    expect(noReference.status).toBe(400);
    expect(noReference.body.code).toBe('no_message_reference');

    expect((await api(`/outbox/${message.id}`)).body.status).toBe('sent');
    expect(await timelineKinds(contactId)).toEqual(before);
    expect((await api(`/runs/${run.enrollmentId}`)).body).toMatchObject({ status: 'waiting', currentNodeId: 'await' });
  });

  it('refuses calls without the shared secret with 401 before reading them', async () => {
    const { contactId, email, run, message } = await enrollAndWait(mailThenAwaitReply(), 'await');
    const reply = { headers: `In-Reply-To: <${message.rfcMessageId}>\r\n`, from: email, text: 'forged' };
    for (const auth of [{}, { token: 'wrong-secret-value-of-length' }, { basic: 'nope' }, { token: '' }]) {
      const posted = await inbound(reply, auth);
      expect(posted.status).toBe(401);
      expect(posted.body.code).toBe('unauthorized');
    }
    expect((await api(`/outbox/${message.id}`)).body.status).toBe('sent');
    expect(await timelineKinds(contactId)).not.toContain('email_replied');
    expect((await api(`/runs/${run.enrollmentId}`)).body).toMatchObject({ status: 'waiting', currentNodeId: 'await' });
  });
});
