import { randomBytes } from 'node:crypto';
import { readOrCreateSecretFile } from '../secret-file';

/** The superuser password of the cluster in `dir`, made at first use and kept beside it (mode 600). */
export const embeddedPostgresPassword = (dir: string): string =>
  readOrCreateSecretFile(dir, 'password', () => randomBytes(18).toString('base64url'));

export const embeddedPostgresUrl = (password: string, port: number) =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
