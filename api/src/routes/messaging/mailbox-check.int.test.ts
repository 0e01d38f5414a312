import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SmtpSink } from '@cadenza/activities/messaging';
import { createTenantWithKey, type TestPlatform } from '../../../../scripts/test-harness/integration';
import { startMessagingPlatform } from '../../../../scripts/test-harness/messaging-platform';

/**
 * "Test connection" on a mailbox: SMTP against the real local sink (and a closed port),
 * SendGrid against a local server answering GET /v3/scopes as SendGrid does. The secret
 * is opened on the server only; no response carries it.
 */
describe('mailbox connection test', () => {
  let sink: SmtpSink;
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let stop: () => Promise<void>;
  let sendgrid: Server;
  const seenKeys: string[] = [];

  beforeAll(async () => {
    sendgrid = createServer((req, res) => {
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      seenKeys.push(key);
      if (req.url !== '/v3/scopes') return void res.writeHead(404).end();
      if (key === 'SG.good')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ scopes: ['mail.send', 'user.profile.read'] }));
      if (key === 'SG.readonly')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ scopes: ['user.profile.read'] }));
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: 'authorization required' }] }));
    });
    await new Promise<void>((resolve) => sendgrid.listen(0, '127.0.0.1', resolve));
    const { port } = sendgrid.address() as AddressInfo;
    ({ sink, platform, tenant, stop } = await startMessagingPlatform('mailbox-check', {
      SENDGRID_BASE_URL: `http://127.0.0.1:${port}`,
    }));
  });
  afterAll(async () => {
    await stop?.();
    await new Promise((resolve) => sendgrid?.close(resolve));
  });

  const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.key ?? tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
  };
  const mailbox = async (body: Record<string, unknown>) => {
    const created = await api('/mailboxes', {
      method: 'POST',
      body: { name: 'Box', fromAddress: 'rep@acme.test', ...body },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  it('connects to an SMTP server, and reports a refused connection as a failed check', async () => {
    const reachable = await mailbox({ kind: 'smtp', host: '127.0.0.1', port: sink.port, secure: false });
    const ok = await api(`/mailboxes/${reachable}/test`, { method: 'POST' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, message: expect.stringContaining(`127.0.0.1:${sink.port}`) });
    expect(ok.body.durationMs).toBeGreaterThanOrEqual(0);

    const closed = await mailbox({
      kind: 'smtp',
      host: '127.0.0.1',
      port: 1,
      secure: false,
      password: 'hunter2-secret',
    });
    const refused = await api(`/mailboxes/${closed}/test`, { method: 'POST' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, message: expect.stringContaining('ECONNREFUSED') });
    expect(refused.text).not.toContain('hunter2-secret');
  });

  it('checks a SendGrid key and its mail.send scope without showing the key', async () => {
    const good = await mailbox({ kind: 'sendgrid', apiKey: 'SG.good' });
    const readonly = await mailbox({ kind: 'sendgrid', apiKey: 'SG.readonly' });
    const revoked = await mailbox({ kind: 'sendgrid', apiKey: 'SG.revoked' });
    const results = await Promise.all(
      [good, readonly, revoked].map((id) => api(`/mailboxes/${id}/test`, { method: 'POST' })),
    );
    expect(results.map((r) => r.body.ok)).toEqual([true, false, false]);
    expect(results[1]!.body.message).toContain('mail.send');
    expect(results[2]!.body.message).toContain('401');
    expect(seenKeys.sort()).toEqual(['SG.good', 'SG.readonly', 'SG.revoked']);
    for (const result of results) expect(result.text).not.toMatch(/SG\.(good|readonly|revoked)/);
    const listed = await api('/mailboxes');
    expect(listed.text).not.toMatch(/SG\./);
  });

  it('answers 404 for another tenant’s mailbox and 403 to a role without settings rights', async () => {
    const id = await mailbox({ kind: 'smtp', host: '127.0.0.1', port: sink.port });
    const rep = await api('/api-keys', { method: 'POST', body: { name: 'rep', role: 'sales_rep' } });
    expect((await api(`/mailboxes/${id}/test`, { method: 'POST', key: rep.body.secret })).status).toBe(403);
    const other = await createTenantWithKey(platform.db, 'other');
    expect((await api(`/mailboxes/${id}/test`, { method: 'POST', key: other.apiKey })).status).toBe(404);
    expect((await api(`/mailboxes/not-a-uuid/test`, { method: 'POST' })).status).toBe(400);
  });
});
