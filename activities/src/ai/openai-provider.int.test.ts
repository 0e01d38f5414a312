import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAiEnv, createChatModel } from './chat-model-switch';
import { generateText, triageReplyWithModel } from './ai-steps';
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
            ? '{"intent":"maybe","confidence":0.9}'
            : '{"intent":"not_now","confidence":0.82}'
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

  it('triages a reply: asks for a JSON schema, rejects a reply outside the enum and retries', async () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: 'gpt-test' });
    const result = await triageReplyWithModel(await createChatModel(env, harnessEgress), {
      text: 'Ask me again in Q3\n\nOn Mon, Nov 3, 2026 at 9:14 AM Sam <sam@cadenza.example> wrote:\n> Interested in a demo?',
      subject: 'Re: intro',
    });
    expect(result).toMatchObject({ attempts: 2, inputTokens: 24, outputTokens: 14 });
    expect(result.triage).toEqual({
      intent: 'not_now',
      confidence: 0.82,
      needsReview: false,
      model: 'openai:gpt-test',
    });
    // The model reads what the classifier reads: the subject, and the body without the quoted email.
    const messages = requests.at(-1)!.body.messages as Array<{ role: string; content: string }>;
    expect(messages.at(-1)!.content).toContain('Subject: Re: intro');
    expect(messages.at(-1)!.content).toContain('Ask me again in Q3');
    expect(messages.at(-1)!.content).not.toContain('Interested in a demo');
    const sent = requests.at(-1)!.body.response_format as { type: string; json_schema: { schema: unknown } };
    expect(sent.type).toBe('json_schema');
    expect(sent.json_schema.schema).toMatchObject({
      properties: { intent: { enum: expect.arrayContaining(['unsubscribe', 'bounce', 'other']) } },
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
