import http from 'node:http';

/** Where the Temporal UI sends its codec calls: on its own origin, so the browser sends the session cookie. */
export const UI_CODEC_PATH = '/cadenza-codec';

/** Where one request to the UI's port goes: the API's codec server, or the dev server's UI. */
export function proxyTargetOf(url: string, ports: { uiPort: number; apiPort: number }): { port: number; path: string } {
  if (url === UI_CODEC_PATH || url.startsWith(`${UI_CODEC_PATH}/`)) {
    return { port: ports.apiPort, path: `/api/v1/temporal-codec${url.slice(UI_CODEC_PATH.length)}` };
  }
  return { port: ports.uiPort, path: url };
}

/**
 * The Temporal Web UI as people reach it in development (TEMPORAL_UI_PORT): the dev server's UI
 * behind this proxy, which also answers the UI's codec calls by handing them to the API's codec
 * server. Same origin for the browser, so a person signed in to Cadenza (cookies belong to the
 * host, not the port) sees decoded payloads if ops or admin, and anyone else sees ciphertext;
 * nobody has to change the UI's codec settings. Production runs the UI with
 * TEMPORAL_CODEC_INCLUDE_CREDENTIALS instead (deploy/runbook.md).
 */
export function startTemporalUiProxy(options: { port: number; uiPort: number; apiPort: number }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const target = proxyTargetOf(req.url ?? '/', options);
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: req.method,
        headers: { ...req.headers, host: `127.0.0.1:${target.port}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`the Temporal UI is not answering yet (${error.message})`);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}
