import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowEgressTo } from './egress-allow';

export interface DoubleRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type DoubleHandler = (request: DoubleRequest, res: ServerResponse) => unknown;

/** A local HTTP server on a free 127.0.0.1 port, reachable through the egress guard; every request is kept for the test to read. */
export async function startHttpDouble(
  handle: DoubleHandler,
): Promise<{ baseUrl: string; port: number; requests: DoubleRequest[]; close: () => Promise<void> }> {
  const requests: DoubleRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://double'),
        headers: req.headers,
        body,
      };
      requests.push(request);
      Promise.resolve(handle(request, res)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  allowEgressTo(port);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of the clients (undici's pool) would hold close() open.
        server.closeAllConnections();
      }),
  };
}

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
