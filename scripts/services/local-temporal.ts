import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { assertBinaryExists, devServerArgs, temporalBinaries } from '@cadenza/temporal';
import { ManagedProcess } from './managed-process';
import { waitUntil } from './wait-until';

export interface LocalTemporalOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  uiCodecEndpoint?: string;
}

/**
 * The Temporal dev server with its SQLite file in the data folder, so runs survive a
 * restart of the launcher. Resolves once the frontend answers.
 */
export async function startLocalTemporal(
  options: LocalTemporalOptions,
): Promise<{ address: string; process: ManagedProcess }> {
  const { cli } = temporalBinaries();
  assertBinaryExists(cli, 'TEMPORAL_CLI');
  mkdirSync(options.dataDir, { recursive: true });
  const process = new ManagedProcess({
    name: 'temporal',
    command: cli,
    args: devServerArgs({
      dbFile: path.join(options.dataDir, 'temporal.sqlite'),
      ip: '127.0.0.1',
      port: options.port,
      uiPort: options.uiPort,
      namespace: options.namespace,
      ...(options.uiCodecEndpoint ? { uiCodecEndpoint: options.uiCodecEndpoint } : {}),
    }),
    restart: true,
  }).start();
  const address = `127.0.0.1:${options.port}`;
  await waitUntil(
    'Temporal dev server',
    async () => {
      const connection = await Connection.connect({
        address,
        connectTimeout: 1000,
      });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  return { address, process };
}
