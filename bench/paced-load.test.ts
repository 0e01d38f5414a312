import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pacedLoad } from './paced-load';

describe('paced load', () => {
  let server: Server;
  let baseUrl: string;
  let inFlight = 0;
  let mostInFlight = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // A slow answer must not hold back the next request: the load is open loop.
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(req.url === '/fail' ? 500 : 200).end('ok');
      }, 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('keeps sending on schedule while answers are outstanding, and counts latency from when each was due', async () => {
    const result = await pacedLoad({
      baseUrl,
      rate: 100,
      seconds: 0.5,
      request: (i) => ({ method: 'GET', path: i % 10 === 9 ? '/fail' : '/ok', headers: {} }),
    });
    expect(result.sent).toBe(50);
    expect(result.latencies).toHaveLength(50);
    expect(result.non2xx).toBe(5);
    expect(result.errors).toBe(0);
    // Closed loop would have one request at the server at a time; a 50 ms answer every 10 ms overlaps.
    expect(mostInFlight).toBeGreaterThan(1);
    // Counted from when each was due, so never less than the answer took.
    expect(result.latencies[0]).toBeGreaterThanOrEqual(48);
  });
});
