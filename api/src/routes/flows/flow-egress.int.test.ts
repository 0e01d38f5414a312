import { randomUUID } from 'node:crypto';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf } from '@cadenza/test-harness/flow-fixtures';

/**
 * Save and validate refuse an http_request whose URL is a literal internal address, in any
 * spelling, naming the node (the probe read the Temporal UI API on 127.0.0.1:8233).
 */
describe('flows API: egress checks at save', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };

  beforeAll(async () => {
    platform = await startTestPlatform(`flow-egress-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db, 'Flow egress');
  });
  afterAll(() => platform?.stop());

  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  const hook = (url: string, headers: Record<string, string> = {}) =>
    flowOf([{ id: 'hook', type: 'http_request', settings: { method: 'GET', url, headers } }], [['start', 'hook']]);

  it.each([
    ['http://127.0.0.1:8233/api/v1/namespaces/default/workflows', '127.0.0.1 is a loopback address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1:3000/metrics', '127.0.0.1 is a loopback address'],
    ['http://localhost:9464/metrics', 'localhost is a loopback name'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['http://10.0.0.8/', '10.0.0.8 is a private address'],
  ])('refuses %s at save with a 400 naming the node', async (url, rule) => {
    const name = `Probe ${randomUUID()}`;
    const saved = await api('/flows', { name, kind: 'automation', draft: hook(url) });
    expect(saved.status).toBe(400);
    expect(saved.body.details.errors).toEqual([
      expect.objectContaining({ nodeId: 'hook', path: 'settings.url', message: expect.stringContaining(rule) }),
    ]);
    const validated = await api('/flows/validate', { definition: hook(url) });
    expect(validated.body.errors[0]).toMatchObject({
      nodeId: 'hook',
      message: expect.stringContaining('egress refused'),
    });
  });

  it('saves a public webhook and one whose host is a template (judged at run time)', async () => {
    for (const url of ['https://hooks.example.com/crm', 'https://{{contact.source}}/hook']) {
      expect((await api('/flows', { name: `Ok ${randomUUID()}`, kind: 'automation', draft: hook(url) })).status).toBe(
        201,
      );
    }
  });

  it('refuses a header value with CR/LF at save, naming the node', async () => {
    const saved = await api('/flows', {
      name: `Headers ${randomUUID()}`,
      kind: 'automation',
      draft: hook('https://hooks.example.com/', { 'x-note': 'a\r\nx-role: admin' }),
    });
    expect(saved.status).toBe(400);
    expect(saved.body.details.errors[0]).toMatchObject({ nodeId: 'hook', path: 'settings.headers' });
  });
});
