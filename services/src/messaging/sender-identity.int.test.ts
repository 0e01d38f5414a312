import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Principal } from '@cadenza/core';
import { createMailbox, inviteTenantUser } from '@cadenza/data';
import { waitUntil } from '../../../scripts/services/wait-until';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { imapDelivery } from './mailbox-sync/imap-delivery';
import { loadMessagingSettings } from './messaging-settings';
import { headerOf, startSmtpSink, type SmtpSink } from './smtp-sink';

/**
 * Who sends, end to end: real SMTP delivery into the local Dovecot, where the recipient's mail
 * client would read it. A sequence sends its first email from the contact owner's own mailbox and
 * its follow-up threaded: the follow-up goes from the same mailbox whatever the step's own choice,
 * and sits in the recipient's INBOX as a reply ("Re:", In-Reply-To, References), List-Unsubscribe
 * on both. A rotation pool spreads runs over its members and keeps each run on one.
 */
describe('sending identity', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;
  const imap = testImapServer();
  /** The providers' side: SMTP that delivers into the local IMAP mailboxes, as the launcher's sink does. */
  let providerSmtp: SmtpSink;

  beforeAll(async () => {
    allowEgressTo(imap.port);
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('sender-identity'));
    providerSmtp = await startSmtpSink({ db: platform.db, port: 0, deliver: imapDelivery(imap) });
    allowEgressTo(providerSmtp.port);
  });
  afterAll(async () => {
    await providerSmtp?.close();
    await stop?.();
  });

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  const mailbox = (name: string, owner: string | null = null) =>
    createMailbox(
      platform.db,
      loadMessagingSettings().secretKey,
      owner ? { tenantId: tenant.tenantId, ownerUserId: owner } : tenant.tenantId,
      {
        kind: 'smtp',
        name,
        fromAddress: `${name}-${randomUUID()}@acme.test`,
        host: '127.0.0.1',
        port: providerSmtp.port,
        secure: false,
        dailyLimit: 1000,
        perMinuteLimit: 1000,
        isDefault: false,
      },
    );

  async function publish(definition: ReturnType<typeof flowOf>) {
    const created = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft: definition },
    });
    expect(created.status).toBe(201);
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    return created.body.id as string;
  }

  /** Enrolls a contact and answers its emails in the order sent, once there are `count`. */
  async function enrollAndCollect(flowId: string, fields: Record<string, unknown>, count: number) {
    const email = `lead-${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email, ...fields });
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const items = await waitUntil(
      `${count} emails sent`,
      async () => {
        const found = (await api(`/outbox?contactId=${contactId}`)).body.items as Array<{ id: string; status: string }>;
        return found.length === count && found.every((item) => item.status === 'sent') ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const sent = await Promise.all(items.map(async (item) => (await api(`/outbox/${item.id}`)).body));
    return { email, sent: sent.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)) };
  }

  /**
   * The recipient's INBOX on Dovecot, as their mail client reads it: each message's source, and
   * the server's own threading of the INBOX (IMAP THREAD=REFERENCES, RFC 5256), as groups of UIDs.
   */
  async function inboxOf(address: string, count: number): Promise<{ raws: Map<number, string>; threads: number[][] }> {
    return waitUntil(
      `${count} emails in ${address}'s INBOX`,
      async () => {
        const client = new ImapFlow({
          host: imap.host,
          port: imap.port,
          secure: false,
          auth: { user: address, pass: imap.password },
          logger: false,
        });
        client.on('error', () => undefined);
        await client.connect();
        try {
          const lock = await client.getMailboxLock('INBOX');
          try {
            const raws = new Map<number, string>();
            if ((client.mailbox as { exists: number }).exists === 0) return undefined;
            for await (const message of client.fetch('1:*', { uid: true, source: true })) {
              raws.set(message.uid, message.source!.toString('utf8'));
            }
            if (raws.size < count) return undefined;
            return { raws, threads: await threadsOf(client) };
          } finally {
            lock.release();
          }
        } finally {
          await client.logout();
        }
      },
      { timeoutMs: 30_000 },
    );
  }

  /**
   * UID THREAD REFERENCES UTF-8 ALL: imapflow has no method for it, so it goes through the
   * client's command queue. The answer is one parenthesised list per thread (nested for branches).
   */
  async function threadsOf(client: ImapFlow): Promise<number[][]> {
    type Attribute = { type?: string; value?: unknown } | Attribute[];
    const uidsIn = (node: Attribute): number[] =>
      Array.isArray(node) ? node.flatMap(uidsIn) : node.value === undefined ? [] : [Number(node.value)];
    let threads: number[][] = [];
    const exec = (client as unknown as { exec: (...args: unknown[]) => Promise<unknown> }).exec.bind(client);
    await exec(
      'UID THREAD',
      ['REFERENCES', 'UTF-8', 'ALL'].map((value) => ({ type: 'ATOM', value })),
      {
        untagged: {
          THREAD: async (untagged: { attributes?: Attribute[] }) => {
            threads = (untagged.attributes ?? []).map(uidsIn);
          },
        },
      },
    );
    return threads;
  }

  it("sends from the owner's mailbox, and the threaded follow-up from the same one, in the same thread", async () => {
    const { user: rep } = await inviteTenantUser(
      platform.db,
      tenant.tenantId,
      { email: `rep-${randomUUID()}@acme.test`, role: 'sales_rep', password: 'correct horse battery staple' },
      { kind: 'system', id: null },
    );
    const repMailbox = await mailbox('rep', rep.id);
    // The workspace default exists too: the follow-up's own choice, which the thread overrides.
    const team = await mailbox('team');
    await api(`/mailboxes/${team.id}`, { method: 'PATCH', body: { isDefault: true } });
    const flowId = await publish(
      flowOf(
        [
          {
            id: 'intro',
            type: 'send_email',
            settings: { subject: 'Quick question', body: '<p>Hi {{contact.firstName}}</p>', sender: { kind: 'owner' } },
          },
          {
            id: 'bump',
            type: 'send_email',
            settings: { subject: 'unused', body: '<p>Bumping this, {{sender.email}}</p>', threadWithPrevious: true },
          },
        ],
        [
          ['start', 'intro'],
          ['intro', 'bump'],
        ],
      ),
    );
    const { email, sent } = await enrollAndCollect(flowId, { ownerId: rep.id }, 2);
    const [intro, bump] = sent;
    expect(intro).toMatchObject({ from: repMailbox.fromAddress, sender: { source: 'owner', fallback: null } });
    expect(bump).toMatchObject({ from: repMailbox.fromAddress, sender: { source: 'thread', fallback: null } });
    // {{sender.*}} names the mailbox the email goes from.
    expect(bump.text).toContain(repMailbox.fromAddress);

    const inbox = await inboxOf(email, 2);
    // The recipient's server files both in one thread.
    expect(inbox.threads).toEqual([[...inbox.raws.keys()].sort((a, b) => a - b)]);
    const [first, followUp] = [...inbox.raws.values()].sort((a, b) =>
      headerOf(a, 'In-Reply-To') ? 1 : headerOf(b, 'In-Reply-To') ? -1 : 0,
    );
    expect(headerOf(first!, 'Subject')).toBe('Quick question');
    expect(headerOf(followUp!, 'Subject')).toBe('Re: Quick question');
    expect(headerOf(followUp!, 'In-Reply-To')).toBe(`<${intro.rfcMessageId}>`);
    expect(headerOf(followUp!, 'References')).toBe(`<${intro.rfcMessageId}>`);
    expect(headerOf(first!, 'Message-ID')).toBe(`<${intro.rfcMessageId}>`);
    for (const raw of [first!, followUp!]) {
      expect(headerOf(raw, 'From')).toContain(repMailbox.fromAddress);
      expect(headerOf(raw, 'List-Unsubscribe')).toMatch(/^<https:\/\/cadenza\.test\/.+>$/);
    }
  });

  it('falls back to the workspace default when the owner has no mailbox, and says so on the message', async () => {
    const team = await mailbox('fallback-team');
    await api(`/mailboxes/${team.id}`, { method: 'PATCH', body: { isDefault: true } });
    const flowId = await publish(
      flowOf(
        [
          {
            id: 'intro',
            type: 'send_email',
            settings: { subject: 'Hello', body: '<p>Hi</p>', sender: { kind: 'owner' } },
          },
        ],
        [['start', 'intro']],
      ),
    );
    const { sent } = await enrollAndCollect(flowId, {}, 1);
    expect(sent[0]).toMatchObject({
      from: team.fromAddress,
      sender: { source: 'owner', fallback: 'the contact has no owner' },
    });
  });

  it('a rotation pool spreads runs over its members and keeps each run on one', async () => {
    const a = await mailbox('pool-a');
    const b = await mailbox('pool-b');
    const pool = await api('/mailbox-pools', {
      method: 'POST',
      body: { name: `Rotation ${randomUUID()}`, mailboxIds: [a.id, b.id] },
    });
    expect(pool.status).toBe(201);
    const sender = { kind: 'pool', poolId: pool.body.id };
    // Not threaded: the second email keeps the run's mailbox because of the pool, not the thread.
    const flowId = await publish(
      flowOf(
        [
          { id: 'one', type: 'send_email', settings: { subject: 'One', body: '<p>1</p>', sender } },
          { id: 'two', type: 'send_email', settings: { subject: 'Two', body: '<p>2</p>', sender } },
        ],
        [
          ['start', 'one'],
          ['one', 'two'],
        ],
      ),
    );
    const senders: string[][] = [];
    for (let run = 0; run < 3; run += 1) {
      const { sent } = await enrollAndCollect(flowId, {}, 2);
      expect(sent.map((message) => message.sender)).toEqual([
        { source: 'pool', fallback: null },
        { source: 'pool', fallback: null },
      ]);
      senders.push(sent.map((message) => message.from));
    }
    // Run 1 takes a (tie, first member) and keeps it though b then has more room; run 2 goes to
    // b (more room); run 3 to a (a tie again, a used least recently).
    expect(senders).toEqual([
      [a.fromAddress, a.fromAddress],
      [b.fromAddress, b.fromAddress],
      [a.fromAddress, a.fromAddress],
    ]);
  });
});
