#!/usr/bin/env node
// `npm run lint:deploy`: hadolint (Dockerfiles), Helm render + lint (helm-python-sdk),
// kubernetes-validate and checkov (rendered manifests), docker-compose config (Debian package,
// installed on first use), checkov (Terraform). Every check is hard: any finding fails the run.
// Checks that do not fit are skipped where they apply, each with its reason: inline
// `# checkov:skip=` comments in deploy/terraform, `checkov.io/skip` annotations from the chart's
// values.checkovSkips. Installs its PyPI tools into .venv on first use.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const venvBin = path.join(root, '.venv', 'bin');
const requirements = path.join(root, 'deploy', 'lint', 'requirements.txt');
const failures = [];
const startedAt = Date.now();

function run(label, command, args, { stdout, env } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', stdout ? 'pipe' : 'inherit', 'inherit'],
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  const why = result.error ? `: ${result.error.message}` : '';
  console.log(`[lint:deploy] ${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds}s)${why}`);
  if (!ok) failures.push(label);
  return result;
}

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function installTools() {
  const stamp = path.join(root, '.venv', '.cadenza-deploy-lint-hash');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  if (!existsSync(path.join(venvBin, 'pip'))) run('create .venv', 'python3', ['-m', 'venv', path.join(root, '.venv')]);
  const installed = run('install lint tools', path.join(venvBin, 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '-r',
    requirements,
  ]);
  if (installed.status === 0) writeFileSync(stamp, wanted);
}

/** Debian's docker-compose (1.29, Python): validates the compose file without a Docker engine. */
function ensureDockerCompose() {
  if (onPath('docker-compose')) return true;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    console.error(
      '[lint:deploy] docker-compose is missing and cannot be installed here (needs root and apt-get): ' +
        'run `sudo apt-get install docker-compose`',
    );
    return false;
  }
  console.log('[lint:deploy] installing docker-compose (Debian package)');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  // The package index may be empty on a fresh machine; refresh it only when the install needs it.
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'docker-compose'], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    }).status === 0;
  if (install()) return true;
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  if (install()) return true;
  console.error('[lint:deploy] `apt-get install docker-compose` failed: see the apt output above');
  return false;
}

installTools();
run('hadolint', path.join(venvBin, 'hadolint'), [
  'deploy/docker/api.Dockerfile',
  'deploy/docker/worker.Dockerfile',
  'deploy/docker/web.Dockerfile',
]);

const out = mkdtempSync(path.join(tmpdir(), 'cadenza-deploy-lint-'));
const manifests = path.join(out, 'manifests');
mkdirSync(manifests);
const chart = 'deploy/helm/cadenza';
for (const values of [
  [],
  ['deploy/helm/values-temporal-cloud-mtls.yaml'],
  ['deploy/helm/values-temporal-cloud-apikey.yaml'],
]) {
  const label = values.length ? path.basename(values[0], '.yaml') : 'default values';
  const rendered = run(
    `helm render (${label})`,
    path.join(venvBin, 'python'),
    ['deploy/lint/render-chart.py', chart, ...values],
    {
      stdout: true,
    },
  );
  if (rendered.status !== 0) continue;
  const file = path.join(manifests, `${label.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, rendered.stdout);
  run(`kubernetes-validate (${label})`, path.join(venvBin, 'kubernetes-validate'), [
    '--strict',
    '--quiet',
    '-k',
    '1.31.0',
    file,
  ]);
}

const checkov = (label, args) =>
  run(label, path.join(venvBin, 'checkov'), [...args, '--quiet', '--compact', '--skip-download'], {
    // No calls home: the policy download (--skip-download) and the PyPI update check would wait on the network.
    env: { CKV_SKIP_PACKAGE_UPDATE_CHECK: 'true' },
  });

// One checkov run over the manifests of every values file.
checkov('checkov kubernetes (rendered chart)', ['-d', manifests, '--framework', 'kubernetes']);

// checkov does not render `dynamic` blocks nested in a resource (the Cloud SQL flags), so it
// scans a copy with them written out; its line numbers refer to that copy.
const terraform = path.join(out, 'terraform');
const expanded = run('expand terraform dynamic blocks', path.join(venvBin, 'python'), [
  'deploy/lint/expand-terraform.py',
  'deploy/terraform',
  terraform,
]);
if (expanded.status === 0) checkov('checkov terraform', ['-d', terraform, '--framework', 'terraform']);

if (ensureDockerCompose()) {
  // The compose file has no secret key of its own: a throwaway one stands in for the operator's
  // .env (an empty --env-file keeps a local .env out of the check).
  const emptyEnvFile = path.join(out, 'compose.env');
  writeFileSync(emptyEnvFile, '');
  const composeConfig = ['--env-file', emptyEnvFile, '-f', 'docker-compose.yml', 'config', '-q'];
  run('docker-compose config', 'docker-compose', composeConfig, {
    env: { CADENZA_SECRET_KEY: randomBytes(32).toString('hex') },
  });
  const keyless = spawnSync('docker-compose', composeConfig, {
    cwd: root,
    env: { ...process.env, CADENZA_SECRET_KEY: '' },
    encoding: 'utf8',
  });
  const refused = keyless.status !== 0 && /CADENZA_SECRET_KEY/.test(keyless.stderr);
  console.log(`[lint:deploy] ${refused ? 'ok  ' : 'FAIL'} docker-compose refuses to run without CADENZA_SECRET_KEY`);
  if (!refused) failures.push('docker-compose without CADENZA_SECRET_KEY');
} else failures.push('docker-compose config (docker-compose not installed)');

rmSync(out, { recursive: true, force: true });
const total = ((Date.now() - startedAt) / 1000).toFixed(1);
if (failures.length) {
  console.error(`[lint:deploy] failed after ${total}s: ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`[lint:deploy] all checks passed in ${total}s`);
