import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const HOST_SCRIPT = path.join(__dirname, 'local-llama-host.mjs');

/**
 * The client side of local-llama-host.mjs: starts the host on first use, keeps it for the life of the
 * process (one loaded model per worker), and starts a fresh one if it dies.
 */
export class LocalLlamaClient {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: LocalLlamaOptions) {}

  get modelPath(): string {
    return this.options.modelPath;
  }

  /** Loads the model now (it loads on first request otherwise); answers the load time in ms. */
  async load(): Promise<number> {
    const result = (await this.request({ op: 'load' })) as { loadMs: number };
    return result.loadMs;
  }

  generate(request: LocalGenerateRequest): Promise<LocalGenerateResult> {
    return this.request({ op: 'generate', ...request }) as Promise<LocalGenerateResult>;
  }

  /** Stops the host process; the next request starts a new one. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      // An idle host is unref'd; without this the caller's process could end before 'exit' arrives.
      child.ref();
      child.kill();
    });
  }

  private request(message: object): Promise<unknown> {
    const child = this.ensureChild();
    const id = this.nextId++;
    // Hold the event loop open only while a request is in flight, so an idle host never keeps a process alive.
    child.ref();
    child.channel?.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ id, ...message }, (error) => {
        if (error) this.settle(id, { ok: false, error: error.message });
      });
    });
  }

  private settle(id: number, reply: { ok: boolean; result?: unknown; error?: string }) {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    if (this.pending.size === 0 && this.child) {
      this.child.unref();
      this.child.channel?.unref();
    }
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`local model: ${reply.error}`));
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(HOST_SCRIPT, [], {
      // The parent may run under tsx or jest; the host is plain ESM and needs none of their hooks.
      execArgv: [],
      env: {
        ...process.env,
        LLM_MODEL_PATH: this.options.modelPath,
        LLM_THREADS: String(this.options.threads),
        LLM_CONTEXT_SIZE: String(this.options.contextSize),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (reply: { id: number; ok: boolean; result?: unknown; error?: string }) =>
      this.settle(reply.id, reply),
    );
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      for (const id of [...this.pending.keys()])
        this.settle(id, { ok: false, error: `host exited (code ${code}, signal ${signal})` });
    });
    this.child = child;
    return child;
  }
}
