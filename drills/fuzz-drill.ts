import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApiProcess } from './api-process';
import type { DrillServices } from './drill-services';
import { sendWorstCases } from './worst-case-bodies';

const REPO_ROOT = path.resolve(__dirname, '..');
const VENV = path.join(REPO_ROOT, '.venv');
const ST = path.join(VENV, 'bin', 'st');
const PIP_SECONDS = 600;

/** Installs the pinned schemathesis into the project's .venv (a quick no-op when already satisfied). */
function ensureSchemathesis(log: (line: string) => void): void {
  if (!existsSync(path.join(VENV, 'bin', 'python'))) {
    const made = spawnSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('could not create .venv (python3 -m venv)');
  }
  log('installing drills/requirements.txt into .venv');
  const pip = spawnSync(
    path.join(VENV, 'bin', 'pip'),
    ['install', '-q', '--disable-pip-version-check', '-r', path.join(__dirname, 'requirements.txt')],
    // A blocking call: the runner's deadline cannot fire while it waits, so it carries its own.
    { stdio: 'inherit', timeout: PIP_SECONDS * 1000 },
  );
  if (pip.error)
    throw new Error(`pip install -r drills/requirements.txt: ${pip.error.message} (${PIP_SECONDS} s allowed)`);
  if (pip.status !== 0) throw new Error('pip install -r drills/requirements.txt failed');
}

interface FuzzStats {
  calls: number;
  by_status: Record<string, number>;
  server_errors: Array<{ op: string; status: number; body: string }>;
  bad_4xx: Array<{ op: string; status: number; body: string }>;
}

/**
 * Drill 5: schemathesis against /api/v1/openapi.json with an API key of a fresh tenant:
 * no 5xx (its not_a_server_error check) and every 4xx a JSON {code, message} (our hook).
 * Before it, the worst-case bodies (worst-case-bodies.ts) as explicit cases.
 */
export async function fuzzDrill(
  services: DrillServices,
  options: { examples: number; seconds: number },
  log: (line: string) => void,
) {
  ensureSchemathesis(log);
  const api = await startApiProcess(services);
  const work = mkdtempSync(path.join(tmpdir(), 'cadenza-fuzz-'));
  const statsFile = path.join(work, 'stats.json');
  try {
    // The bodies a fuzzer would never generate but an attacker sends (issue 19 §3), first and on their own.
    const worst = await sendWorstCases(api);
    log(`worst-case bodies: ${worst.results.map((r) => `${r.name} ${r.status} in ${r.ms} ms`).join('; ')}`);
    const args = [
      'run',
      `${api.baseUrl}/api/v1/openapi.json`,
      '--base-url',
      // The document's paths already start with /api/v1.
      api.baseUrl,
      '-H',
      `Authorization: Bearer ${api.apiKey}`,
      '-c',
      'not_a_server_error',
      '-c',
      'json_error_body',
      '--hypothesis-max-examples',
      String(options.examples),
      '--hypothesis-derandomize',
      '--hypothesis-suppress-health-check',
      'all',
      '--request-timeout',
      '10000',
      '--workers',
      '2',
      '--no-color',
      '--experimental=openapi-3.1',
      // The drill runs the API alone: these answer from a worker (reply triage, embedding a search
      // query) and, with none, answer 503 after 8 s by design. Their input validation is covered by
      // their own integration tests against a worker.
      '--exclude-path-regex',
      '^/api/v1/(ai/reply-triage|search/semantic)$',
    ];
    const output = await new Promise<{ code: number | null; text: string; overran: boolean }>((resolve) => {
      const child = spawn(ST, args, {
        cwd: __dirname,
        env: {
          ...process.env,
          SCHEMATHESIS_HOOKS: 'fuzz_hooks',
          PYTHONPATH: __dirname,
          DRILL_FUZZ_STATS: statsFile,
          SCHEMATHESIS_TELEMETRY: 'false',
          // Unbuffered, so a run stopped at its deadline still shows how far it got.
          PYTHONUNBUFFERED: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      let overran = false;
      // Its own request timeout does not bound a run whose API stops answering (every call waits it
      // out) or a stuck worker thread: past the deadline it is stopped and reported with its output.
      const deadline = setTimeout(() => {
        overran = true;
        child.kill('SIGKILL');
      }, options.seconds * 1000);
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(deadline);
        resolve({ code, text, overran });
      });
    });
    const stats: FuzzStats = existsSync(statsFile)
      ? (JSON.parse(readFileSync(statsFile, 'utf8')) as FuzzStats)
      : { calls: 0, by_status: {}, server_errors: [], bad_4xx: [] };
    const serverErrors = Object.entries(stats.by_status)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
    const failures: string[] = [...worst.failures];
    if (output.overran) {
      failures.push(
        `schemathesis did not finish within ${options.seconds} s after ${stats.calls} calls; its last output:\n` +
          `${output.text.slice(-3000)}\nthe API's last output:\n${api.output().slice(-3000)}`,
      );
    } else if (stats.calls === 0) failures.push(`schemathesis made no calls:\n${output.text.slice(-3000)}`);
    for (const e of stats.server_errors.slice(0, 10)) failures.push(`5xx ${e.status} ${e.op}: ${e.body}`);
    for (const e of stats.bad_4xx.slice(0, 10)) failures.push(`4xx without JSON error ${e.status} ${e.op}: ${e.body}`);
    const logFile = path.join(REPO_ROOT, process.env.CADENZA_DATA_DIR ?? '.data', 'drills', 'schemathesis.log');
    mkdirSync(path.dirname(logFile), { recursive: true });
    writeFileSync(logFile, output.text);
    // Errors are operations schemathesis could not exercise at all (e.g. a schema it cannot generate for).
    const errored = /^_+ (.+?) _+$\n([\s\S]*?)(?=^_+ |^=+ |^WARNINGS)/gm;
    const errorSection = output.text.split(/^=+ ERRORS =+$/m)[1]?.split(/^=+ (FAILURES|SUMMARY) =+$/m)[0] ?? '';
    const erroredOperations = [...errorSection.matchAll(errored)].map((m) => `${m[1]}: ${m[2]!.trim().split('\n')[0]}`);
    if (!failures.length && output.code !== 0) {
      failures.push(
        `schemathesis exited ${output.code} (see ${path.relative(REPO_ROOT, logFile)}): ${erroredOperations.join('; ')}`,
      );
    }
    const summary = output.text
      .split('\n')
      .filter((line) => /passed|failed|errored/i.test(line))
      .slice(-3);
    log(summary.join(' | '));
    return {
      calls: stats.calls,
      byStatus: stats.by_status,
      serverErrors,
      fourXxWithoutJsonError: stats.bad_4xx.length,
      examplesPerOperation: options.examples,
      erroredOperations,
      worstCases: worst.results,
      failures,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    await api.stop();
  }
}
