import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './ports';
import { proxyTargetOf, startTemporalUiProxy } from './temporal-ui-proxy';

describe('the Temporal UI proxy', () => {
  it("sends the UI's codec calls to the API's codec server and everything else to the UI", () => {
    const ports = { uiPort: 1, apiPort: 2 };
    expect(proxyTargetOf('/cadenza-codec/decode', ports)).toEqual({ port: 2, path: '/api/v1/temporal-codec/decode' });
    expect(proxyTargetOf('/namespaces/default/workflows', ports)).toEqual({
      port: 1,
      path: '/namespaces/default/workflows',
    });
    expect(proxyTargetOf('/cadenza-codecs', ports)).toEqual({ port: 1, path: '/cadenza-codecs' });
    expect(proxyTargetOf('/api/v1/namespaces', ports)).toEqual({ port: 1, path: '/api/v1/namespaces' });
  });

  it('forwards method, path, body and the cookie, and answers 502 while the target is down', async () => {
    const seen: Array<{ method?: string; url?: string; cookie?: string; body: string }> = [];
    const api = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, cookie: req.headers.cookie, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"payloads":[]}');
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const proxy = await startTemporalUiProxy({
      port,
      uiPort: await freePort(),
      apiPort: (api.address() as AddressInfo).port,
    });
    try {
      const decoded = await fetch(`http://127.0.0.1:${port}/cadenza-codec/decode`, {
        method: 'POST',
        headers: { cookie: 'cadenza_session=abc', 'content-type': 'application/json' },
        body: '{"payloads":[]}',
      });
      expect([decoded.status, await decoded.text()]).toEqual([200, '{"payloads":[]}']);
      expect(seen).toEqual([
        {
          method: 'POST',
          url: '/api/v1/temporal-codec/decode',
          cookie: 'cadenza_session=abc',
          body: '{"payloads":[]}',
        },
      ]);
      const ui = await fetch(`http://127.0.0.1:${port}/namespaces/default`);
      expect(ui.status).toBe(502);
      expect(await ui.text()).toMatch(/the Temporal UI is not answering yet/);
    } finally {
      proxy.close();
      api.close();
    }
  });
});
