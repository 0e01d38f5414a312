import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_USERS } from './demo/demo-data';
import {
  DEV_SECRET_FILES,
  loadOrCreateDemoApiKey,
  loadOrCreateDevAdminPassword,
  loadOrCreateDevApiKey,
  loadOrCreateDevSecretKey,
  loadOrCreateLocalMailboxPassword,
} from './dev-secrets';
import { launcherBanner } from './launcher-banner';
import { privateDirMode } from './secret-file';

describe('launcher banner and development secrets', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'cadenza-launch-'));
  const dataDir = path.join(cwd, '.data');
  const secrets = [
    loadOrCreateDevAdminPassword(dataDir),
    loadOrCreateDevApiKey(dataDir),
    loadOrCreateDemoApiKey(dataDir),
    loadOrCreateDevSecretKey(dataDir),
    loadOrCreateLocalMailboxPassword(dataDir),
  ];
  const banner = (withDemo: boolean) =>
    launcherBanner({
      seconds: '12.3',
      smoke: { workflowId: 'smoke-1', temporalUiUrl: 'http://localhost:8233/namespaces/default/workflows/smoke-1' },
      appUrl: 'http://localhost:3000',
      temporalUiUrl: 'http://localhost:8233',
      dataDir,
      cwd,
      withDemo,
      devTenant: 'Development workspace',
      adminEmail: 'admin@cadenza.local',
    });

  it('keeps every development secret in a 600 file of a private data folder', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(privateDirMode());
    for (const name of Object.values(DEV_SECRET_FILES)) {
      expect({ name, mode: statSync(path.join(dataDir, name)).mode & 0o777 }).toEqual({ name, mode: 0o600 });
    }
    expect(readdirSync(dataDir).sort()).toEqual(Object.values(DEV_SECRET_FILES).sort());
    expect(readFileSync(path.join(dataDir, DEV_SECRET_FILES.devAdminPassword), 'utf8')).toBe(secrets[0]);
  });

  it('prints where the secrets are, never what they are', () => {
    for (const text of [banner(false), banner(true)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
      for (const user of DEMO_USERS) expect(text).not.toContain(user.password);
      expect(text).toContain(path.join(dataDir, DEV_SECRET_FILES.devAdminPassword));
      expect(text).toContain('cat .data/dev-admin-password');
      expect(text).toContain('$(cat .data/dev-api-key)');
      expect(text).toContain('admin@cadenza.local');
    }
    expect(banner(true)).toContain(path.join(dataDir, DEV_SECRET_FILES.demoApiKey));
    for (const user of DEMO_USERS) expect(banner(true)).toContain(user.email);
  });
});
