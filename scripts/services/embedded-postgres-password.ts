import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The superuser password of the cluster in `dir`, made at first use and kept beside it (mode 600). */
export function embeddedPostgresPassword(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const passwordFile = path.join(dir, 'password');
  if (!existsSync(passwordFile))
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), {
      mode: 0o600,
    });
  return readFileSync(passwordFile, 'utf8').trim();
}

export const embeddedPostgresUrl = (password: string, port: number) =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
