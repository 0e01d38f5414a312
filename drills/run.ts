import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withTimeout } from '@cadenza/core';
import { startDrillServices, type DrillServices } from './drill-services';
import { DRILL_SIZES, parseDrillArgs, type DrillSizes } from './drill-sizes';
import { workerKillDrill } from './worker-kill-drill';
import { temporalRestartDrill } from './temporal-restart-drill';
import { redisOutageDrill } from './redis-outage-drill';
import { redisOutageSendsDrill } from './redis-outage-sends-drill';
import { postgresOutageDrill } from './postgres-outage-drill';
import { brokenFlowsDrill } from './broken-flows-drill';
import { fuzzDrill } from './fuzz-drill';
import { imapOutageDrill, mailboxWorkerKillDrill } from './mailbox-replies-drill';

type DrillResult = { failures: string[] } & object;
type Drill = (
  services: DrillServices,
  sizes: DrillSizes,
  seed: number,
  log: (line: string) => void,
) => Promise<DrillResult>;

/** In run order; the outages come last so an earlier drill never inherits a half-recovered service. */
const DRILLS: Array<[name: string, drill: Drill]> = [
  ['broken-flows', (s, z, seed, log) => brokenFlowsDrill(s, { count: z.brokenFlows, seed }, log)],
  ['fuzz', (s, z, _seed, log) => fuzzDrill(s, { examples: z.fuzzExamples, seconds: z.fuzzSeconds }, log)],
  [
    'worker-kill',
    (s, z, seed, log) => workerKillDrill(s, { enrollments: z.enrollments, kills: z.workerKills, seed }, log),
  ],
  [
    'mailbox-worker-kill',
    (s, z, _seed, log) => mailboxWorkerKillDrill(s, { replies: z.mailboxReplies, kills: z.mailboxWorkerKills }, log),
  ],
  ['temporal-restart', (s, z, _seed, log) => temporalRestartDrill(s, { enrollments: z.temporalEnrollments }, log)],
  ['redis-outage', (s, z, _seed, log) => redisOutageDrill(s, { seconds: z.outageSeconds }, log)],
  [
    'redis-outage-sends',
    (s, z, _seed, log) =>
      redisOutageSendsDrill(s, { seconds: z.outageSeconds, enrollments: z.temporalEnrollments }, log),
  ],
  [
    'imap-outage',
    (s, z, _seed, log) => imapOutageDrill(s, { replies: z.mailboxReplies, seconds: z.imapOutageSeconds }, log),
  ],
  [
    'postgres-outage',
    (s, z, _seed, log) => postgresOutageDrill(s, { seconds: z.outageSeconds, enrollments: z.temporalEnrollments }, log),
  ],
];

async function main(): Promise<number> {
  const { size, only, seed } = parseDrillArgs(process.argv.slice(2));
  const sizes = DRILL_SIZES[size];
  console.log(`drills (${size}, seed ${seed})`);
  const started = Date.now();
  const services = await startDrillServices();
  const report: Record<string, DrillResult & { seconds: number }> = {};
  try {
    for (const [name, drill] of DRILLS) {
      if (only.length && !only.includes(name)) continue;
      const log = (line: string) => console.log(`  [${name}] ${line}`);
      const t0 = Date.now();
      console.log(`- ${name}`);
      let result: DrillResult;
      let overran = false;
      try {
        // A hung drill must fail the run, not hold it until CI's own timeout hides which drill it was.
        result = await withTimeout(drill(services, sizes, seed, log), sizes.drillSeconds * 1000, `drill ${name}`);
      } catch (error) {
        overran = Date.now() - t0 >= sizes.drillSeconds * 1000;
        result = { failures: [`crashed: ${error instanceof Error ? error.stack : String(error)}`] };
      }
      report[name] = { ...result, seconds: Math.round((Date.now() - t0) / 100) / 10 };
      const { failures, ...figures } = report[name]!;
      console.log(`  ${failures.length ? 'FAIL' : 'ok'} ${JSON.stringify(figures)}`);
      for (const failure of failures) console.log(`  ! ${failure}`);
      // The overrunning drill is still at work on the shared services: later drills would measure it.
      if (overran) break;
    }
  } finally {
    await withTimeout(services.release(), 60_000, 'releasing the drill services').catch((error: unknown) =>
      console.log(`  ! ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  const dir = path.resolve(__dirname, '..', process.env.CADENZA_DATA_DIR ?? '.data', 'drills');
  mkdirSync(dir, { recursive: true });
  const totalSeconds = Math.round((Date.now() - started) / 100) / 10;
  writeFileSync(
    path.join(dir, `report-${size}.json`),
    JSON.stringify({ size, seed, totalSeconds, drills: report }, null, 2),
  );
  const failed = Object.entries(report).filter(([, r]) => r.failures.length);
  console.log(
    `drills ${failed.length ? 'FAILED: ' + failed.map(([n]) => n).join(', ') : 'passed'} in ${totalSeconds} s`,
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
