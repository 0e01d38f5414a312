/**
 * Semantic search over contacts' notes, on the real path (services/src/ai/knowledge): the local embedding model
 * (all-MiniLM-L6-v2) and PostgreSQL's portable exact scan (the embedded server has no pgvector).
 *
 *   npx tsx bench/semantic-search.ts    (BENCH_CONTACTS=100000, BENCH_EMBED=400, BENCH_QUERIES=40)
 *
 * 1. Embedding: BENCH_EMBED distinct notes indexed by the catch-up (indexPendingKnowledge: read, embed, store),
 *    texts/s and CPU ms per text (this process, the model host and PostgreSQL, from /proc).
 * 2. Fill: BENCH_CONTACTS contacts with one note each. Their vectors are NOT all embedded (that would take hours
 *    on two cores): each is one of the BENCH_EMBED real embeddings plus Gaussian noise, renormalised, so the
 *    workspace holds BENCH_CONTACTS distinct realistic vectors. The bench says so in its output.
 * 3. Search: BENCH_QUERIES queries through createKnowledgeSearch as an admin (every note) and as a sales rep
 *    (the ownership filter: a tenth of the contacts), end to end (query embedded, exact scan, texts read), and
 *    the scan alone with the query already embedded. p50/p95 per kind.
 * Results go to stdout and .data/bench/semantic-search.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Principal } from '@cadenza/core';
import {
  createDataSource,
  createTenant,
  nearestVectors,
  vectorToBytes,
  bytesToVector,
  type DataSource,
} from '@cadenza/data';
import { createKnowledgeSearch, embedQueryWith, indexPendingKnowledge, normalise } from '@cadenza/services/ai';
import { provisionPostgres } from '@cadenza/test-harness/provision';
import { closeLocalEmbedder, createEmbedder } from '../activities/src/ai/embedder-switch';
import { loadAiEnv } from '../activities/src/ai/chat-model-switch';
import { egressGuardFollowingEnv } from '@cadenza/services/net';
import { cpuBetween, cpuOfTree } from './process-cpu';
import { summarizeLatencies } from './latency-summary';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const EMBED = Number(process.env.BENCH_EMBED ?? 400);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 40);
/** Standard deviation of the noise per component (a unit vector's components are about 0.05). */
const NOISE = 0.02;

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number) => Math.round(n * 100) / 100;

const SUBJECTS = [
  'pricing',
  'the renewal',
  'onboarding',
  'single sign-on',
  'the API limits',
  'data residency',
  'the pilot',
  'support hours',
];
const TURNS = [
  'asked about {s} and wants a call next week',
  'thinks {s} is the blocker before signing',
  'was happy with {s}, ready to expand to two more teams',
  'complained that {s} took too long last quarter',
  'needs a written answer on {s} for their legal team',
  'wants to compare {s} with the competitor they use today',
];
/** Varied, realistic note texts: who, what about, what they said, a number so no two are the same. */
const noteText = (i: number) =>
  `Call ${i}: the customer ${TURNS[i % TURNS.length]!.replace('{s}', SUBJECTS[Math.floor(i / TURNS.length) % SUBJECTS.length]!)}` +
  (i % 3 === 0 ? '; budget is tight this year.' : i % 3 === 1 ? '; the CFO joins the next meeting.' : '.');
const QUERY_TEXTS = [
  'who is worried about the price',
  'customers that need SSO before buying',
  'who wants to grow their account',
  'legal review of data location',
  'unhappy with how long setup took',
  'evaluating a competitor',
  'finance director involved',
  'asked for a meeting',
];

function gaussian(): number {
  const u = 1 - Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

async function seedNotes(db: DataSource, tenantId: string, count: number, owners: string[]): Promise<void> {
  for (let start = 0; start < count; start += 5000) {
    const n = Math.min(5000, count - start);
    const texts = Array.from({ length: n }, (_, i) => noteText(start + i));
    const ownerIds = Array.from({ length: n }, (_, i) => owners[(start + i) % owners.length]!);
    await db.query(
      `WITH c AS (
         INSERT INTO contacts (tenant_id, first_name, last_name, email, owner_id)
         SELECT $1, 'Lead', g::text, 'lead' || g || '@bench.test', o
         FROM unnest($3::uuid[]) WITH ORDINALITY AS u(o, k), LATERAL (SELECT $2::int + k::int AS g) AS n
         RETURNING id, last_name)
       INSERT INTO notes (tenant_id, contact_id, body, author_kind)
       SELECT $1, c.id, t.body, 'system' FROM c JOIN unnest($4::text[]) WITH ORDINALITY AS t(body, k)
         ON c.last_name::int = $2::int + t.k::int`,
      [tenantId, start, ownerIds, texts],
    );
  }
}

async function main(): Promise<void> {
  const postgres = await provisionPostgres(process.env);
  const db = await createDataSource({ url: postgres.address, poolSize: 4 }).initialize();
  const { embedder } = createEmbedder(
    loadAiEnv({ ...process.env, EMBEDDING_PROVIDER: 'local' }),
    egressGuardFollowingEnv(),
  );
  try {
    // 1. Embedding through the indexer, on a tenant of its own.
    const sample = (await createTenant(db, 'semantic bench sample')).id;
    await seedNotes(db, sample, EMBED, [randomUUID()]);
    await embedder.embed(['warm-up']);
    const cpuBefore = cpuOfTree();
    const started = performance.now();
    let embedded = 0;
    for (;;) {
      const round = await indexPendingKnowledge({ db, embedder }, { limit: 64, tenantId: sample });
      if (round.embedded === 0) break;
      embedded += round.embedded;
    }
    const embedMs = performance.now() - started;
    const cpuMs = [...cpuBetween(cpuBefore, cpuOfTree()).values()].reduce((sum, s) => sum + s, 0) * 1000;
    const embedding = {
      texts: embedded,
      textsPerSecond: round(embedded / (embedMs / 1000)),
      cpuMsPerText: round(cpuMs / embedded),
    };
    log(`indexed ${embedded} notes: ${JSON.stringify(embedding)}`);
    const bases = (
      (await db.query(`SELECT embedding FROM knowledge_vectors WHERE tenant_id = $1`, [sample])) as Array<{
        embedding: Buffer;
      }>
    ).map((row) => bytesToVector(row.embedding));

    // 2. The big workspace: real notes, vectors derived from the real embeddings (see the header).
    const tenantId = (await createTenant(db, 'semantic bench')).id;
    const reps = Array.from({ length: 10 }, () => randomUUID());
    const seeding = performance.now();
    await seedNotes(db, tenantId, CONTACTS, reps);
    const notes = (await db.query(`SELECT id FROM notes WHERE tenant_id = $1 ORDER BY created_at, id`, [
      tenantId,
    ])) as Array<{
      id: string;
    }>;
    for (let start = 0; start < notes.length; start += 2000) {
      const slice = notes.slice(start, start + 2000);
      const vectors = slice.map((_, i) =>
        vectorToBytes(normalise(Array.from(bases[(start + i) % bases.length]!, (x) => x + NOISE * gaussian()))),
      );
      await db.query(
        `INSERT INTO knowledge_vectors (tenant_id, source, note_id, contact_id, model, embedding)
         SELECT $1, 'note', n.id, n.contact_id, $2, v.embedding
         FROM unnest($3::uuid[], $4::bytea[]) AS v(note_id, embedding) JOIN notes n ON n.tenant_id = $1 AND n.id = v.note_id`,
        [tenantId, embedder.model, slice.map((n) => n.id), vectors],
      );
    }
    await db.query('ANALYZE knowledge_vectors');
    log(
      `seeded ${CONTACTS} contacts with a note each and their vectors in ${Math.round(performance.now() - seeding)} ms ` +
        `(vectors: ${bases.length} real embeddings of distinct notes, each perturbed with N(0, ${NOISE}) noise and renormalised)`,
    );

    // 3. Search.
    const admin: Principal = { tenantId, userId: null, role: 'admin', via: 'api_key' };
    const rep: Principal = { tenantId, userId: reps[0]!, role: 'sales_rep', via: 'session' };
    const search = createKnowledgeSearch({ db, embedQuery: embedQueryWith(embedder) });
    const queryVectors = await embedder.embed(QUERY_TEXTS);
    const timed = async (work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      return performance.now() - t;
    };
    await search.search({ tenantId, query: 'warm-up', sources: ['note'] });
    const endToEnd: number[] = [];
    const repEndToEnd: number[] = [];
    const scanOnly: number[] = [];
    let hitsFound = 0;
    for (let i = 0; i < QUERIES; i++) {
      const text = `${QUERY_TEXTS[i % QUERY_TEXTS.length]} (${i})`;
      endToEnd.push(
        await timed(async () => {
          hitsFound += (await search.search({ tenantId, query: text, sources: ['note'], visibleTo: admin })).length;
        }),
      );
      repEndToEnd.push(await timed(() => search.search({ tenantId, query: text, sources: ['note'], visibleTo: rep })));
      scanOnly.push(
        await timed(() =>
          nearestVectors(
            db,
            { tenantId, model: embedder.model, sources: ['note'] },
            queryVectors[i % QUERY_TEXTS.length]!,
            10,
          ),
        ),
      );
    }
    const report = {
      at: new Date().toISOString(),
      settings: { contacts: CONTACTS, embedded: EMBED, queries: QUERIES, noise: NOISE, loadAverage: os.loadavg() },
      model: embedder.model,
      path: 'portable exact scan (bytea, Node dot product); the server has no pgvector',
      vectorsNote: `${CONTACTS} note vectors derived from ${bases.length} real embeddings by Gaussian perturbation`,
      embedding,
      search: {
        admin: summarizeLatencies(endToEnd),
        salesRep: summarizeLatencies(repEndToEnd),
        scanOnly: summarizeLatencies(scanOnly),
        meanHits: round(hitsFound / QUERIES),
      },
    };
    const dir = path.resolve(__dirname, '..', process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'semantic-search.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      [
        '',
        `notes embedded by the indexer: ${embedding.textsPerSecond} texts/s, ${embedding.cpuMsPerText} CPU ms per text`,
        `search over ${CONTACTS} contacts with notes (${report.vectorsNote}):`,
        '| search | p50 ms | p95 ms | max ms |',
        '| --- | --- | --- | --- |',
        ...(
          [
            ['admin, end to end', report.search.admin],
            ['sales rep (own contacts), end to end', report.search.salesRep],
            ['scan alone (query embedded)', report.search.scanOnly],
          ] as const
        ).map(([name, s]) => `| ${name} | ${s.p50Ms} | ${s.p95Ms} | ${s.maxMs} |`),
      ].join('\n'),
    );
  } finally {
    await closeLocalEmbedder();
    await db.destroy();
    await postgres.release();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
