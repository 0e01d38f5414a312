import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateApiKeySecret } from '@cadenza/activities/data';

/**
 * The development workspace's API key, kept in the data folder (mode 600) so it stays the
 * same across launches; the database holds only its hash.
 */
export function loadOrCreateDevApiKey(dataDir: string): string {
  const file = path.join(dataDir, 'dev-api-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateApiKeySecret(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
