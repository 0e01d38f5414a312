import { randomBytes } from 'node:crypto';
import { generateApiKeySecret } from '@cadenza/data';
import { readOrCreateSecretFile } from './secret-file';

/**
 * Development secrets, each made once and kept in the data folder (file mode 600, folder 700)
 * so they stay the same across launches. The database holds only hashes of keys and passwords;
 * the launcher prints where each file is, never what it holds.
 */
export const DEV_SECRET_FILES = {
  devApiKey: 'dev-api-key',
  demoApiKey: 'demo-api-key',
  secretKey: 'secret-key',
  devAdminPassword: 'dev-admin-password',
  localMailboxPassword: 'local-mailbox-password',
} as const;

export const loadOrCreateDevApiKey = (dataDir: string) =>
  readOrCreateSecretFile(dataDir, DEV_SECRET_FILES.devApiKey, generateApiKeySecret);

/** The demo workspace's API key, for the README tour's curl commands. */
export const loadOrCreateDemoApiKey = (dataDir: string) =>
  readOrCreateSecretFile(dataDir, DEV_SECRET_FILES.demoApiKey, generateApiKeySecret);

/** Encrypts TOTP secrets at rest in development (production sets CADENZA_SECRET_KEY itself). */
export const loadOrCreateDevSecretKey = (dataDir: string) =>
  readOrCreateSecretFile(dataDir, DEV_SECRET_FILES.secretKey, () => randomBytes(32).toString('hex'));

export const loadOrCreateDevAdminPassword = (dataDir: string) =>
  readOrCreateSecretFile(dataDir, DEV_SECRET_FILES.devAdminPassword, () => randomBytes(12).toString('base64url'));

/** The password of every mailbox on the local IMAP server (Dovecot on loopback, development only). */
export const loadOrCreateLocalMailboxPassword = (dataDir: string) =>
  readOrCreateSecretFile(dataDir, DEV_SECRET_FILES.localMailboxPassword, () => randomBytes(12).toString('base64url'));
