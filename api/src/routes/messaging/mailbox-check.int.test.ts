import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import type { SmtpSink } from '@cadenza/services/messaging';
import { createTenantWithKey, type TestPlatform } from '@cadenza/test-harness/integration';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';

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
    allowEgressTo(port);
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

  it('connects to an SMTP server through the egress guard', async () => {
    const reachable = await mailbox({ kind: 'smtp', host: '127.0.0.1', port: sink.port, secure: false });
    const ok = await api(`/mailboxes/${reachable}/test`, { method: 'POST' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, message: expect.stringContaining(`127.0.0.1:${sink.port}`) });
    expect(ok.body.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('answers one generic "could not connect" for refused, closed and unreachable targets (no port scanning)', async () => {
    // A listening port the guard does not allow: it must see no connection at all.
    let connections = 0;
    const listening = createTcpServer((socket) => {
      connections++;
      socket.end('220 internal service\r\n');
    });
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const internalPort = (listening.address() as AddressInfo).port;
    // A closed port the guard allows, so the connection is really tried.
    const probe = createTcpServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    allowEgressTo(closedPort);
    try {
      const saved = await api('/mailboxes', {
        method: 'POST',
        body: { name: 'Probe', fromAddress: 'rep@acme.test', kind: 'smtp', host: '0x7f.1', port: internalPort },
      });
      expect(saved.status).toBe(400);
      expect(saved.body.message).toContain('host: egress refused: 127.0.0.1 is a loopback address');

      const closed = await mailbox({ kind: 'smtp', host: '127.0.0.1', port: closedPort, password: 'hunter2-secret' });
      const unreachable = await mailbox({ kind: 'smtp', host: 'mail.does-not-exist.invalid', port: 587 });
      // Saved before the save-time check existed: only the runtime guard stands in the way.
      const refused = await mailbox({ kind: 'smtp', host: '127.0.0.1', port: closedPort });
      await platform.db.query(`UPDATE mailboxes SET port = $1 WHERE id = $2`, [internalPort, refused]);

      const answers = await Promise.all(
        [refused, closed, unreachable].map((id) => api(`/mailboxes/${id}/test`, { method: 'POST' })),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          ok: false,
          message: 'could not connect to the SMTP server; check the host, port and TLS setting',
        });
        expect(answer.text).not.toContain('hunter2-secret');
      }
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
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
