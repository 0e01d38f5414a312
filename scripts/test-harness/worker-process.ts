import { testSecretKeyHex } from './payload-keys';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../services/ports';
import { requireService } from './service-env';

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the process wrote, for the failure message of a test. */
  output: () => string;
  /** Resolves when the worker logs that it polls its task queue. */
  ready: Promise<void>;
  /** SIGKILL: no graceful shutdown, in-flight activities are simply lost. */
  kill: () => void;
  exited: Promise<number | null>;
  /** Where the worker serves /metrics, /health and /ready. */
  metricsPort: number;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The production worker entry point (workers/src/main.ts) as a child process of its own,
 * so a test can kill it the way a crash or an OOM kill would.
 */
export async function startWorkerProcess(env: {
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TASK_QUEUE: string;
}): Promise<WorkerProcess> {
  const metricsPort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...env,
      // Wraps the payload keys: the same as the test's own clients (payload-keys.ts).
      CADENZA_SECRET_KEY: testSecretKeyHex(),
      LOG_LEVEL: 'info',
      WORKER_METRICS_PORT: String(metricsPort),
      WORKER_SDK_METRICS_PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker polling task queue')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`worker exited (${code}) before polling:\n${output.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    output: () => output,
    ready,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    exited,
    metricsPort,
  };
}

/** A production worker process on `taskQueue`, against the harness's PostgreSQL and Temporal. */
export const startHarnessWorker = (taskQueue: string): Promise<WorkerProcess> =>
  startWorkerProcess({
    DATABASE_URL: requireService('postgres'),
    TEMPORAL_ADDRESS: requireService('temporal'),
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
