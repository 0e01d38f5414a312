import { currentReplyTriageModel } from '@cadenza/services/ai';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { loadAiEnv } from '../chat-model-switch';
import { closeLocalEmbedder } from '../embedder-switch';
import { createReplyTriager, replyTriageProvider } from './reply-triager-switch';

afterAll(() => closeLocalEmbedder());

describe('createReplyTriager', () => {
  it('asks the vendor chat model when an OpenAI key is configured, named by provider and model', () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'gpt-test' });
    expect(replyTriageProvider(env)).toBe('openai');
    expect(createReplyTriager(env, harnessEgress).model).toBe('openai:gpt-test');
  });

  it('uses the committed offline model otherwise, even when search embeddings are set to OpenAI', () => {
    const model = currentReplyTriageModel();
    expect(replyTriageProvider(loadAiEnv({}))).toBe('local');
    expect(createReplyTriager(loadAiEnv({}), harnessEgress).model).toBe(`${model.name}@${model.version}`);
    expect(
      createReplyTriager(loadAiEnv({ LLM_PROVIDER: 'local', OPENAI_API_KEY: 'sk-test' }), harnessEgress).model,
    ).toBe(`${model.name}@${model.version}`);
  });
});
