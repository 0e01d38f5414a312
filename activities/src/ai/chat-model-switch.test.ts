import { ConfigError } from '@cadenza/core';
import { loadAiEnv, resolveActiveModel } from './chat-model-switch';

describe('resolveActiveModel', () => {
  it('defaults to the local GGUF model when no vendor is configured', () => {
    expect(resolveActiveModel(loadAiEnv({}))).toMatchObject({ provider: 'local', model: 'gemma-3-270m-q4_k_m.gguf' });
    expect(resolveActiveModel(loadAiEnv({ LLM_MODEL_PATH: '/models/other.gguf' })).model).toBe('other.gguf');
  });

  it('picks OpenAI when its key is set, and names the missing key when forced without one', () => {
    expect(resolveActiveModel(loadAiEnv({ OPENAI_API_KEY: 'k' }))).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(() => resolveActiveModel(loadAiEnv({ LLM_PROVIDER: 'openai' }))).toThrow(/OPENAI_API_KEY/);
  });

  it('refuses Anthropic and Ollama when their LangChain package is not installed', () => {
    expect(() => resolveActiveModel(loadAiEnv({ LLM_PROVIDER: 'anthropic' }), () => false)).toThrow(ConfigError);
    expect(() => resolveActiveModel(loadAiEnv({ LLM_PROVIDER: 'ollama' }), () => false)).toThrow(/@langchain\/ollama/);
  });

  it('names a bad variable at load time', () => {
    expect(() => loadAiEnv({ LLM_PROVIDER: 'gpt' })).toThrow(/LLM_PROVIDER/);
    expect(() => loadAiEnv({ LLM_THREADS: '0' })).toThrow(/LLM_THREADS/);
  });
});
