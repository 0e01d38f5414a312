import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { newContact } from '@cadenza/test-harness/flow-fixtures';
import { mailThenAwaitReply, startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { startOAuthDouble, type OAuthDouble } from '@cadenza/test-harness/oauth-double';
import { startGraphDouble, type GraphDouble } from '@cadenza/test-harness/graph-double';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { signedInMember, type ApiCall } from '@cadenza/test-harness/signed-in-member';
import { loadMessagingSettings } from '../messaging-settings';
import { awaitNewMail } from './await-new-mail';
import { syncAnyMailbox } from './sync-any-mailbox';

/**
 * Microsoft 365 mailboxes end to end against local servers speaking the Microsoft identity
 * platform's and Graph's wire formats: connected through the API with PKCE, sending MIME through
 * /me/sendMail, syncing replies through the inbox delta (nextLink, deltaLink, 410) into the same
 * import as IMAP and Gmail mail, once each, across an access token that lapses. A sales rep
 * connects their own Microsoft 365 mailbox, which no other rep reaches.
 */
describe('Microsoft 365 mailboxes', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;
  let oauth: OAuthDouble;
  let graph: GraphDouble;

  beforeAll(async () => {
    oauth = await startOAuthDouble({ clientId: 'cadenza-entra', clientSecret: 'entra-secret' });
    graph = await startGraphDouble(oauth);
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('graph-mailboxes', {
      MICROSOFT_OAUTH_CLIENT_ID: 'cadenza-entra',
      MICROSOFT_OAUTH_CLIENT_SECRET: 'entra-secret',
      MICROSOFT_OAUTH_AUTHORIZE_URL: oauth.authorizeUrl,
      MICROSOFT_OAUTH_TOKEN_URL: oauth.tokenUrl,
      MICROSOFT_GRAPH_BASE_URL: graph.graphBaseUrl,
    }));
  });
  afterAll(async () => {
    await stop?.();
    await graph?.close();
    await oauth?.close();
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
  const sql = async <T>(query: string, params: unknown[]) => (await platform.db.query(query, params)) as T[];

  async function syncNow(mailboxId: string) {
    const previous = (await api(`/mailboxes/${mailboxId}`)).body.sync.lastSyncAt;
    expect((await api(`/mailboxes/${mailboxId}/sync`, { method: 'POST' })).status).toBe(202);
    return waitUntil(
      'a poll after the last one',
      async () => {
        const { sync } = (await api(`/mailboxes/${mailboxId}`)).body;
        return sync.lastSyncAt && sync.lastSyncAt !== previous ? sync : undefined;
      },
      { timeoutMs: 30_000 },
    );
  }

  it('connects with PKCE, sends MIME through Graph, and a reply moves the run once across a lapsed token and a 410', async () => {
    // Connect: the consent page answers with a code, the callback exchanges it with the verifier.
    const account = `rep-${randomUUID()}@contoso.test`;
    oauth.state.consent = { account };
    expect((await api('/mailboxes/oauth/providers')).body).toEqual({ gmail: false, microsoft: true });
    const started = await api('/mailboxes/oauth/start', { method: 'POST', body: { kind: 'microsoft' } });
    expect(started.status).toBe(201);
    const redirected = await fetch(started.body.authorizeUrl, { redirect: 'manual' });
    const back = new URL(redirected.headers.get('location')!);
    const connected = await api('/mailboxes/oauth/callback', {
      method: 'POST',
      body: { state: back.searchParams.get('state'), code: back.searchParams.get('code') },
    });
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ kind: 'microsoft', fromAddress: account, oauth: { account } });
    expect(oauth.state.pkceChecks.at(-1)).toEqual({ ok: true });
    const mailboxId = connected.body.id as string;
    await api(`/mailboxes/${mailboxId}`, { method: 'PATCH', body: { isDefault: true, perMinuteLimit: 1000 } });

    // Send: the flow's email goes out through /me/sendMail as the MIME Cadenza composed.
    const flow = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft: mailThenAwaitReply() },
    });
    await api(`/flows/${flow.body.id}/publish`, { method: 'POST' });
    const lead = `lead-${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email: lead });
    await api(`/flows/${flow.body.id}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const run = await waitUntil(
      'run waiting for the reply',
      async () => {
        const found = (await api(`/runs?flowId=${flow.body.id}&contactId=${contactId}`)).body.items[0];
        return found?.status === 'waiting' && found.currentNodeId === 'await' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const [message] = (await api(`/outbox?contactId=${contactId}`)).body.items;
    expect(message).toMatchObject({ status: 'sent', provider: 'microsoft' });
    const sent = graph.sent.find((one) => one.raw.includes(message.rfcMessageId))!;
    expect(sent.account).toBe(account);
    expect(sent.raw).toMatch(new RegExp(`^Message-ID: <${message.rfcMessageId}>`, 'im'));

    // The reply arrives while the access token has lapsed: the sync refreshes and reads it.
    await syncNow(mailboxId);
    oauth.expireAccessTokens();
    const replyId = graph.deliver(
      account,
      [
        `From: Lead <${lead}>`,
        `To: ${account}`,
        'Subject: Re: Quick question',
        `In-Reply-To: <${message.rfcMessageId}>`,
        `Message-ID: <${randomUUID()}@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Happy to talk.',
      ].join('\r\n'),
    );
    await syncNow(mailboxId);
    await waitUntil(
      'run after the reply',
      async () => (await api(`/runs/${run.enrollmentId}`)).body?.status === 'completed',
      {
        timeoutMs: 30_000,
      },
    );
    const imports = () =>
      sql<{ source_key: string; kind: string; signalled: boolean }>(
        `SELECT source_key, kind, signalled_at IS NOT NULL AS signalled FROM mailbox_imports WHERE mailbox_id = $1`,
        [mailboxId],
      );
    expect(await imports()).toEqual([{ source_key: `graph:${replyId}`, kind: 'reply', signalled: true }]);
    const timeline = (await api(`/contacts/${contactId}/timeline`)).body.items as Array<{
      kind: string;
      summary: string;
    }>;
    expect(timeline.find((entry) => entry.kind === 'email_replied')?.summary).toContain('Happy to talk.');

    // The delta token expires (410): a new round reads the inbox again, and nothing is imported twice.
    graph.forgetDelta(account);
    await syncNow(mailboxId);
    expect(graph.requests.some((r) => r.url.searchParams.has('$filter') && r.url.pathname.endsWith('/delta'))).toBe(
      true,
    );
    expect(await imports()).toHaveLength(1);
    const [cursor] = await sql<{ cursor: string }>(`SELECT cursor FROM mailbox_api_cursors WHERE mailbox_id = $1`, [
      mailboxId,
    ]);
    expect(JSON.parse(cursor!.cursor)).toMatchObject({ more: false, link: expect.stringContaining('$deltatoken=') });
    const [row] = await sql<{ workflow_id: string }>(`SELECT workflow_id FROM flow_runs WHERE enrollment_id = $1`, [
      run.enrollmentId,
    ]);
    const history = await platform.temporal.workflow.getHandle(row!.workflow_id).fetchHistory();
    expect(
      (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'inboundEvent'),
    ).toHaveLength(1);
  });

  it('reads a backlog in pages (nextLink), each poll resuming from the stored link, then holds the deltaLink', async () => {
    const account = `backlog-${randomUUID()}@contoso.test`;
    oauth.state.consent = { account };
    const started = await api('/mailboxes/oauth/start', { method: 'POST', body: { kind: 'microsoft' } });
    const back = new URL((await fetch(started.body.authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const connected = await api('/mailboxes/oauth/callback', {
      method: 'POST',
      body: { state: back.searchParams.get('state'), code: back.searchParams.get('code') },
    });
    const mailboxId = connected.body.id as string;
    // Let the workflow's first poll settle, then read by hand in pages of one.
    await waitUntil('first sync', async () => (await api(`/mailboxes/${mailboxId}`)).body.sync.lastSyncAt, {
      timeoutMs: 30_000,
    });
    for (const n of [1, 2, 3])
      graph.deliver(account, `From: someone${n}@example.org\r\nTo: ${account}\r\nSubject: ${n}\r\n\r\nhello\r\n`);
    const settings = loadMessagingSettings();
    const deps = {
      db: platform.db,
      secretKey: settings.secretKey,
      egress: harnessEgress,
      signalRun: async () => undefined,
      oauth: settings.mailOAuth,
    };
    const cursor = async () =>
      JSON.parse(
        (await sql<{ cursor: string }>(`SELECT cursor FROM mailbox_api_cursors WHERE mailbox_id = $1`, [mailboxId]))[0]!
          .cursor,
      ) as { link: string; more: boolean };
    // A Graph mailbox has no IMAP IDLE: the wait answers at once and the sync polls (never 'gone').
    const wait = { heartbeat: () => undefined, heartbeatMs: 5_000, signal: new AbortController().signal };
    expect(await awaitNewMail(deps, { tenantId: tenant.tenantId, mailboxId, maxWaitMs: 60_000 }, wait)).toEqual({
      status: 'no_idle',
    });
    const polls = [];
    for (let i = 0; i < 3; i += 1) {
      polls.push(await syncAnyMailbox(deps, { tenantId: tenant.tenantId, mailboxId, batchSize: 1 }));
      if (i < 2) expect((await cursor()).link).toContain('$skiptoken=');
    }
    expect(polls).toEqual([
      { status: 'synced', imported: 0, more: true },
      { status: 'synced', imported: 0, more: true },
      { status: 'synced', imported: 0, more: false },
    ]);
    expect(await cursor()).toMatchObject({ more: false, link: expect.stringContaining('$deltatoken=') });
    // Mail unrelated to Cadenza is read, never imported.
    expect(await sql(`SELECT 1 FROM mailbox_imports WHERE mailbox_id = $1`, [mailboxId])).toHaveLength(0);
  });

  it('a sales rep connects their own Microsoft 365 mailbox; another rep cannot see or reconnect it', async () => {
    const rep = await signedInMember(platform, tenant.tenantId, 'sales_rep');
    const otherRep = await signedInMember(platform, tenant.tenantId, 'sales_rep');
    const account = `own-${randomUUID()}@contoso.test`;
    const connectAs = async (as: ApiCall, mailboxId?: string) => {
      oauth.state.consent = { account };
      const started = await as('/mailboxes/oauth/start', {
        method: 'POST',
        body: { kind: 'microsoft', ...(mailboxId ? { mailboxId } : {}) },
      });
      if (started.status !== 201) return started;
      const back = new URL((await fetch(started.body.authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
      return as('/mailboxes/oauth/callback', {
        method: 'POST',
        body: { state: back.searchParams.get('state'), code: back.searchParams.get('code') },
      });
    };
    const connected = await connectAs(rep.call);
    expect(connected).toMatchObject({ status: 201, body: { kind: 'microsoft', ownerUserId: rep.userId } });
    const id = connected.body.id as string;
    expect((await rep.call('/mailboxes')).body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await api(`/mailboxes/${id}`)).body).toMatchObject({ ownerUserId: rep.userId });
    expect((await otherRep.call(`/mailboxes/${id}`)).status).toBe(404);
    expect((await otherRep.call('/mailboxes')).body.items).toEqual([]);
    expect((await connectAs(otherRep.call, id)).status).toBe(404);
    expect(await connectAs(rep.call, id)).toMatchObject({ status: 200, body: { id, ownerUserId: rep.userId } });
  });
});
