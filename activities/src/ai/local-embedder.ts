import path from 'node:path';
import { checkEmbeddings, normalise, type Embedder } from '@cadenza/services/ai';
import { ModelHostProcess } from './model-host-process';

const HOST_SCRIPT = path.join(__dirname, 'local-embedding-host.mjs');

export interface LocalEmbedderOptions {
  modelPath: string;
  threads: number;
}

/** What one embed call cost the host, for the bench and for logs. */
export interface LocalEmbedStats {
  tokens: number;
  embedMs: number;
}

/**
 * The local BERT GGUF (all-MiniLM-L6-v2) through node-llama-cpp, in its own host process. A call's texts travel
 * in one IPC message and are embedded one after another (the host serves one request at a time: two CPUs).
 */
export class LocalEmbedder implements Embedder {
  readonly model: string;
  private readonly host: ModelHostProcess;
  /** Totals of the last embed call. */
  lastStats: LocalEmbedStats = { tokens: 0, embedMs: 0 };

  constructor(readonly options: LocalEmbedderOptions) {
    this.model = `local:${path.basename(options.modelPath)}`;
    this.host = new ModelHostProcess(
      HOST_SCRIPT,
      { EMBEDDING_MODEL_PATH: options.modelPath, EMBEDDING_THREADS: String(options.threads) },
      'local embedding model',
    );
  }

  /** Loads the model now (it loads on first request otherwise); answers the load time in ms. */
  async load(): Promise<number> {
    return ((await this.host.request({ op: 'load' })) as { loadMs: number }).loadMs;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const result = (await this.host.request({ op: 'embed', texts })) as LocalEmbedStats & { vectors: number[][] };
    this.lastStats = { tokens: result.tokens, embedMs: result.embedMs };
    return checkEmbeddings(texts, result.vectors.map(normalise), this.model);
  }

  close(): Promise<void> {
    return this.host.close();
  }
}
