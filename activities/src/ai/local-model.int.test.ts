import { closeLocalModel, createChatModel, loadAiEnv, localLlamaClient } from './chat-model-switch';
import { generateText, scoreLead } from './ai-steps';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

// Against the real local GGUF model (gemma-3 270M, CPU, one thread). Slow by nature, so generous timeouts.
const env = loadAiEnv({ LLM_PROVIDER: 'local' });
jest.setTimeout(120_000);

afterAll(() => closeLocalModel());

describe('the local model', () => {
  it('loads on the CPU from the .venv install and generates text with token counts', async () => {
    const client = await localLlamaClient(env);
    const loadMs = await client.load();
    const choice = await createChatModel(env, harnessEgress);
    expect(choice.active).toMatchObject({ provider: 'local', model: 'gemma-3-270m-q4_k_m.gguf' });
    const reply = await generateText(choice, {
      system: 'You write short, friendly sales emails.',
      prompt: 'Write one sentence inviting Grace from Acme to a product demo.',
      maxTokens: 40,
      promptVersion: 'test-1',
    });
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.inputTokens).toBeGreaterThan(5);
    expect(reply.outputTokens).toBeGreaterThan(0);
    expect(reply.outputTokens).toBeLessThanOrEqual(40);
    expect(reply).toMatchObject({ provider: 'local', promptVersion: 'test-1' });
    const tokensPerSecond = reply.outputTokens / (reply.latencyMs / 1000);
    console.log(
      `local model: load ${loadMs} ms, ${reply.outputTokens} tokens in ${reply.latencyMs} ms (${tokensPerSecond.toFixed(1)} tokens/s)`,
    );
  });

  it('scores a lead 0..100 with an explanation, under a grammar', async () => {
    const choice = await createChatModel(env, harnessEgress);
    const result = await scoreLead(choice, 'Works at a software company with more than 100 employees', {
      firstName: 'Grace',
      company: 'Acme Software',
      employees: 500,
    });
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(100);
    expect(result.explanation.length).toBeGreaterThan(0);
  });
});
