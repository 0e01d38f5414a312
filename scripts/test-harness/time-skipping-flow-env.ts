import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Principal } from '@cadenza/core';
import { activitySettingsFromEnv, createActivities, type ActivityDependencies } from '@cadenza/activities';
import { createCrmFlowPort } from '@cadenza/services/flow';
import type { DataSource } from '@cadenza/data';
import { cadenzaDataConverter, ensureSearchAttributes, temporalBinaries } from '@cadenza/temporal';
import { testPayloadKeys } from './payload-keys';
import { connectTestDb } from './integration';
import { adminOfNewTenant } from './flow-fixtures';

export interface TimeSkippingFlowEnv {
  env: TestWorkflowEnvironment;
  db: DataSource;
  /** An admin of a tenant made for this suite. */
  admin: Principal;
  /** Stops the worker, then the test server, then closes the database connection. */
  teardown: () => Promise<void>;
}

/**
 * The flow interpreter against Temporal's time-skipping test server (weeks of waits pass in
 * seconds), with a worker on `taskQueue` running the real workflows and the real activities on
 * the real PostgreSQL of this test run. Call from beforeAll (it takes a while: 120 s timeout).
 */
export async function startTimeSkippingFlowEnv(
  taskQueue: string,
  tenantName?: string,
  options: {
    /** Extra environment for the activities' settings (e.g. OPENAI_BASE_URL pointing at a double). */
    env?: Record<string, string>;
    /** The knowledge search the agent's knowledge_search tool uses. */
    knowledge?: ActivityDependencies['knowledge'];
  } = {},
): Promise<TimeSkippingFlowEnv> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = await connectTestDb();
  const admin = await adminOfNewTenant(db, tenantName).catch(async (error: unknown) => {
    await db.destroy();
    throw error;
  });
  let env: TestWorkflowEnvironment | undefined;
  try {
    // Its client and worker encrypt payloads like the platform's (time skipping is the only difference).
    const dataConverter = cadenzaDataConverter(testPayloadKeys(db));
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalBinaries().testServer } },
      client: { dataConverter },
    });
    // The test server starts with no custom search attributes; the run upserts NodeId.
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      dataConverter,
      workflowsPath: require.resolve('@cadenza/workflows'),
      activities: createActivities({
        db,
        crm: createCrmFlowPort(db),
        temporal: env.client,
        taskQueue,
        settings: activitySettingsFromEnv({ ...process.env, ...options.env }),
        ...(options.knowledge ? { knowledge: options.knowledge } : {}),
      }),
    });
    const running = worker.run();
    const started = env;
    const teardown = async () => {
      worker.shutdown();
      await running;
      await started.teardown();
      await db.destroy();
    };
    return { env: started, db, admin, teardown };
  } catch (error) {
    await env?.teardown().catch(() => undefined);
    await db.destroy();
    throw error;
  }
}
