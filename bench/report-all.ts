import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { FIGURES_OF, toMarkdown, type Figure } from './combined-report';

/** Small sizes (the default) keep the whole report to a few minutes; `--full` uses each bench's defaults. */
const SMALL: Record<string, Record<string, string>> = {
  'flow-throughput': { BENCH_RUNS: '100' },
  'crm-contacts': { BENCH_CONTACTS: '10000', BENCH_SECONDS: '3' },
  'live-updates': { BENCH_CLIENTS: '200', BENCH_SECONDS: '3', BENCH_BURST_EVENTS: '200' },
  'contacts-ui': { BENCH_CONTACTS: '20000', BENCH_LIVE_UPDATES: '20' },
  messaging: { BENCH_MESSAGES: '200', BENCH_REPLIES: '40' },
  'web-designer': { BENCH_RENDER_SAMPLES: '3', BENCH_EVENTS: '20', BENCH_LIGHTHOUSE: '1' },
  'ai-local-model': { BENCH_SAMPLES: '2' },
  'lead-scoring': { BENCH_LEADS: '100000', BENCH_DB_LEADS: '2000' },
  'reply-triage': {},
  'mailbox-sync': { BENCH_BACKLOG: '1000', BENCH_BACKLOG_REPLIES: '20', BENCH_LIVE_REPLIES: '10' },
  embeddings: { BENCH_SHORT: '64', BENCH_LONG: '16' },
  'draft-gate': { BENCH_DRAFT_CONTACTS: '20', BENCH_DRAFT_BASELINE: '10' },
  'semantic-search': { BENCH_CONTACTS: '5000', BENCH_EMBED: '100', BENCH_QUERIES: '20' },
};

const REPO_ROOT = path.resolve(__dirname, '..');
const DIR = path.join(REPO_ROOT, process.env.CADENZA_DATA_DIR ?? '.data', 'bench');

function main(): number {
  const full = process.argv.includes('--full');
  const figures: Figure[] = [];
  const failures: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const [bench, small] of Object.entries(SMALL)) {
    console.log(`- ${bench}`);
    const out = path.join(DIR, `${bench}.json`);
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, `${bench}.ts`)], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...(full ? {} : small) },
      stdio: 'inherit',
    });
    // A JSON older than this run is last time's figures: never report it as this run's.
    const fresh = existsSync(out) && JSON.parse(readFileSync(out, 'utf8')).at >= new Date(started).toISOString();
    if (run.status !== 0 || !fresh) {
      failures.push(`${bench}: exit ${run.status}${fresh ? '' : ', no fresh JSON'}`);
      continue;
    }
    const report = JSON.parse(readFileSync(out, 'utf8'));
    raw[bench] = report;
    figures.push(...FIGURES_OF[bench]!(report));
  }
  const meta = { at: new Date().toISOString(), size: full ? 'full' : 'small', loadAverage: loadavg() };
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path.join(DIR, 'report.json'), `${JSON.stringify({ ...meta, figures, failures, raw }, null, 2)}\n`);
  const markdown = toMarkdown(meta, figures, failures);
  writeFileSync(path.join(DIR, 'report.md'), markdown);
  console.log(`\n${markdown}\nwritten to ${path.relative(REPO_ROOT, DIR)}/report.md and report.json`);
  return failures.length ? 1 : 0;
}

process.exit(main());
