import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { adminOfNewTenant, flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import type { DataSource } from 'typeorm';
import { getRun, saveRunProjection, type RunProjection } from './runs-repository';

describe('saveRunProjection', () => {
  let db: DataSource;
  let admin: Principal;
  let flowId: string;
  let contactId: string;

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await adminOfNewTenant(db, 'Run projection');
    flowId = (
      await publishedFlow(
        db,
        admin,
        flowOf([{ id: 'tag', type: 'add_tag', settings: { tag: 'x' } }], [['start', 'tag']]),
      )
    ).flowId;
    contactId = await newContact(db, admin, { email: `${randomUUID()}@example.com` });
  });

  afterAll(async () => {
    await db?.destroy();
  });

  const runOf = (enrollmentId: string, state: Pick<RunProjection, 'status' | 'currentNodeId'>): RunProjection => ({
    enrollmentId,
    tenantId: admin.tenantId,
    workflowId: `wf-${enrollmentId}`,
    flowId,
    flowVersion: 1,
    contactId,
    testMode: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: ['completed', 'unenrolled', 'cancelled'].includes(state.status) ? '2026-01-01T00:00:01.000Z' : null,
    exitReason: null,
    ...state,
  });

  /** The run's events in log order, with whether each has been numbered. */
  const eventsOf = async (enrollmentId: string) =>
    (await db.query(
      `SELECT type, payload->>'status' AS status, seq IS NOT NULL AS numbered FROM domain_events
       WHERE tenant_id = $1 AND subject = 'run' AND subject_id = $2 ORDER BY seq, id`,
      [admin.tenantId, enrollmentId],
    )) as Array<{ type: string; status: string; numbered: boolean }>;

  const step = { nodeId: 'tag', nodeType: 'add_tag', visit: 1, output: 'next', startedAt: '2026-01-01T00:00:00.500Z' };

  it('starts, then ends, a run whose first report is already its end, numbered in that order', async () => {
    const id = randomUUID();
    await saveRunProjection(db, runOf(id, { status: 'completed', currentNodeId: null }), [
      { ...step, status: 'completed', result: { tags: ['x'] }, endedAt: '2026-01-01T00:00:01.000Z' },
    ]);
    expect(await eventsOf(id)).toEqual([
      { type: 'run.started', status: 'completed', numbered: true },
      { type: 'run.ended', status: 'completed', numbered: true },
    ]);
    const run = await getRun(db, admin.tenantId, id);
    expect(run).toMatchObject({
      status: 'completed',
      steps: [{ nodeId: 'tag', status: 'completed', result: { tags: ['x'] } }],
    });
  });

  it("numbers the events when the caller's transaction commits, when given one", async () => {
    const id = randomUUID();
    await db.transaction((manager) =>
      saveRunProjection(manager, runOf(id, { status: 'waiting', currentNodeId: 'tag' }), []),
    );
    expect(await eventsOf(id)).toEqual([{ type: 'run.started', status: 'waiting', numbered: true }]);
  });

  it('says what changed: started, moved, ended; a repeated or late report says nothing', async () => {
    const id = randomUUID();
    await saveRunProjection(db, runOf(id, { status: 'waiting', currentNodeId: 'tag' }), []);
    await saveRunProjection(db, runOf(id, { status: 'waiting', currentNodeId: 'tag' }), []);
    await saveRunProjection(db, runOf(id, { status: 'running', currentNodeId: 'tag' }), []);
    await saveRunProjection(db, runOf(id, { status: 'completed', currentNodeId: null }), []);
    await saveRunProjection(db, runOf(id, { status: 'completed', currentNodeId: null }), []);
    // A report from before the end arriving after it changes neither the row nor the log.
    await saveRunProjection(db, runOf(id, { status: 'running', currentNodeId: 'tag' }), []);
    expect((await eventsOf(id)).map((event) => `${event.type}:${event.status}`)).toEqual([
      'run.started:waiting',
      'run.moved:running',
      'run.ended:completed',
    ]);
    expect((await getRun(db, admin.tenantId, id)).status).toBe('completed');
  });
});
