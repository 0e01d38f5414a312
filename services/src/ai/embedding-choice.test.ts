import { ConfigError } from '@cadenza/core';
import { loadAiEnv } from './ai-model-choice';
import { resolveEmbeddingModel } from './embedding-choice';

describe('resolveEmbeddingModel', () => {
  it('is local with no vendor key', () => {
    expect(resolveEmbeddingModel(loadAiEnv({}))).toEqual({
      provider: 'local',
      model: 'all-MiniLM-L6-v2.f32.gguf',
      note: 'auto: no vendor key set',
    });
  });

  it('is OpenAI when auto and OPENAI_API_KEY is set, with the base URL', () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(resolveEmbeddingModel(env)).toMatchObject({
      provider: 'openai',
      model: 'text-embedding-3-small',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
  });

  it('stays local when asked, even with a key, and names an overridden file', () => {
    const env = loadAiEnv({ OPENAI_API_KEY: 'sk-x', EMBEDDING_PROVIDER: 'local', EMBEDDING_MODEL_PATH: '/m/bge.gguf' });
    expect(resolveEmbeddingModel(env)).toMatchObject({ provider: 'local', model: 'bge.gguf' });
  });

  it('refuses openai without a key, naming the field', () => {
    expect(() => resolveEmbeddingModel(loadAiEnv({ EMBEDDING_PROVIDER: 'openai' }))).toThrow(ConfigError);
    expect(() => loadAiEnv({ EMBEDDING_PROVIDER: 'bert' })).toThrow(/EMBEDDING_PROVIDER/);
  });
});
