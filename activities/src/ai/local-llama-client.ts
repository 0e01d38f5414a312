import path from 'node:path';
import { ModelHostProcess } from './model-host-process';

/** One message of a chat, in the host's wire format. */
export interface LocalChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LocalGenerateRequest {
  messages: LocalChatMessage[];
  maxTokens: number;
  temperature?: number;
  /** Constrains generation to JSON matching this schema (a llama.cpp grammar). */
  jsonSchema?: object;
  /** Continue the messages' text as a plain document (no chat template), stopping at any of `stop`. */
  completion?: { stop: string[]; seed?: number };
}

export interface LocalGenerateResult {
  text: string;
  stopReason: string;
  inputTokens: number;
  outputTokens: number;
  generationMs: number;
  loadMs: number;
}

export interface LocalLlamaOptions {
  modelPath: string;
  threads: number;
  contextSize: number;
}

const HOST_SCRIPT = path.join(__dirname, 'local-llama-host.mjs');

/**
 * The client side of local-llama-host.mjs: starts the host on first use, keeps it for the life of the
 * process (one loaded model per worker), and starts a fresh one if it dies.
 */
export class LocalLlamaClient {
  private readonly host: ModelHostProcess;

  constructor(private readonly options: LocalLlamaOptions) {
    this.host = new ModelHostProcess(
      HOST_SCRIPT,
      {
        LLM_MODEL_PATH: options.modelPath,
        LLM_THREADS: String(options.threads),
        LLM_CONTEXT_SIZE: String(options.contextSize),
      },
      'local model',
    );
  }

  get modelPath(): string {
    return this.options.modelPath;
  }

  /** Loads the model now (it loads on first request otherwise); answers the load time in ms. */
  async load(): Promise<number> {
    const result = (await this.host.request({ op: 'load' })) as { loadMs: number };
    return result.loadMs;
  }

  generate(request: LocalGenerateRequest): Promise<LocalGenerateResult> {
    return this.host.request({ op: 'generate', ...request }) as Promise<LocalGenerateResult>;
  }

  /** Stops the host process; the next request starts a new one. */
  close(): Promise<void> {
    return this.host.close();
  }
}
