import { connectTestDb } from '@cadenza/test-harness/integration';
import { createTenant, type DataSource } from '..';
import { appendDomainEvents, listDomainEventsAfter } from './domain-events';
import { sweepUnnumberedEvents } from './seq-at-commit';

describe('domain event log', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(() => db?.destroy());

  it('numbers each tenant’s events 1, 2, 3… in commit order, without gaps', async () => {
    const tenant = await createTenant(db, 'events');
    const other = await createTenant(db, 'other events');
    await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c1' }]),
    );
    await db.transaction((m) =>
      appendDomainEvents(m, other.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'x' }]),
    );
    const appended = await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [
        { type: 'contact.updated', subject: 'contact', subjectId: 'c1', payload: { fields: ['email'] } },
        { type: 'deal.stage_changed', subject: 'deal', subjectId: 'd1' },
      ]),
    );
    expect(appended.map((e) => e.seq)).toEqual([2, 3]);
    const all = await listDomainEventsAfter(db.manager, tenant.id, 0);
    expect(all.map((e) => [e.seq, e.type])).toEqual([
      [1, 'contact.created'],
      [2, 'contact.updated'],
      [3, 'deal.stage_changed'],
    ]);
    expect(all[1]?.payload).toEqual({ fields: ['email'] });
    expect((await listDomainEventsAfter(db.manager, other.id, 0)).map((e) => e.seq)).toEqual([1]);
  });

  it('keeps nothing when the transaction that wrote the events rolls back', async () => {
    const tenant = await createTenant(db, 'rollback');
    await expect(
      db.transaction(async (m) => {
        await appendDomainEvents(m, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c1' }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listDomainEventsAfter(db.manager, tenant.id, 0)).toEqual([]);
    await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c2' }]),
    );
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.seq)).toEqual([1]);
  });

  it('numbers after commit: an open transaction never holds up another writer of the tenant', async () => {
    const tenant = await createTenant(db, 'commit order');
    const open = db.createQueryRunner();
    await open.startTransaction();
    try {
      const [early] = await appendDomainEvents(open.manager, tenant.id, [
        { type: 'contact.created', subject: 'contact', subjectId: 'appended first' },
      ]);
      expect(() => early!.seq).toThrow(/assigned when its transaction commits/);
      // Would wait on the tenant's counter row if appending still locked it until commit.
      const [late] = await db.transaction((m) =>
        appendDomainEvents(m, tenant.id, [
          { type: 'contact.created', subject: 'contact', subjectId: 'committed first' },
        ]),
      );
      expect(late!.seq).toBe(1);
      expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.subjectId)).toEqual([
        'committed first',
      ]);
      await open.commitTransaction();
      expect(early!.seq).toBe(2);
    } finally {
      await open.release();
    }
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => [e.seq, e.subjectId])).toEqual([
      [1, 'committed first'],
      [2, 'appended first'],
    ]);
  });

  it('stays gapless under concurrent writers: a reader never sees a seq before all earlier ones', async () => {
    const tenant = await createTenant(db, 'concurrent');
    const writers = 24;
    let writing = true;
    const gaps: number[][] = [];
    const reader = (async () => {
      while (writing) {
        const seqs = (await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.seq);
        if (seqs.some((seq, i) => seq !== i + 1)) gaps.push(seqs);
      }
    })();
    const batches = await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        db.transaction(async (m) => {
          const events = await appendDomainEvents(
            m,
            tenant.id,
            Array.from({ length: 1 + (w % 3) }, (_, i) => ({
              type: 'contact.updated',
              subject: 'contact' as const,
              subjectId: `w${w}`,
              payload: { i },
            })),
          );
          await new Promise((resolve) => setTimeout(resolve, (w * 7) % 20));
          return events;
        }),
      ),
    );
    writing = false;
    await reader;
    expect(gaps).toEqual([]);
    const total = batches.reduce((n, batch) => n + batch.length, 0);
    const all = await listDomainEventsAfter(db.manager, tenant.id, 0);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each transaction's events are numbered consecutively, in the order it appended them.
    for (const batch of batches) {
      const seqs = batch.map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
      expect(batch.map((e) => e.payload)).toEqual(batch.map((_, i) => ({ i })));
    }
  });

  it('numbers nothing of a rolled back savepoint', async () => {
    const tenant = await createTenant(db, 'savepoint');
    const kept = await db.transaction(async (m) => {
      const events = await appendDomainEvents(m, tenant.id, [
        { type: 'contact.created', subject: 'contact', subjectId: 'kept' },
      ]);
      await m
        .transaction((inner) =>
          appendDomainEvents(inner, tenant.id, [
            { type: 'contact.created', subject: 'contact', subjectId: 'dropped' },
          ]).then(() => Promise.reject(new Error('inner failed'))),
        )
        .catch(() => undefined);
      return events;
    });
    expect(kept.map((e) => e.seq)).toEqual([1]);
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.subjectId)).toEqual(['kept']);
  });

  it('leaves a dead writer’s events unreadable until a sweep numbers them, in order', async () => {
    const tenant = await createTenant(db, 'sweep');
    // What a writer that died between its commit and the numbering leaves behind.
    await db.query(
      `INSERT INTO domain_events (tenant_id, type, subject, subject_id, actor)
       VALUES ($1, 'contact.created', 'contact', 'orphan', '{"kind":"system","id":null}')`,
      [tenant.id],
    );
    expect(await listDomainEventsAfter(db.manager, tenant.id, 0)).toEqual([]);
    await sweepUnnumberedEvents(db);
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => [e.seq, e.subjectId])).toEqual([
      [1, 'orphan'],
    ]);
    const [numbered] = await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'next' }]),
    );
    expect(numbered!.seq).toBe(2);
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => [e.seq, e.subjectId])).toEqual([
      [1, 'orphan'],
      [2, 'next'],
    ]);
  });

  it('refuses to write outside a transaction', async () => {
    const tenant = await createTenant(db, 'no tx');
    await expect(
      appendDomainEvents(db.manager, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c' }]),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('rejects a malformed event type', async () => {
    const tenant = await createTenant(db, 'bad type');
    await expect(
      db.transaction((m) =>
        appendDomainEvents(m, tenant.id, [{ type: 'ContactCreated', subject: 'contact', subjectId: 'c' }]),
      ),
    ).rejects.toThrow(/subject\.verb/);
  });
});
