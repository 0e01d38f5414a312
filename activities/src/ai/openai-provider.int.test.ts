import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAiEnv, createChatModel } from './chat-model-switch';
import { classifyReply, generateText } from './ai-steps';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';

/**
 * The OpenAI path of the switch against a local HTTP server speaking the /v1/chat/completions wire format
 * (a test double for the vendor, which this machine cannot reach).
 */
describe('the OpenAI provider path', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ authorization?: string; body: Record<string, unknown> }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        requests.push({ authorization: request.headers.authorization, body });
        if (request.url !== '/v1/chat/completions') return response.writeHead(404).end();
        const structured = body.response_format !== undefined;
        // The first structured answer breaks the schema, so the retry path is exercised too.
        const invalidFirst = structured && requests.filter((r) => r.body.response_format).length === 1;
        const content = structured
          ? invalidFirst
            ? '{"label":"maybe"}'
            : '{"label":"not_now"}'
          : 'Hi Grace, fancy a demo?';
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            created: 1,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    allowEgressTo((server.address() as AddressInfo).port);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is chosen by OPENAI_API_KEY and records the vendor usage', async () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: 'gpt-test' });
    const choice = await createChatModel(env, harnessEgress);
    expect(choice.active).toMatchObject({ provider: 'openai', model: 'gpt-test', baseUrl });
    const reply = await generateText(choice, { prompt: 'Invite Grace', maxTokens: 30, promptVersion: 'v1' });
    expect(reply).toMatchObject({
      text: 'Hi Grace, fancy a demo?',
      inputTokens: 12,
      outputTokens: 7,
      model: 'gpt-test',
    });
    const sent = requests.at(-1)!;
    expect(sent.authorization).toBe('Bearer sk-test');
    expect(sent.body).toMatchObject({ model: 'gpt-test', messages: [{ role: 'user', content: 'Invite Grace' }] });
  });

  it('asks for a JSON schema, rejects a reply outside the enum and retries', async () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl });
    const result = await classifyReply(await createChatModel(env, harnessEgress), 'Ask me again in Q3');
    expect(result).toMatchObject({ label: 'not_now', attempts: 2, inputTokens: 24, outputTokens: 14 });
    const sent = requests.at(-1)!.body.response_format as { type: string; json_schema: { schema: unknown } };
    expect(sent.type).toBe('json_schema');
    expect(sent.json_schema.schema).toMatchObject({
      properties: { label: { enum: expect.arrayContaining(['unsubscribe']) } },
    });
  });

  it('goes through the egress guard: an OPENAI_BASE_URL on an internal address is refused before connecting', async () => {
    let connections = 0;
    const internal = createServer((_req, res) => res.end('{}'));
    internal.on('connection', () => connections++);
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    try {
      const env = loadAiEnv({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `http://127.0.0.1:${(internal.address() as AddressInfo).port}/v1`,
      });
      const error = await generateText(await createChatModel(env, harnessEgress), {
        prompt: 'Hi',
        maxTokens: 5,
        promptVersion: 'v1',
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        nonRetryable: true,
        message: 'egress refused: 127.0.0.1 is a loopback address',
      });
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    }
  });
});
