import { randomUUID } from 'node:crypto';
import { KNOWLEDGE_INDEXER_WORKFLOW_ID } from '@cadenza/core';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { startWorkerProcessPlatform, type WorkerProcessPlatform } from '@cadenza/test-harness/worker-process-platform';

/**
 * The catch-up indexer on the real Temporal server with production worker processes: the worker is
 * SIGKILLed while it embeds a backlog of notes; the heartbeat timeout hands the batch to a new
 * worker, and in the end every note has exactly one vector: nothing lost, nothing twice.
 */
jest.setTimeout(300_000);

describe('the knowledge indexer whose worker is killed', () => {
  let platform: WorkerProcessPlatform;
  const taskQueue = `knowledge-kill-${randomUUID()}`;
  const workflowId = `${KNOWLEDGE_INDEXER_WORKFLOW_ID}-kill-${randomUUID()}`;
  const NOTES = 400;

  beforeAll(async () => {
    platform = await startWorkerProcessPlatform('Knowledge worker kill', taskQueue);
  });
  afterAll(async () => {
    await platform?.client.workflow
      .getHandle(workflowId)
      .terminate('test over')
      .catch(() => undefined);
    await platform?.teardown();
  });

  const vectorsOfTenant = async () => {
    const [row] = (await platform.db.query(
      `SELECT count(*)::int AS vectors, count(DISTINCT note_id)::int AS notes FROM knowledge_vectors WHERE tenant_id = $1`,
      [platform.admin.tenantId],
    )) as [{ vectors: number; notes: number }];
    return row;
  };

  it('embeds every note exactly once across the kill', async () => {
    const { tenantId } = platform.admin;
    await platform.db.query(
      `WITH c AS (INSERT INTO contacts (tenant_id, first_name) VALUES ($1, 'Backlog') RETURNING id)
       INSERT INTO notes (tenant_id, contact_id, body, author_kind)
       SELECT $1, c.id, 'Backlog note ' || g || ': the customer asked about topic ' || (g % 17) || ' on call ' || g, 'system'
       FROM c, generate_series(1, $2::int) AS g`,
      [tenantId, NOTES],
    );
    const first = await platform.startWorker();
    await first.ready;
    await platform.client.workflow.start<WorkflowContracts['knowledgeIndexerWorkflow']>(
      WORKFLOW_NAMES.knowledgeIndexerWorkflow,
      { taskQueue, workflowId, args: [{ batch: 64, idleSeconds: 1 }] },
    );
    // Killed while the backlog is part way: some batches stored, others not yet.
    await waitUntil('the first batches stored', async () => (await vectorsOfTenant()).vectors >= 64, {
      timeoutMs: 180_000,
      intervalMs: 50,
    });
    first.kill();
    await first.exited;
    expect((await vectorsOfTenant()).vectors).toBeLessThan(NOTES);

    const second = await platform.startWorker();
    await second.ready;
    await waitUntil('every note embedded', async () => (await vectorsOfTenant()).notes === NOTES, {
      timeoutMs: 240_000,
      intervalMs: 250,
    });
    expect(await vectorsOfTenant()).toEqual({ vectors: NOTES, notes: NOTES });
    expect((await platform.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');
  });
});
