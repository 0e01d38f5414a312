import { randomUUID } from 'node:crypto';
import type { Principal, Role } from '@cadenza/core';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { createTenantWithKey, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { mailThenAwaitReply, startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { startOAuthDouble, type OAuthDouble } from '@cadenza/test-harness/oauth-double';
import { startGmailDouble, type GmailDouble } from '@cadenza/test-harness/gmail-double';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { signedInMember } from '@cadenza/test-harness/signed-in-member';
import { loadMessagingSettings } from '../messaging-settings';
import { syncAnyMailbox } from './sync-any-mailbox';
import { gmailNoSuchUser } from './delivery-report-samples.test-support';

/**
 * Gmail mailboxes end to end against local servers speaking Google's wire formats: connected
 * through the API by OAuth 2.0 with PKCE (the authorization server checks the verifier), sending
 * through users.messages.send, and syncing replies through users.history.list into the same
 * import as IMAP mail, once each, across token expiry, a forgotten history id, throttling, a
 * revoked grant and a reconnect. Any member connects their own Gmail (a sales rep's is theirs,
 * for the flows that send from the contact owner's mailbox); an admin the workspace's or their own.
 */
describe('Gmail mailboxes', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;
  let oauth: OAuthDouble;
  let gmail: GmailDouble;

  beforeAll(async () => {
    oauth = await startOAuthDouble({ clientId: 'cadenza-test', clientSecret: 'google-secret' });
    gmail = await startGmailDouble(oauth);
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('gmail-mailboxes', {
      GOOGLE_OAUTH_CLIENT_ID: 'cadenza-test',
      GOOGLE_OAUTH_CLIENT_SECRET: 'google-secret',
      GOOGLE_OAUTH_AUTHORIZE_URL: oauth.authorizeUrl,
      GOOGLE_OAUTH_TOKEN_URL: oauth.tokenUrl,
      GMAIL_API_BASE_URL: gmail.baseUrl,
    }));
  });
  afterAll(async () => {
    await stop?.();
    await gmail?.close();
    await oauth?.close();
  });

  const apiAs =
    (apiKey: string) =>
    async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
  const api = (path: string, init: { method?: string; body?: unknown } = {}) => apiAs(tenant.apiKey)(path, init);
  type Call = typeof api;

  const member = (role: Role) => signedInMember(platform, tenant.tenantId, role);
  const sql = async <T>(query: string, params: unknown[]) => (await platform.db.query(query, params)) as T[];

  /** What the provider sends the browser back with, after consent on its page. */
  async function consent(kind: 'gmail', mailboxId?: string, as: Call = api, extra: Record<string, unknown> = {}) {
    const started = await as('/mailboxes/oauth/start', {
      method: 'POST',
      body: { kind, ...(mailboxId ? { mailboxId } : {}), ...extra },
    });
    expect(started.status).toBe(201);
    const authorize = new URL(started.body.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(oauth.authorizeUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://cadenza.test/settings/mailboxes/oauth-callback');
    const redirected = await fetch(authorize, { redirect: 'manual' });
    expect(redirected.status).toBe(302);
    const back = new URL(redirected.headers.get('location')!);
    const q = Object.fromEntries(back.searchParams);
    return {
      state: q.state!,
      ...(q.code ? { code: q.code } : {}),
      ...(q.error ? { error: q.error } : {}),
      ...(q.error_description ? { errorDescription: q.error_description } : {}),
    };
  }

  async function connect(account = `rep-${randomUUID()}@gmail.test`) {
    oauth.state.consent = { account };
    const callback = await consent('gmail');
    const connected = await api('/mailboxes/oauth/callback', { method: 'POST', body: callback });
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({
      kind: 'gmail',
      fromAddress: account,
      oauth: { account },
      imap: null,
      ownerUserId: null,
    });
    const made = await api(`/mailboxes/${connected.body.id}`, {
      method: 'PATCH',
      body: { isDefault: true, perMinuteLimit: 1000 },
    });
    expect(made.status).toBe(200);
    await waitUntil('first sync', async () => (await api(`/mailboxes/${connected.body.id}`)).body.sync.lastSyncAt, {
      timeoutMs: 30_000,
    });
    return { id: connected.body.id as string, account, callback };
  }

  async function enrollAndWait() {
    const created = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft: mailThenAwaitReply() },
    });
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    const email = `lead-${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email });
    await api(`/flows/${created.body.id}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const run = await waitUntil(
      'run waiting for the reply',
      async () => {
        const found = (await api(`/runs?flowId=${created.body.id}&contactId=${contactId}`)).body.items[0];
        return found?.status === 'waiting' && found.currentNodeId === 'await' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const [message] = (await api(`/outbox?contactId=${contactId}`)).body.items;
    expect(message).toMatchObject({ status: 'sent', to: email, provider: 'gmail' });
    return { email, run, message };
  }

  const email = (headers: Record<string, string>, body: string) =>
    `${Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}\r\n`;

  const replyTo = (lead: string, account: string, rfcMessageId: string, text = 'Yes, Tuesday works.') =>
    email(
      {
        From: `Lead <${lead}>`,
        To: account,
        Subject: 'Re: Quick question',
        'In-Reply-To': `<${rfcMessageId}>`,
        References: `<${rfcMessageId}>`,
        'Message-ID': `<${randomUUID()}@example.com>`,
      },
      text,
    );

  async function syncNow(mailboxId: string) {
    const previous = (await api(`/mailboxes/${mailboxId}`)).body.sync;
    expect((await api(`/mailboxes/${mailboxId}/sync`, { method: 'POST' })).status).toBe(202);
    return waitUntil(
      'a poll after the last one',
      async () => {
        const { sync } = (await api(`/mailboxes/${mailboxId}`)).body;
        const moved =
          (sync.lastSyncAt && sync.lastSyncAt !== previous.lastSyncAt) ||
          (sync.lastError && sync.lastError !== previous.lastError) ||
          (sync.authFailedAt && !previous.authFailedAt);
        return moved ? sync : undefined;
      },
      { timeoutMs: 30_000 },
    );
  }

  const importsOf = (mailboxId: string) =>
    sql<{ source_key: string; kind: string; signalled: boolean }>(
      `SELECT source_key, kind, signalled_at IS NOT NULL AS signalled FROM mailbox_imports WHERE mailbox_id = $1 ORDER BY created_at`,
      [mailboxId],
    );
  const inboundSignals = async (enrollmentId: string) => {
    const [row] = await sql<{ workflow_id: string }>(`SELECT workflow_id FROM flow_runs WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    const history = await platform.temporal.workflow.getHandle(row!.workflow_id).fetchHistory();
    return (history.events ?? []).filter(
      (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'inboundEvent',
    ).length;
  };
  const completed = (enrollmentId: string) =>
    waitUntil('run after the reply', async () => (await api(`/runs/${enrollmentId}`)).body?.status === 'completed', {
      timeoutMs: 30_000,
    });

  it('connects through the API with PKCE and stores the tokens sealed; the callback refuses what it must', async () => {
    const checksBefore = oauth.state.pkceChecks.length;
    const { id, account, callback } = await connect();
    expect(oauth.state.pkceChecks.slice(checksBefore)).toEqual([{ ok: true }]);
    const [tokens] = await sql<{ access_sealed: string; refresh_sealed: string; account: string }>(
      `SELECT access_sealed, refresh_sealed, account FROM mailbox_oauth_tokens WHERE mailbox_id = $1`,
      [id],
    );
    expect(tokens!.account).toBe(account);
    expect(tokens!.access_sealed).not.toMatch(/^at-/);
    expect(tokens!.refresh_sealed).not.toMatch(/^rt-/);
    expect(JSON.stringify((await api(`/mailboxes/${id}`)).body)).not.toMatch(/at-|rt-/);
    expect((await api('/mailboxes/oauth/providers')).body).toEqual({ gmail: true, microsoft: false });

    // The same redirect twice (a reload): the state is spent.
    const replayed = await api('/mailboxes/oauth/callback', { method: 'POST', body: callback });
    expect(replayed).toMatchObject({ status: 409, body: { code: 'oauth_state_used' } });
    // A state nobody started, and one started by another workspace: unknown, and not spent by the attempt.
    const unknown = await api('/mailboxes/oauth/callback', { method: 'POST', body: { state: 'made-up', code: 'x' } });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'oauth_state_invalid' } });
    oauth.state.consent = { account: `other-${randomUUID()}@gmail.test` };
    const theirs = await consent('gmail');
    const other = await createTenantWithKey(platform.db, 'other workspace');
    const foreign = await apiAs(other.apiKey)('/mailboxes/oauth/callback', { method: 'POST', body: theirs });
    expect(foreign).toMatchObject({ status: 400, body: { code: 'oauth_state_invalid' } });
    // No code in the redirect.
    const { code: _code, ...noCode } = theirs;
    const missing = await api('/mailboxes/oauth/callback', { method: 'POST', body: noCode });
    expect(missing).toMatchObject({ status: 400, body: { code: 'invalid_field', details: { field: 'code' } } });
    // Consent refused on the provider's page.
    oauth.state.consent = { deny: true };
    const denied = await api('/mailboxes/oauth/callback', { method: 'POST', body: await consent('gmail') });
    expect(denied).toMatchObject({ status: 400, body: { code: 'oauth_denied' } });
    expect(denied.body.message).toContain('Google sign-in was cancelled');
    // The token endpoint refuses the code.
    oauth.state.consent = { account: `late-${randomUUID()}@gmail.test` };
    const late = await consent('gmail');
    oauth.state.failTokenRequests.push({ status: 400, error: 'invalid_grant' });
    const refused = await api('/mailboxes/oauth/callback', { method: 'POST', body: late });
    expect(refused).toMatchObject({ status: 400, body: { code: 'oauth_token_failed' } });
    for (const failed of [replayed, unknown, foreign, missing, denied, refused])
      expect(JSON.stringify(failed.body)).not.toMatch(/ at |stack/i);
  });

  it('sends through Gmail with our headers, and a reply moves the run through its reply branch exactly once', async () => {
    const mailbox = await connect();
    const { email: lead, run, message } = await enrollAndWait();
    const sent = gmail.sent.find((one) => one.raw.includes(message.rfcMessageId))!;
    expect(sent.account).toBe(mailbox.account);
    expect(sent.raw).toMatch(new RegExp(`^Message-ID: <${message.rfcMessageId}>`, 'im'));
    expect(sent.raw).toMatch(/^List-Unsubscribe:\s+<https:\/\/cadenza\.test\//im);

    // The rep's other mail, then the contact's answer in the thread.
    gmail.deliver(
      mailbox.account,
      email({ From: 'friend@example.org', To: mailbox.account, Subject: 'Lunch?' }, 'Friday?'),
    );
    const replyId = gmail.deliver(mailbox.account, replyTo(lead, mailbox.account, message.rfcMessageId));
    await syncNow(mailbox.id);
    await completed(run.enrollmentId);
    expect((await api(`/outbox/${message.id}`)).body.status).toBe('replied');
    expect(await importsOf(mailbox.id)).toEqual([{ source_key: `gmail:${replyId}`, kind: 'reply', signalled: true }]);
    expect(await inboundSignals(run.enrollmentId)).toBe(1);

    // Read again, and again after Gmail forgot the history id (a resync in full): nothing twice.
    await syncNow(mailbox.id);
    gmail.forgetHistory(mailbox.account);
    await syncNow(mailbox.id);
    const [cursor] = await sql<{ cursor: string }>(`SELECT cursor FROM mailbox_api_cursors WHERE mailbox_id = $1`, [
      mailbox.id,
    ]);
    expect(JSON.parse(cursor!.cursor)).toMatchObject({ mode: 'history' });
    expect(
      gmail.requests.some(
        (r) => r.url.pathname.endsWith('/messages') && r.url.searchParams.get('q') === 'newer_than:30d',
      ),
    ).toBe(true);
    expect((await importsOf(mailbox.id)).map((row) => row.kind)).toEqual(['reply']);
    expect(await inboundSignals(run.enrollmentId)).toBe(1);
  });

  it('Gmail mail goes through the same screening as IMAP: a bounce report bounces, our own email come back is a loop', async () => {
    const mailbox = await connect();
    const { email: lead, run, message } = await enrollAndWait();
    const sent = gmail.sent.find((one) => one.raw.includes(message.rfcMessageId))!;
    // A copy of our own email in the INBOX (the rep in Bcc): recorded as a loop, never a reply.
    const ownId = gmail.deliver(mailbox.account, sent.raw);
    const reportId = gmail.deliver(
      mailbox.account,
      gmailNoSuchUser({ from: mailbox.account, to: lead, messageId: message.rfcMessageId, subject: 'Quick question' }),
    );
    await syncNow(mailbox.id);
    await waitUntil('the bounce recorded', async () => (await api(`/outbox/${message.id}`)).body.status === 'bounced', {
      timeoutMs: 30_000,
    });
    const [suppressed] = await sql<{ reason: string }>(
      `SELECT reason FROM suppressions WHERE tenant_id = $1 AND address = $2`,
      [tenant.tenantId, lead],
    );
    expect(suppressed?.reason).toBe('bounced');
    expect(await importsOf(mailbox.id)).toEqual([
      { source_key: `gmail:${ownId}`, kind: 'loop', signalled: false },
      { source_key: `gmail:${reportId}`, kind: 'bounce', signalled: true },
    ]);
    const [event] = await sql<{ via: string }>(
      `SELECT data->>'via' AS via FROM message_events WHERE message_id = $1 AND kind = 'bounce'`,
      [message.id],
    );
    expect(event?.via).toBe('gmail');
    expect(await inboundSignals(run.enrollmentId)).toBe(1);
  });

  it('an access token that lapses mid-sync is refreshed once and the sync goes on; a short 429 is waited out', async () => {
    const mailbox = await connect();
    const { email: lead, run, message } = await enrollAndWait();
    oauth.expireAccessTokens();
    gmail.throttleNext(1);
    const refreshes = oauth.state.refreshes;
    gmail.deliver(mailbox.account, replyTo(lead, mailbox.account, message.rfcMessageId));
    const sync = await syncNow(mailbox.id);
    expect(sync).toMatchObject({ lastError: null, authFailedAt: null });
    await completed(run.enrollmentId);
    expect(oauth.state.refreshes).toBe(refreshes + 1);
    expect(await inboundSignals(run.enrollmentId)).toBe(1);
  });

  it('a revoked grant marks the mailbox auth expired; Reconnect keeps its id and its cursor', async () => {
    const mailbox = await connect();
    const { email: lead, run, message } = await enrollAndWait();
    await syncNow(mailbox.id);
    const cursorOf = async () =>
      (await sql<{ cursor: string }>(`SELECT cursor FROM mailbox_api_cursors WHERE mailbox_id = $1`, [mailbox.id]))[0]!
        .cursor;
    const before = JSON.parse(await cursorOf());
    expect(before.mode).toBe('history');

    expect((await api(`/mailboxes/${mailbox.id}/test`, { method: 'POST' })).body).toMatchObject({
      ok: true,
      message: `signed in to Google as ${mailbox.account}`,
    });
    oauth.revoke(mailbox.account);
    const expired = await syncNow(mailbox.id);
    expect(expired.authFailedAt).not.toBeNull();
    expect(expired.lastError).toMatch(/^Google refused the refresh token .*reconnect the mailbox$/);

    expect((await api(`/mailboxes/${mailbox.id}/test`, { method: 'POST' })).body).toMatchObject({
      ok: false,
      message: expect.stringContaining('Google refused the refresh token'),
    });
    // The reply arrives while the mailbox cannot sign in; Reconnect with the same account picks it up.
    const replyId = gmail.deliver(mailbox.account, replyTo(lead, mailbox.account, message.rfcMessageId));
    oauth.state.consent = { account: `someone-else-${randomUUID()}@gmail.test` };
    const wrong = await api('/mailboxes/oauth/callback', { method: 'POST', body: await consent('gmail', mailbox.id) });
    expect(wrong).toMatchObject({ status: 409, body: { code: 'oauth_wrong_account' } });
    oauth.state.consent = { account: mailbox.account };
    const reconnected = await api('/mailboxes/oauth/callback', {
      method: 'POST',
      body: await consent('gmail', mailbox.id),
    });
    expect(reconnected.status).toBe(200);
    expect(reconnected.body).toMatchObject({ id: mailbox.id, sync: { authFailedAt: null } });
    await completed(run.enrollmentId);
    expect(await importsOf(mailbox.id)).toEqual([{ source_key: `gmail:${replyId}`, kind: 'reply', signalled: true }]);
    // The sync went on from the stored history id, not from a resync in full.
    const after = JSON.parse(await cursorOf());
    expect(after.mode).toBe('history');
    expect(BigInt(after.historyId)).toBeGreaterThan(BigInt(before.historyId));
    expect(
      (
        await sql(`SELECT 1 FROM mailboxes WHERE tenant_id = $1 AND from_address = $2`, [
          tenant.tenantId,
          mailbox.account,
        ])
      ).length,
    ).toBe(1);
  });

  it('reads new history in pages of batchSize, each poll resuming from the stored page token', async () => {
    const mailbox = await connect();
    for (const n of [1, 2, 3])
      gmail.deliver(
        mailbox.account,
        email({ From: `someone${n}@example.org`, To: mailbox.account, Subject: `${n}` }, 'hi'),
      );
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
        (
          await sql<{ cursor: string }>(`SELECT cursor FROM mailbox_api_cursors WHERE mailbox_id = $1`, [mailbox.id])
        )[0]!.cursor,
      ) as { mode: string; historyId: string; pageToken?: string };
    const start = await cursor();
    const polls = [];
    for (let i = 0; i < 3; i += 1) {
      polls.push(await syncAnyMailbox(deps, { tenantId: tenant.tenantId, mailboxId: mailbox.id, batchSize: 1 }));
      if (i < 2)
        expect(await cursor()).toMatchObject({
          mode: 'history',
          historyId: start.historyId,
          pageToken: expect.any(String),
        });
    }
    expect(polls.map((poll) => poll.status === 'synced' && poll.more)).toEqual([true, true, false]);
    const end = await cursor();
    expect(end.pageToken).toBeUndefined();
    expect(BigInt(end.historyId)).toBeGreaterThan(BigInt(start.historyId));
    expect(await importsOf(mailbox.id)).toEqual([]);
  });

  /** Connects `account` as `as` through start, consent and callback; answers the callback's response. */
  async function connectAs(as: Call, account: string, extra: Record<string, unknown> = {}, mailboxId?: string) {
    oauth.state.consent = { account };
    return as('/mailboxes/oauth/callback', { method: 'POST', body: await consent('gmail', mailboxId, as, extra) });
  }
  const listed = async (as: Call) => ((await as('/mailboxes')).body.items as Array<{ id: string }>).map((m) => m.id);

  it("a sales rep connects their own Gmail: theirs and the admins' to see, another rep's 404; owner sends go through it", async () => {
    const rep = await member('sales_rep');
    const otherRep = await member('sales_rep');
    const adminUser = await member('admin');
    const account = `own-${randomUUID()}@gmail.test`;
    const connected = await connectAs(rep.call, account);
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ kind: 'gmail', fromAddress: account, ownerUserId: rep.userId });
    const id = connected.body.id as string;
    expect(
      await waitUntil('first sync', async () => (await rep.call(`/mailboxes/${id}`)).body.sync.lastSyncAt),
    ).toBeTruthy();
    // A rep cannot connect a workspace mailbox.
    const workspace = await rep.call('/mailboxes/oauth/start', {
      method: 'POST',
      body: { kind: 'gmail', personal: false },
    });
    expect(workspace.status).toBe(403);

    expect(await listed(rep.call)).toEqual([id]);
    expect(await listed(adminUser.call)).toContain(id);
    expect(await listed(api)).toContain(id);
    expect((await adminUser.call(`/mailboxes/${id}`)).body).toMatchObject({ id, ownerUserId: rep.userId });
    // Another rep: not listed, not found, and cannot start a reconnect of it.
    expect(await listed(otherRep.call)).not.toContain(id);
    expect((await otherRep.call(`/mailboxes/${id}`)).status).toBe(404);
    const foreign = await otherRep.call('/mailboxes/oauth/start', {
      method: 'POST',
      body: { kind: 'gmail', mailboxId: id },
    });
    expect(foreign.status).toBe(404);
    // The account is connected once per workspace, whoever owns it.
    const twice = await connectAs(otherRep.call, account);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe(`${account} is already connected in this workspace by someone else`);
    // The rep reconnects their own: the same mailbox, still theirs.
    const again = await connectAs(rep.call, account, {}, id);
    expect(again).toMatchObject({ status: 200, body: { id, ownerUserId: rep.userId } });

    // A flow sending from the contact owner's mailbox sends the rep's contact through the rep's Gmail.
    const created = await api('/flows', {
      method: 'POST',
      body: {
        name: `Flow ${randomUUID()}`,
        kind: 'sequence',
        draft: flowOf(
          [
            {
              id: 'mail',
              type: 'send_email',
              settings: { subject: 'From your rep', body: '<p>Hi</p>', sender: { kind: 'owner' } },
            },
          ],
          [['start', 'mail']],
        ),
      },
    });
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    const contactId = await newContact(platform.db, admin, {
      email: `lead-${randomUUID()}@example.com`,
      ownerId: rep.userId,
    });
    await api(`/flows/${created.body.id}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const sent = await waitUntil(
      'the owner send',
      async () => {
        const [item] = (await api(`/outbox?contactId=${contactId}`)).body.items;
        return item?.status === 'sent' ? (await api(`/outbox/${item.id}`)).body : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(sent).toMatchObject({ from: account, provider: 'gmail', sender: { source: 'owner', fallback: null } });
    const received = gmail.sent.filter((one) => one.raw.includes(sent.rfcMessageId));
    expect(received.map((one) => one.account)).toEqual([account]);
  });

  it("an admin connects a workspace Gmail, or their own with personal; an API key only the workspace's", async () => {
    const adminUser = await member('admin');
    const shared = await connectAs(adminUser.call, `team-${randomUUID()}@gmail.test`);
    expect(shared).toMatchObject({ status: 201, body: { ownerUserId: null } });
    const own = await connectAs(adminUser.call, `boss-${randomUUID()}@gmail.test`, { personal: true });
    expect(own).toMatchObject({ status: 201, body: { ownerUserId: adminUser.userId } });
    const keyed = await api('/mailboxes/oauth/start', { method: 'POST', body: { kind: 'gmail', personal: true } });
    expect(keyed).toMatchObject({ status: 400, body: { code: 'invalid_field', details: { field: 'personal' } } });
  });
});
