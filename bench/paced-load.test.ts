import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pacedLoad } from './paced-load';

describe('paced load', () => {
  let server: Server;
  let baseUrl: string;
  const arrivals: number[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      arrivals.push(Date.now());
      // A slow answer must not hold back the next request: the load is open loop.
      setTimeout(() => res.writeHead(req.url === '/fail' ? 500 : 200).end('ok'), 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends every request on schedule whatever the answers take, and counts from when each was due', async () => {
    arrivals.length = 0;
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
    // Closed loop with one request at a time would need 50 × 50 ms; open loop overlaps them.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeLessThan(2000);
    expect(result.latencies[0]).toBeGreaterThanOrEqual(49);
  });
});
