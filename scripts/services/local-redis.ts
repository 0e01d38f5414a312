import { mkdirSync } from 'node:fs';
import { ManagedProcess } from './managed-process';
import { pingRedis } from './redis-ping';
import { waitUntil } from './wait-until';

export interface LocalRedisOptions {
  port: number;
  /** Folder for the append-only file; omit for a memory-only server (tests). */
  dataDir?: string;
  restart?: boolean;
  log?: (line: string) => void;
}

/** Starts Debian's redis-server on 127.0.0.1 and resolves once it answers PING. */
export async function startLocalRedis(options: LocalRedisOptions): Promise<{ url: string; process: ManagedProcess }> {
  const persistence = options.dataDir ? ['--dir', options.dataDir, '--appendonly', 'yes'] : ['--appendonly', 'no'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const process = new ManagedProcess({
    name: 'redis',
    command: 'redis-server',
    args: [
      '--bind',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--save',
      '',
      '--protected-mode',
      'yes',
      ...persistence,
    ],
    restart: options.restart,
    log: options.log,
  }).start();
  const url = `redis://127.0.0.1:${options.port}`;
  try {
    await waitUntil('redis-server', () => pingRedis(url, 1000).then(() => true), { timeoutMs: 15_000 });
  } catch (error) {
    await process.stop(1000);
    throw error;
  }
  return { url, process };
}
