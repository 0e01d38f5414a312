import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAiActivities } from './ai/ai-activities';
import { createChatModel, loadAiEnv } from './ai/chat-model-switch';
import { meterLlmTokens } from './llm-token-meter';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';

type Recorded = Array<[{ model: string; kind: 'prompt' | 'completion' }, number]>;

/**
 * Token usage of real LLM calls (LangChain's OpenAI client against a local server speaking the
 * /v1/chat/completions wire format, the vendor being unreachable here) reaches the counter of
 * the worker whose activity made the call.
 */
describe('LLM token metering', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        const body = JSON.parse(raw) as { model: string };
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            created: 1,
            model: body.model,
            choices: [
              { index: 0, message: { role: 'assistant', content: '{"intent":"interested","confidence":0.9}' } },
            ],
            usage: { prompt_tokens: 31, completion_tokens: 5, total_tokens: 36 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    allowEgressTo((server.address() as AddressInfo).port);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const aiActivities = (model: string) => {
    const ai = loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: model });
    return createAiActivities({ ai, egress: harnessEgress, chatModel: () => createChatModel(ai, harnessEgress) });
  };
  const recorder = () => {
    const recorded: Recorded = [];
    return { recorded, hook: (labels: Recorded[number][0], tokens: number) => void recorded.push([labels, tokens]) };
  };

  it('reports prompt and completion tokens of each call to the hook of the activity that made it', async () => {
    const a = recorder();
    const b = recorder();
    const workerA = meterLlmTokens(aiActivities('gpt-a'), a.hook);
    const workerB = meterLlmTokens(aiActivities('gpt-b'), b.hook);
    // Interleaved, as two workers in one process would run them.
    await Promise.all([
      workerA.triageReply({ tenantId: 't', text: 'Sounds great, call me' }),
      workerB.triageReply({ tenantId: 't', text: 'Yes please' }),
      workerA.triageReply({ tenantId: 't', text: 'Tell me more' }),
    ]);
    expect(a.recorded).toEqual([
      [{ model: 'gpt-a', kind: 'prompt' }, 31],
      [{ model: 'gpt-a', kind: 'completion' }, 5],
      [{ model: 'gpt-a', kind: 'prompt' }, 31],
      [{ model: 'gpt-a', kind: 'completion' }, 5],
    ]);
    expect(b.recorded).toEqual([
      [{ model: 'gpt-b', kind: 'prompt' }, 31],
      [{ model: 'gpt-b', kind: 'completion' }, 5],
    ]);
  });

  it('reports nothing for a call outside a metered activity', async () => {
    const c = recorder();
    meterLlmTokens(aiActivities('gpt-c'), c.hook); // metered copy made, but the raw one is called
    await aiActivities('gpt-c').triageReply({ tenantId: 't', text: 'Not now' });
    expect(c.recorded).toEqual([]);
  });
});
