import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '@cadenza/core';
import { createApiKey } from '@cadenza/data';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = `token-${randomUUID()}`;
const HOOK_PATH = `/services/T000/B000/${randomUUID()}`;

/**
 * Per-workspace SMS and Slack providers: set and cleared through the API (admins only),
 * secrets sealed and never returned, used by the send_sms and notify_slack steps, and the
 * outbox again once cleared (this server has no Twilio or Slack in its environment).
 */
describe('messaging providers per workspace', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;
  const seen: Array<{ url: string; auth: string | undefined; body: string }> = [];
  // One local server speaking both wire formats: Twilio's Messages API and a Slack webhook.
  const provider = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      if (req.url?.startsWith('/2010-04-01/')) {
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${randomUUID()}` }));
      } else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    allowEgressTo((provider.address() as AddressInfo).port);
    base = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('providers', { TWILIO_BASE_URL: base }));
  });
  afterAll(async () => {
    await stop?.();
    await new Promise<void>((resolve) => provider.close(() => resolve()));
  });

  const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.key ?? tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
  };

  let flowId = '';
  const sendBoth = async () => {
    const contactId = await newContact(platform.db, admin, { phone: '+15550001111', email: `${randomUUID()}@x.test` });
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    return waitUntil(
      'both messages sent',
      async () => {
        const items = (await api(`/outbox?contactId=${contactId}`)).body.items as any[];
        return items.length === 2 && items.every((item) => item.status === 'sent') ? items : undefined;
      },
      { timeoutMs: 30_000 },
    );
  };
  const providersOf = (items: any[]) => Object.fromEntries(items.map((item) => [item.channel, item.provider]));

  it('sends through the workspace providers while set, and to the outbox otherwise', async () => {
    const created = await api('/flows', {
      method: 'POST',
      body: {
        name: `Flow ${randomUUID()}`,
        kind: 'sequence',
        draft: flowOf(
          [
            { id: 'sms', type: 'send_sms', settings: { body: 'Hi {{default contact.firstName "there"}}' } },
            { id: 'slack', type: 'notify_slack', settings: { channel: '#sales', message: 'Texted {{contact.phone}}' } },
          ],
          [
            ['start', 'sms'],
            ['sms', 'slack'],
          ],
        ),
      },
    });
    flowId = created.body.id;
    expect((await api(`/flows/${flowId}/publish`, { method: 'POST' })).status).toBe(201);

    expect((await api('/messaging-providers')).body).toEqual({
      twilio: null,
      slack: null,
      sendsTo: { sms: 'outbox', slack: 'outbox' },
    });
    expect(providersOf(await sendBoth())).toEqual({ sms: 'outbox', slack: 'outbox' });
    expect(seen).toEqual([]);

    const twilio = await api('/messaging-providers/twilio', {
      method: 'PUT',
      body: { accountSid: SID, authToken: TOKEN, from: '+15550009999' },
    });
    expect(twilio.status).toBe(200);
    const slack = await api('/messaging-providers/slack', {
      method: 'PUT',
      body: { webhookUrl: `${base}${HOOK_PATH}` },
    });
    expect(slack.body).toMatchObject({
      twilio: { accountSid: SID, from: '+15550009999', hasAuthToken: true },
      slack: { hasWebhookUrl: true },
      sendsTo: { sms: 'tenant', slack: 'tenant' },
    });
    // Neither secret comes back, nor lies in the database in the clear.
    for (const answer of [twilio, slack, await api('/messaging-providers')]) {
      expect(answer.text).not.toContain(TOKEN);
      expect(answer.text).not.toContain(HOOK_PATH);
    }
    const stored = JSON.stringify(
      await platform.db.query(`SELECT * FROM messaging_providers WHERE tenant_id = $1`, [tenant.tenantId]),
    );
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(HOOK_PATH);

    expect(providersOf(await sendBoth())).toEqual({ sms: 'twilio', slack: 'slack' });
    const [sms, note] = seen;
    expect(sms!.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(sms!.auth).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(sms!.body))).toMatchObject({
      To: '+15550001111',
      From: '+15550009999',
      Body: 'Hi Ada',
    });
    expect(note!.url).toBe(HOOK_PATH);
    expect(JSON.parse(note!.body)).toEqual({ channel: '#sales', text: 'Texted +15550001111' });

    expect((await api('/messaging-providers/twilio', { method: 'DELETE' })).body.sendsTo).toEqual({
      sms: 'outbox',
      slack: 'tenant',
    });
    expect((await api('/messaging-providers/twilio', { method: 'DELETE' })).status).toBe(404);
    expect((await api('/messaging-providers/slack', { method: 'DELETE' })).status).toBe(200);
    seen.length = 0;
    expect(providersOf(await sendBoth())).toEqual({ sms: 'outbox', slack: 'outbox' });
    expect(seen).toEqual([]);
  });

  it('is for admins only, and names a bad field', async () => {
    const marketer = await createApiKey(platform.db, tenant.tenantId, 'marketer', 'marketer');
    expect((await api('/messaging-providers', { key: marketer })).status).toBe(403);
    expect(
      (await api('/messaging-providers/slack', { method: 'PUT', key: marketer, body: { webhookUrl: `${base}/x` } }))
        .status,
    ).toBe(403);
    const bad = await api('/messaging-providers/twilio', {
      method: 'PUT',
      body: { accountSid: 'nope', authToken: TOKEN, from: '+15550009999' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields).toEqual([expect.objectContaining({ field: 'body.accountSid' })]);
    expect(bad.text).not.toContain(TOKEN);
    expect(
      (await api('/messaging-providers/slack', { method: 'PUT', body: { webhookUrl: 'ftp://example.com/x' } })).status,
    ).toBe(400);
  });

  it.each([
    ['http://127.0.0.1:8233/api/v1/namespaces/default/workflows', '127.0.0.1 is a loopback address'],
    ['http://2130706433:9464/metrics', '127.0.0.1 is a loopback address'],
    ['http://localhost:3000/metrics', 'localhost is a loopback name'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
  ])('refuses the Slack webhook %s with a 400 naming the field', async (webhookUrl, rule) => {
    const refused = await api('/messaging-providers/slack', { method: 'PUT', body: { webhookUrl } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'egress_refused',
      message: expect.stringContaining(`webhookUrl: egress refused: ${rule}`),
    });
  });
});
