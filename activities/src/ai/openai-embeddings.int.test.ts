import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dot } from '@cadenza/services/ai';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';
import { createEmbedder } from './embedder-switch';
import { loadAiEnv } from './chat-model-switch';

/** The OpenAI embeddings path against a local HTTP server speaking /v1/embeddings (the vendor is unreachable here). */
describe('the OpenAI embeddings path', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ authorization?: string; body: { model: string; input: string[]; dimensions: number } }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        if (request.url !== '/v1/embeddings') return response.writeHead(404).end();
        const body = JSON.parse(raw) as (typeof requests)[number]['body'];
        requests.push({ authorization: request.headers.authorization, body });
        if (body.input.includes('fail')) return response.writeHead(429).end('{"error":{"message":"rate limited"}}');
        // Unnormalised vectors, listed in reverse, so the client's reordering and normalising are both exercised.
        const data = body.input.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: Array.from({ length: body.dimensions }, (_, d) => (d === text.length % body.dimensions ? 3 : 0)),
        }));
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            object: 'list',
            data: data.reverse(),
            model: body.model,
            usage: { prompt_tokens: 4, total_tokens: 4 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    allowEgressTo((server.address() as AddressInfo).port);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is chosen by OPENAI_API_KEY, asks for 384 dimensions and answers unit vectors in input order', async () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl });
    const { embedder, choice } = createEmbedder(env, harnessEgress);
    expect(choice).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small', baseUrl });
    const [a, bb] = await embedder.embed(['a', 'bb']);
    expect(a![1]).toBeCloseTo(1, 6);
    expect(bb![2]).toBeCloseTo(1, 6);
    expect(dot(a!, bb!)).toBe(0);
    expect(requests.at(-1)).toEqual({
      authorization: 'Bearer sk-test',
      body: { model: 'text-embedding-3-small', input: ['a', 'bb'], dimensions: 384, encoding_format: 'float' },
    });
  });

  it('reports a vendor error with its status', async () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl });
    await expect(createEmbedder(env, harnessEgress).embedder.embed(['fail'])).rejects.toThrow(
      'OpenAI embeddings: HTTP 429',
    );
  });

  it('goes through the egress guard: an internal OPENAI_BASE_URL is refused before connecting', async () => {
    let connections = 0;
    const internal = createServer((_req, res) => res.end('{}'));
    internal.on('connection', () => connections++);
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    try {
      const env = loadAiEnv({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `http://127.0.0.1:${(internal.address() as AddressInfo).port}/v1`,
      });
      await expect(createEmbedder(env, harnessEgress).embedder.embed(['hi'])).rejects.toThrow(
        'egress refused: 127.0.0.1 is a loopback address',
      );
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    }
  });
});
