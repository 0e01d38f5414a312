import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

/** The API and worker containers' environment as Helm renders the chart (the lint renderer from .venv). */
function containerEnv(values?: string): Record<string, Record<string, string>> {
  const files: string[] = [];
  if (values) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cadenza-helm-')), 'values.yaml');
    writeFileSync(file, values);
    files.push(file);
  }
  const result = spawnSync(
    path.join(ROOT, '.venv', 'bin', 'python'),
    ['deploy/lint/render-chart.py', 'deploy/helm/cadenza', ...files],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`helm render failed: ${result.stderr}`);
  const env: Record<string, Record<string, string>> = {};
  for (const document of parseAllDocuments(result.stdout)) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests of every kind, read field by field
    const manifest = document.toJS() as any;
    if (manifest?.kind !== 'Deployment') continue;
    for (const container of manifest.spec.template.spec.containers) {
      env[container.name] = Object.fromEntries(
        (container.env ?? []).map((entry: { name: string; value?: string }) => [entry.name, entry.value]),
      );
    }
  }
  return env;
}

/** Without PUBLIC_BASE_URL the processes fall back to localhost, and every tracked link in a sent email is dead. */
describe('Helm chart: public base URL', () => {
  it('points tracking links at the ingress host by default, for the API and the worker', () => {
    const env = containerEnv();
    expect(env.api?.PUBLIC_BASE_URL).toBe('https://cadenza.example.com');
    expect(env.worker?.PUBLIC_BASE_URL).toBe('https://cadenza.example.com');
  });

  it('takes config.publicBaseUrl when set', () => {
    const env = containerEnv('config:\n  publicBaseUrl: https://links.example.org\n');
    expect(env.api?.PUBLIC_BASE_URL).toBe('https://links.example.org');
    expect(env.worker?.PUBLIC_BASE_URL).toBe('https://links.example.org');
  });
});
