import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePrivateDir, privateDirMode, readOrCreateSecretFile } from './secret-file';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('secret files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cadenza-secret-file-'));

  it('writes a new secret as a 600 file in a private folder, and reads the same one back', () => {
    const dir = path.join(root, 'fresh', '.data');
    let made = 0;
    const make = () => `secret-${++made}`;
    expect(readOrCreateSecretFile(dir, 'dev-admin-password', make)).toBe('secret-1');
    expect(readOrCreateSecretFile(dir, 'dev-admin-password', make)).toBe('secret-1');
    expect(modeOf(path.join(dir, 'dev-admin-password'))).toBe(0o600);
    expect(modeOf(dir)).toBe(privateDirMode());
  });

  it('closes files and folders an older launcher left world-readable', () => {
    const dir = path.join(root, 'old', '.data');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, 'dev-api-key'), 'cdz_old-key\n');
    chmodSync(path.join(dir, 'dev-api-key'), 0o644);
    expect(readOrCreateSecretFile(dir, 'dev-api-key', () => 'unused')).toBe('cdz_old-key');
    expect(modeOf(path.join(dir, 'dev-api-key'))).toBe(0o600);
    expect(modeOf(dir)).toBe(privateDirMode());
  });

  it('keeps the folder owner-only, or traversal-only for others when root runs PostgreSQL as postgres', () => {
    expect(privateDirMode(1000)).toBe(0o700);
    expect(privateDirMode(0)).toBe(0o711);
    const dir = path.join(root, 'mode');
    ensurePrivateDir(dir, 0o700);
    expect(modeOf(dir)).toBe(0o700);
  });
});
