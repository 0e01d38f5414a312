/**
 * Lead scoring: training time and scoring throughput of the per-tenant logistic regression,
 * each against a baseline measured in the same run:
 *
 *   npx tsx bench/lead-scoring.ts     (BENCH_LEADS=100000, BENCH_DB_LEADS=5000)
 *
 *   pure, in memory:  BENCH_LEADS synthetic contacts with a planted signal. Training time (feature
 *                     extraction, standardisation, gradient descent, holdout metrics) against one
 *                     pass of feature extraction alone; scoring throughput (contacts/s, with the
 *                     top-3 explanation) against a hand-written rule-based points scorer; holdout
 *                     AUC of both, so the speed is read next to what it buys.
 *   end to end, DB:   BENCH_DB_LEADS contacts with messages and won/lost deals in a real (embedded)
 *                     PostgreSQL: load + train + store one version, and scoring 1000-id batches
 *                     through the same function POST /ai/scoring/score uses.
 * Results go to stdout and .data/bench/lead-scoring.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource, type DataSource } from '@cadenza/data';
import type { Principal } from '@cadenza/core';
import { extractFeatures, type LeadRecord } from '@cadenza/core/scoring';
import { scoreWithModel, trainLeadModel } from '@cadenza/core/scoring';
import { rocAuc } from '@cadenza/core/scoring';
import { syntheticLabelledLeads } from '@cadenza/core/scoring';
import { scoreContactsWithModel, trainTenantLeadModel } from '@cadenza/services/scoring';
import { provisionPostgres } from '@cadenza/test-harness/provision';
import { adminOfNewTenant } from '@cadenza/test-harness/flow-fixtures';

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const DB_LEADS = Number(process.env.BENCH_DB_LEADS ?? 5000);
const NOW = Date.parse('2026-06-01T00:00:00Z');

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The baseline a marketer would write by hand: points for engagement and seniority. */
function ruleBasedScore(lead: LeadRecord): number {
  let points = 10 * Math.min(lead.opens, 3) + 20 * Math.min(lead.clicks, 3);
  if (lead.title && /CEO|VP|Head|Director|Founder/i.test(lead.title)) points += 20;
  if (lead.email?.includes('@gmail.')) points -= 10;
  return Math.max(0, Math.min(100, points));
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

function pureFigures() {
  const samples = syntheticLabelledLeads(LEADS, 42, true, NOW);
  const extraction = timed(() => samples.map((s) => extractFeatures(s.lead, 'deal_won', NOW)));
  log(`feature extraction of ${LEADS}: ${Math.round(extraction.ms)} ms`);
  const training = timed(() => trainLeadModel(samples, 'deal_won', NOW));
  const model = training.value;
  log(
    `training on ${LEADS}: ${Math.round(training.ms)} ms, ${model.metrics.iterations} iterations, AUC ${model.metrics.auc}`,
  );

  const leads = samples.map((s) => s.lead);
  const scoring = timed(() => leads.reduce((sum, lead) => sum + scoreWithModel(model, lead, NOW).score, 0));
  const rules = timed(() => leads.reduce((sum, lead) => sum + ruleBasedScore(lead), 0));
  const holdout = samples.filter((_, i) => i % 5 === 4);
  const rulesAuc = rocAuc(
    holdout.map((s) => ruleBasedScore(s.lead)),
    holdout.map((s) => s.label),
  );
  const perSecond = (ms: number) => Math.round(LEADS / (ms / 1000));
  log(`scoring: model ${perSecond(scoring.ms)}/s, rules ${perSecond(rules.ms)}/s; rules AUC ${rulesAuc}`);
  return {
    leads: LEADS,
    trainingMs: Math.round(training.ms),
    extractionMs: Math.round(extraction.ms),
    iterations: model.metrics.iterations,
    modelAuc: round(model.metrics.auc ?? 0, 3),
    modelBrier: round(model.metrics.brier, 4),
    rulesAuc: round(rulesAuc ?? 0, 3),
    modelScoresPerSecond: perSecond(scoring.ms),
    rulesScoresPerSecond: perSecond(rules.ms),
    // Keeps the summed scores alive so neither loop can be optimised away.
    checksum: scoring.value + rules.value,
  };
}

/** Seeds contacts, one email each (opened / clicked by the planted signal) and a won or lost deal. */
async function seed(db: DataSource, tenantId: string, count: number): Promise<string[]> {
  const [pipeline] = (await db.query(`INSERT INTO pipelines (tenant_id, name) VALUES ($1, 'Sales') RETURNING id`, [
    tenantId,
  ])) as Array<{ id: string }>;
  await db.query(
    `INSERT INTO pipeline_stages (tenant_id, pipeline_id, name, probability, position)
     VALUES ($1, $2, 'Won', 100, 0), ($1, $2, 'Lost', 0, 1)`,
    [tenantId, pipeline!.id],
  );
  const ids = (await db.query(
    `INSERT INTO contacts (tenant_id, email, title)
     SELECT $1, 'lead' || i || '@acme.test', CASE WHEN i % 2 = 0 THEN 'VP Sales' ELSE 'Analyst' END
     FROM generate_series(1, $2) i RETURNING id, title`,
    [tenantId, count],
  )) as Array<{ id: string; title: string }>;
  await db.query(
    `INSERT INTO messages (tenant_id, idempotency_key, contact_id, channel, provider, to_address, status, sent_at, opened_at, clicked_at)
     SELECT $1, gen_random_uuid()::text, c.id::text, 'email', 'sink', c.email, 'opened', now(), now(),
            CASE WHEN random() < 0.5 THEN now() END
     FROM contacts c WHERE c.tenant_id = $1`,
    [tenantId],
  );
  // Won with probability rising with a click and a senior title (drawn once per contact, in the CTE).
  await db.query(
    `WITH drawn AS (
       SELECT c.id, random() < 0.15 + 0.35 * (m.clicked_at IS NOT NULL)::int + 0.35 * (c.title = 'VP Sales')::int AS won
       FROM contacts c JOIN messages m ON m.tenant_id = c.tenant_id AND m.contact_id = c.id::text
       WHERE c.tenant_id = $1)
     INSERT INTO deals (tenant_id, name, pipeline_id, stage_id, contact_id)
     SELECT $1, 'Deal', $2, s.id, d.id
     FROM drawn d JOIN pipeline_stages s ON s.tenant_id = $1 AND s.pipeline_id = $2
       AND s.name = CASE WHEN d.won THEN 'Won' ELSE 'Lost' END`,
    [tenantId, pipeline!.id],
  );
  return ids.map((row) => row.id);
}

async function dbFigures() {
  const postgres = await provisionPostgres(process.env);
  const db = await createDataSource({ url: postgres.address, poolSize: 4 }).initialize();
  try {
    const admin: Principal = await adminOfNewTenant(db, 'Lead scoring bench');
    const seeding = Date.now();
    const ids = await seed(db, admin.tenantId, DB_LEADS);
    log(`seeded ${DB_LEADS} contacts with messages and deals in ${Date.now() - seeding} ms`);
    const trainStarted = performance.now();
    const model = await trainTenantLeadModel(db, admin.tenantId, 'deal_won', 'bench');
    const trainMs = performance.now() - trainStarted;
    log(`load + train + store ${DB_LEADS}: ${Math.round(trainMs)} ms, AUC ${model.metrics.auc}`);
    const scoreStarted = performance.now();
    let scored = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      scored += (await scoreContactsWithModel(db, admin, ids.slice(i, i + 1000)))!.scores.size;
    }
    const scoreMs = performance.now() - scoreStarted;
    log(`scored ${scored} contacts from the database in 1000-id batches: ${Math.round(scored / (scoreMs / 1000))}/s`);
    return {
      leads: DB_LEADS,
      trainMs: Math.round(trainMs),
      auc: round(model.metrics.auc ?? 0, 3),
      scoresPerSecond: Math.round(scored / (scoreMs / 1000)),
    };
  } finally {
    await db.destroy();
    await postgres.release();
  }
}

async function main() {
  const pure = pureFigures();
  const endToEnd = await dbFigures();
  const report = { at: new Date().toISOString(), cpus: os.cpus().length, pure, endToEnd };
  const dir = path.join(process.cwd(), process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'lead-scoring.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
