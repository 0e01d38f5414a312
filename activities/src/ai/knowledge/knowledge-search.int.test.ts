import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import {
  bytesToVector,
  createContact,
  createKnowledgeDocument,
  createNote,
  createTenant,
  appendTimelineEntry,
  eraseContact,
  nearestByScan,
  replaceDocumentChunks,
  storeRecordVectors,
  type DataSource,
} from '@cadenza/data';
import {
  createKnowledgeSearch,
  dot,
  embedQueryWith,
  indexKnowledgeDocument,
  indexPendingKnowledge,
  normalise,
} from '@cadenza/services/ai';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { closeLocalEmbedder, createEmbedder } from '../embedder-switch';
import { loadAiEnv } from '../chat-model-switch';
import { activitySettingsFromEnv } from '../../activity-settings';
import { workerKnowledgeSearch } from './worker-knowledge-search';

/**
 * The search end to end on the real local embedder (all-MiniLM-L6-v2) and PostgreSQL's portable
 * path (this machine's servers have no pgvector): documents chunked and embedded, notes and
 * timeline entries indexed by the catch-up, hits ranked by meaning, tenant- and owner-scoped, and
 * the GDPR erase taking the vectors along.
 */
jest.setTimeout(120_000);
const { embedder } = createEmbedder(loadAiEnv({ EMBEDDING_PROVIDER: 'local' }), harnessEgress);

let db: DataSource;
let admin: Principal;
let other: Principal;
const repA: () => Principal = () => ({ ...admin, role: 'sales_rep', userId: repAId, via: 'session' });
const repAId = randomUUID();
const ids: Record<string, string | undefined> = {};

beforeAll(async () => {
  db = await connectTestDb();
  admin = { tenantId: (await createTenant(db, 'knowledge')).id, userId: null, role: 'admin', via: 'api_key' };
  other = { tenantId: (await createTenant(db, 'knowledge other')).id, userId: null, role: 'admin', via: 'api_key' };

  const mine = await createContact(db, admin, { firstName: 'Maya', lastName: 'Fisher', ownerId: repAId });
  const theirs = await createContact(db, admin, { firstName: 'Omar', lastName: 'Khan', ownerId: randomUUID() });
  const elsewhere = await createContact(db, other, { firstName: 'Ines', lastName: 'Roth' });
  ids.mine = mine.id;
  ids.theirs = theirs.id;
  ids.mineNote = (
    await createNote(db, admin, {
      contactId: mine.id,
      body: 'She worries that our yearly price is too expensive for her small bakery budget.',
    })
  ).id;
  ids.theirsNote = (
    await createNote(db, admin, {
      contactId: theirs.id,
      body: 'He asked whether the subscription cost could be lowered; money is tight this quarter.',
    })
  ).id;
  await createNote(db, other, { contactId: elsewhere.id, body: 'Pricing is too high for their budget this year.' });
  ids.theirsTimeline = (
    await appendTimelineEntry(db, admin, theirs.id, {
      kind: 'email_replied',
      summary: 'Replied: happy to meet on Thursday to walk through the onboarding plan',
    })
  ).id;

  const handbook = await createKnowledgeDocument(
    db,
    admin.tenantId,
    {
      kind: 'document',
      title: 'Security handbook',
      format: 'markdown',
      text: '# Data protection\n\nAll customer data is encrypted at rest with AES-256 and in transit with TLS 1.3.\n\n## Office\n\nThe coffee machine is on the second floor next to the kitchen.',
    },
    null,
  );
  ids.handbook = handbook.id;
  await indexKnowledgeDocument({ db, embedder }, { tenantId: admin.tenantId, documentId: handbook.id });
  for (const tenantId of [admin.tenantId, other.tenantId])
    while ((await indexPendingKnowledge({ db, embedder }, { limit: 64, tenantId })).embedded > 0);
});

afterAll(async () => {
  await closeLocalEmbedder();
  await db?.destroy();
});

const search = () => createKnowledgeSearch({ db, embedQuery: embedQueryWith(embedder) });

describe('createKnowledgeSearch', () => {
  it('finds notes by meaning, not by words, within the tenant only', async () => {
    const hits = await search().search({
      tenantId: admin.tenantId,
      query: 'customer thinks we cost too much',
      sources: ['note'],
    });
    // The other tenant's note says it in almost the same words, and is not there.
    expect(hits.map((h) => h.id).sort()).toEqual([ids.mineNote!, ids.theirsNote!].sort());
    expect(hits[0]).toMatchObject({ source: 'note', text: expect.stringMatching(/price|cost/) });
    expect(hits[0]!.title).toMatch(/^Note about (Maya Fisher|Omar Khan)$/);
    expect(hits[0]!.score).toBeGreaterThan(0.3);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it('finds the matching chunk of a document, the title leading it', async () => {
    const [best] = await search().search({ tenantId: admin.tenantId, query: 'how is customer data encrypted?' });
    expect(best).toMatchObject({ source: 'document', contactId: null });
    expect(best!.text).toContain('AES-256');
    expect(best!.title).toMatch(/^Security handbook/);
  });

  it('finds timeline entries and narrows to one contact', async () => {
    const hits = await search().search({
      tenantId: admin.tenantId,
      query: 'scheduling a meeting',
      sources: ['timeline', 'note'],
      contactId: ids.theirs!,
    });
    expect(hits[0]).toMatchObject({ source: 'timeline', id: ids.theirsTimeline, contactId: ids.theirs });
    expect(hits.every((h) => h.contactId === ids.theirs)).toBe(true);
  });

  it("shows a sales rep only its own contacts' notes and timeline, and the workspace's documents", async () => {
    const hits = await search().search({
      tenantId: admin.tenantId,
      query: 'too expensive',
      visibleTo: repA(),
      limit: 50,
    });
    expect(hits.filter((h) => h.contactId !== null).map((h) => h.contactId)).toEqual([ids.mine]);
    expect(hits.some((h) => h.source === 'document')).toBe(true);
  });

  it('answers the same through the search activities build (the embedder taken on first use)', async () => {
    const viaWorker = workerKnowledgeSearch(db, activitySettingsFromEnv({ EMBEDDING_PROVIDER: 'local' }));
    const query = { tenantId: admin.tenantId, query: 'how is customer data encrypted?' };
    expect(await viaWorker.search(query)).toEqual(await search().search(query));
  });

  it('refuses an empty, an over-long query and a limit out of bounds, naming what is wrong', async () => {
    await expect(search().search({ tenantId: admin.tenantId, query: '  ' })).rejects.toThrow('query is empty');
    await expect(search().search({ tenantId: admin.tenantId, query: 'x'.repeat(1001) })).rejects.toThrow('over 1000');
    await expect(search().search({ tenantId: admin.tenantId, query: 'x', limit: 51 })).rejects.toThrow('limit');
  });

  it('indexes each note once, however often the catch-up runs', async () => {
    expect(await indexPendingKnowledge({ db, embedder }, { limit: 64, tenantId: admin.tenantId })).toEqual({
      embedded: 0,
      stored: 0,
    });
    const [vector] = await embedder.embed(['again']);
    const again = [{ tenantId: admin.tenantId, source: 'note' as const, recordId: ids.mineNote!, vector: vector! }];
    expect(await storeRecordVectors(db, embedder.model, again)).toBe(0);
    const [{ count }] = (await db.query(
      `SELECT count(*)::int AS count FROM knowledge_vectors WHERE tenant_id = $1 AND note_id = $2`,
      [admin.tenantId, ids.mineNote],
    )) as [{ count: number }];
    expect(count).toBe(1);
  });

  it('erases the vectors of an erased contact', async () => {
    const result = await eraseContact(db, admin, ids.mine!);
    expect(result.removed.knowledgeVectors).toBe(1);
    const left = (await db.query(`SELECT 1 FROM knowledge_vectors WHERE tenant_id = $1 AND contact_id = $2`, [
      admin.tenantId,
      ids.mine,
    ])) as unknown[];
    expect(left).toEqual([]);
  });
});

describe('the portable path', () => {
  it('ranks exactly as a brute-force dot product over every stored vector, across scan batches', async () => {
    const tenant: Principal = { ...admin, tenantId: (await createTenant(db, 'knowledge scan')).id };
    const document = await createKnowledgeDocument(
      db,
      tenant.tenantId,
      { kind: 'document', title: 'random', format: 'text', text: 'vectors' },
      null,
    );
    // Seeded pseudo-random unit vectors, more than one scan batch (4,096 rows).
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const vectors = Array.from({ length: 5000 }, () => normalise(Array.from({ length: 384 }, random)));
    await replaceDocumentChunks(
      db,
      tenant.tenantId,
      document.id,
      'test:random',
      vectors.map((vector, i) => ({ text: `chunk ${i}`, vector })),
    );
    const query = normalise(Array.from({ length: 384 }, random));

    const stored = (await db.query(`SELECT id::text AS id, embedding FROM knowledge_vectors WHERE tenant_id = $1`, [
      tenant.tenantId,
    ])) as Array<{ id: string; embedding: Buffer }>;
    const reference = stored
      .map((row) => ({ id: row.id, score: dot(query, bytesToVector(row.embedding)) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, 25);

    const scanned = await nearestByScan(
      db,
      { tenantId: tenant.tenantId, model: 'test:random', sources: ['document'] },
      query,
      25,
    );
    expect(scanned.map((hit) => hit.id)).toEqual(reference.map((hit) => hit.id));
    scanned.forEach((hit, i) => expect(hit.score).toBeCloseTo(reference[i]!.score, 6));
    // Another model's vectors are never compared.
    expect(
      await nearestByScan(db, { tenantId: tenant.tenantId, model: 'other', sources: ['document'] }, query, 5),
    ).toEqual([]);
  });
});
