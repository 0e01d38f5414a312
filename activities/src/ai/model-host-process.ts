import { fork, type ChildProcess } from 'node:child_process';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The parent side of a model host script (local-llama-host.mjs, local-embedding-host.mjs): forks it on first
 * request, keeps it for the life of the process, starts a fresh one if it dies, and matches replies to
 * requests by id. `label` prefixes errors ("local model: ...").
 */
export class ModelHostProcess {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly label: string,
  ) {}

  request(message: object): Promise<unknown> {
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

  private settle(id: number, reply: { ok: boolean; result?: unknown; error?: string }) {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    if (this.pending.size === 0 && this.child) {
      this.child.unref();
      this.child.channel?.unref();
    }
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`${this.label}: ${reply.error}`));
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(this.script, [], {
      // The parent may run under tsx or jest; the host is plain ESM and needs none of their hooks.
      execArgv: [],
      env: { ...process.env, ...this.env },
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
