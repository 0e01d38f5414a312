import { randomUUID } from 'node:crypto';
import { createTenant, saveOAuthConnection, oauthMailbox, type DataSource } from '@cadenza/data';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { startOAuthDouble, type OAuthDouble } from '@cadenza/test-harness/oauth-double';
import { startGmailDouble, type GmailDouble } from '@cadenza/test-harness/gmail-double';
import { startGraphDouble, type GraphDouble } from '@cadenza/test-harness/graph-double';
import { mailOAuthSettingsFrom } from '../mail-oauth/oauth-settings';
import { freshMailboxTokens } from '../mail-oauth/mailbox-access';
import { sendWithMailApi } from './mail-api-send';

/**
 * The Gmail send path against local doubles of Google's token endpoint and Gmail API: the raw
 * message as composed, once per Message-ID, follow-ups in their parent's thread, the provider's
 * failures classified, refreshes single-flight per mailbox.
 */
describe('sending through the Gmail API', () => {
  let db: DataSource;
  let oauth: OAuthDouble;
  let gmail: GmailDouble;
  let graph: GraphDouble;
  let tenantId: string;
  const secretKey = Buffer.alloc(32, 7);
  let deps: Parameters<typeof sendWithMailApi>[0];

  beforeAll(async () => {
    db = await connectTestDb();
    oauth = await startOAuthDouble({ clientId: 'send-test', clientSecret: 's' });
    gmail = await startGmailDouble(oauth);
    graph = await startGraphDouble(oauth);
    tenantId = (await createTenant(db, 'gmail send')).id;
    deps = {
      db,
      secretKey,
      egress: harnessEgress,
      oauth: mailOAuthSettingsFrom({
        PUBLIC_BASE_URL: 'https://cadenza.test',
        GOOGLE_OAUTH_CLIENT_ID: 'send-test',
        GOOGLE_OAUTH_CLIENT_SECRET: 's',
        GOOGLE_OAUTH_AUTHORIZE_URL: oauth.authorizeUrl,
        GOOGLE_OAUTH_TOKEN_URL: oauth.tokenUrl,
        GMAIL_API_BASE_URL: gmail.baseUrl,
        MICROSOFT_OAUTH_CLIENT_ID: 'send-test',
        MICROSOFT_OAUTH_CLIENT_SECRET: 's',
        MICROSOFT_OAUTH_AUTHORIZE_URL: oauth.authorizeUrl,
        MICROSOFT_OAUTH_TOKEN_URL: oauth.tokenUrl,
        MICROSOFT_GRAPH_BASE_URL: graph.graphBaseUrl,
      }),
    };
  });
  afterAll(async () => {
    await gmail?.close();
    await graph?.close();
    await oauth?.close();
    await db?.destroy();
  });

  async function connected(kind: 'gmail' | 'microsoft' = 'gmail') {
    const account = `rep-${randomUUID()}@${kind}.test`;
    const { mailboxId } = await saveOAuthConnection(db, secretKey, {
      tenantId,
      kind,
      mailboxId: null,
      account,
      tokens: oauth.grant(account),
    });
    return { account, target: { tenantId, mailboxId } };
  }

  const raw = (rfcMessageId: string, extra = '') =>
    `From: rep@gmail.test\r\nTo: lead@example.com\r\nSubject: Hi\r\nMessage-ID: <${rfcMessageId}>\r\n${extra}\r\nHi\r\n`;

  it('sends the composed message once per Message-ID, and a follow-up in its parent thread', async () => {
    const { account, target } = await connected();
    const first = `${randomUUID()}@gmail.test`;
    const sent = await sendWithMailApi(deps, target, { raw: raw(first), rfcMessageId: first });
    // The retry of an attempt that reached Gmail before the worker died: found by its Message-ID, not sent again.
    expect(await sendWithMailApi(deps, target, { raw: raw(first), rfcMessageId: first })).toEqual(sent);
    expect(gmail.sent.filter((one) => one.raw.includes(first))).toHaveLength(1);
    expect(gmail.sent.find((one) => one.raw.includes(first))).toMatchObject({
      account,
      raw: raw(first),
      threadId: null,
    });

    const second = `${randomUUID()}@gmail.test`;
    const threading = `In-Reply-To: <${first}>\r\nReferences: <${first}>\r\n`;
    await sendWithMailApi(deps, target, {
      raw: raw(second, threading),
      rfcMessageId: second,
      thread: { inReplyTo: first, references: [first] },
    });
    const followUp = gmail.sent.find((one) => one.raw.includes(second))!;
    expect(followUp.threadId).toBe(gmail.threadOf(account, first));
    expect(gmail.threadOf(account, second)).toBe(gmail.threadOf(account, first));
  });

  it("classifies Gmail's refusals: 429 retried after Retry-After, a revoked grant final and on the mailbox", async () => {
    const { account, target } = await connected();
    const id = `${randomUUID()}@gmail.test`;
    gmail.throttleNext(30);
    await expect(sendWithMailApi(deps, target, { raw: raw(id), rfcMessageId: id })).rejects.toMatchObject({
      type: 'ProviderThrottled',
      nonRetryable: false,
      nextRetryDelay: '30 seconds',
    });
    oauth.revoke(account);
    await expect(sendWithMailApi(deps, target, { raw: raw(id), rfcMessageId: id })).rejects.toMatchObject({
      type: 'MailboxAuthExpired',
      nonRetryable: true,
      message: expect.stringContaining('Google refused the refresh token'),
    });
    const [row] = (await db.query(`SELECT auth_failed_at FROM mailboxes WHERE id = $1`, [target.mailboxId])) as Array<{
      auth_failed_at: Date | null;
    }>;
    expect(row!.auth_failed_at).not.toBeNull();
    expect(gmail.sent.some((one) => one.raw.includes(id))).toBe(false);
  });

  it('a token endpoint outage is retried, not auth expired', async () => {
    const { target } = await connected();
    oauth.expireAccessTokens();
    await db.query(
      `UPDATE mailbox_oauth_tokens SET access_expires_at = now() - interval '1 hour' WHERE mailbox_id = $1`,
      [target.mailboxId],
    );
    oauth.state.failTokenRequests.push({ status: 503, error: 'temporarily_unavailable' });
    const id = `${randomUUID()}@gmail.test`;
    await expect(sendWithMailApi(deps, target, { raw: raw(id), rfcMessageId: id })).rejects.toMatchObject({
      nonRetryable: false,
    });
    await expect(sendWithMailApi(deps, target, { raw: raw(id), rfcMessageId: id })).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
  });

  it('refreshes once for many concurrent callers, and saves the new token sealed', async () => {
    const { target } = await connected();
    await db.query(
      `UPDATE mailbox_oauth_tokens SET access_expires_at = now() - interval '1 hour' WHERE mailbox_id = $1`,
      [target.mailboxId],
    );
    const stale = (await oauthMailbox(db, secretKey, tenantId, target.mailboxId))!;
    const before = oauth.state.refreshes;
    const results = await Promise.all(Array.from({ length: 8 }, () => freshMailboxTokens(deps, stale)));
    expect(oauth.state.refreshes).toBe(before + 1);
    expect(new Set(results.map((r) => r.tokens.accessToken)).size).toBe(1);
    // Another process that read the stale row too: it waits on the row lock and finds the new token.
    expect((await freshMailboxTokens(deps, stale)).tokens.accessToken).toBe(results[0]!.tokens.accessToken);
    expect(oauth.state.refreshes).toBe(before + 1);
    const stored = (await oauthMailbox(db, secretKey, tenantId, target.mailboxId))!;
    expect(stored.tokens.accessToken).toBe(results[0]!.tokens.accessToken);
    expect(stored.tokens.accessExpiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('Graph: sends the MIME once per Message-ID (found in Sent Items on a retry); its 400 is final', async () => {
    const { account, target } = await connected('microsoft');
    const id = `${randomUUID()}@contoso.test`;
    expect(await sendWithMailApi(deps, target, { raw: raw(id), rfcMessageId: id })).toEqual({ providerMessageId: id });
    const again = await sendWithMailApi(deps, target, { raw: raw(id), rfcMessageId: id });
    expect(again.providerMessageId).toMatch(/^AAMk/);
    expect(graph.sent.filter((one) => one.raw.includes(id))).toEqual([{ account, raw: raw(id) }]);
    const noRecipient = `${randomUUID()}@contoso.test`;
    await expect(
      sendWithMailApi(deps, target, {
        raw: `Subject: x\r\nMessage-ID: <${noRecipient}>\r\n\r\nx\r\n`,
        rfcMessageId: noRecipient,
      }),
    ).rejects.toMatchObject({
      type: 'ProviderRejected',
      nonRetryable: true,
      message: expect.stringContaining('ErrorInvalidRecipients: At least one recipient is not valid.'),
    });
  });
});
