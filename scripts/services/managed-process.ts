import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Restart after an unexpected exit (with backoff); the launcher's supervision. */
  restart?: boolean;
  /** Where each output line goes; defaults to this process's stdout, prefixed by name. */
  log?: (line: string) => void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * A child process that is started, restarted when it dies unexpectedly, and stopped
 * with SIGTERM then SIGKILL, so the launcher leaves no orphans behind.
 */
export class ManagedProcess {
  private child?: ChildProcess;
  private stopping = false;
  private restarts = 0;
  private restartTimer?: NodeJS.Timeout;
  private readonly log: (line: string) => void;

  constructor(private readonly options: ManagedProcessOptions) {
    this.log = options.log ?? ((line) => console.log(`[${options.name}] ${line}`));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): this {
    const { command, args, env, cwd } = this.options;
    const child = spawn(command, args, {
      env: env ?? process.env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => this.log(line));
    }
    child.once('error', (error) => this.log(`could not start ${command}: ${error.message}`));
    child.once('exit', (code, signal) => this.onExit(code, signal));
    return this;
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    this.log(`exited unexpectedly (${signal ?? `code ${code}`})`);
    if (!this.options.restart) return;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.restarts++);
    this.log(`restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => this.start(), delay);
  }

  /**
   * No more restarts from now on. Called for every process as soon as shutdown begins,
   * because a terminal's Ctrl-C reaches the children too, before they are stopped in order.
   */
  halt(): void {
    this.stopping = true;
    clearTimeout(this.restartTimer);
  }

  /** Resolves once the process has exited; escalates to SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.halt();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => {
      this.log(`did not stop within ${graceMs} ms; killing it`);
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(killer);
  }
}
