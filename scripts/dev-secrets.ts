import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateApiKeySecret } from '@cadenza/activities/data';

/**
 * A development secret, made once and kept in the data folder (mode 600) so it stays the
 * same across launches. The database holds only hashes of keys and passwords.
 */
function loadOrCreate(dataDir: string, name: string, make: () => string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, make(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export const loadOrCreateDevApiKey = (dataDir: string) => loadOrCreate(dataDir, 'dev-api-key', generateApiKeySecret);

/** The demo workspace's API key, for the README tour's curl commands. */
export const loadOrCreateDemoApiKey = (dataDir: string) => loadOrCreate(dataDir, 'demo-api-key', generateApiKeySecret);

/** Encrypts TOTP secrets at rest in development (production sets CADENZA_SECRET_KEY itself). */
export const loadOrCreateDevSecretKey = (dataDir: string) =>
  loadOrCreate(dataDir, 'secret-key', () => randomBytes(32).toString('hex'));

export const loadOrCreateDevAdminPassword = (dataDir: string) =>
  loadOrCreate(dataDir, 'dev-admin-password', () => randomBytes(12).toString('base64url'));
