import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EMBEDDING_MODEL_FILE, locateEmbeddingModel } from './embedding-model-path';

describe('locateEmbeddingModel', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cadenza-embedding-'));

  it('says how to install the model when setup has not converted it', () => {
    expect(() => locateEmbeddingModel({ root })).toThrow(/npm run setup.*EMBEDDING_MODEL_PATH/);
  });

  it('finds the converted file in .venv/models', () => {
    const file = path.join(root, '.venv', 'models', EMBEDDING_MODEL_FILE);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'GGUF');
    expect(locateEmbeddingModel({ root })).toBe(file);
  });

  it('takes EMBEDDING_MODEL_PATH, and names it when the file is missing', () => {
    expect(() => locateEmbeddingModel({ override: '/nowhere/bert.gguf', root })).toThrow(
      'EMBEDDING_MODEL_PATH points to a missing file: /nowhere/bert.gguf',
    );
  });
});
