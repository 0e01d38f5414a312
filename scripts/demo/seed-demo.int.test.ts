import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createTenant, type DataSource } from '@cadenza/activities/data';
import { connectTestDb } from '../test-harness/integration';
import { requireService } from '../test-harness/service-env';
import { DEMO_COMPANY_COUNT, DEMO_CONTACT_COUNT, generateDemoWorkspace } from './demo-data';
import { DEMO_TENANT_NAME, seedDemoWorkspace } from './seed-demo';
import { deleteDemoWorkspace } from './reset-demo';

/** Row counts of one tenant, table by table. */
async function countsOf(db: DataSource, tenantId: string) {
  const tables = [
    'companies',
    'contacts',
    'pipelines',
    'pipeline_stages',
    'deals',
    'tasks',
    'notes',
    'flows',
    'flow_versions',
    'memberships',
  ];
  const entries = await Promise.all(
    tables.map(async (table) => {
      const [row] = (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [
        tenantId,
      ])) as Array<{ n: number }>;
      return [table, row!.n] as const;
    }),
  );
  return Object.fromEntries(entries);
}

describe('demo workspace seed', () => {
  let db: DataSource;
  let temporal: Client;
  // A workspace of this test's own: the real demo id may be in use by the browser tour running alongside.
  const tenantId = randomUUID();
  const userTag = `seed${tenantId.slice(0, 8)}`;
  const demo = generateDemoWorkspace();

  beforeAll(async () => {
    db = await connectTestDb();
    temporal = new Client({ connection: await Connection.connect({ address: requireService('temporal') }) });
  });
  afterAll(async () => {
    await db?.destroy();
    await temporal?.connection.close();
  });

  it('seeds an empty workspace with the expected counts, fast', async () => {
    const startedAt = Date.now();
    const result = await seedDemoWorkspace(db, { tenantId, userTag });
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(result.created).toEqual({
      users: 4,
      companies: DEMO_COMPANY_COUNT,
      contacts: DEMO_CONTACT_COUNT,
      deals: demo.deals.length,
      tasks: demo.tasks.length,
      notes: demo.notes.length,
      flows: 2,
    });
    expect(await countsOf(db, tenantId)).toEqual({
      companies: 60,
      contacts: 500,
      pipelines: 1,
      pipeline_stages: 6,
      deals: demo.deals.length,
      tasks: demo.tasks.length,
      notes: demo.notes.length,
      flows: 2,
      flow_versions: 2,
      memberships: 4,
    });
    const roles = (await db.query(`SELECT role FROM memberships WHERE tenant_id = $1 ORDER BY role`, [
      tenantId,
    ])) as Array<{ role: string }>;
    expect(roles.map((r) => r.role)).toEqual(['admin', 'marketer', 'ops', 'sales_rep']);
    const flows = (await db.query(`SELECT name, status, latest_version FROM flows WHERE tenant_id = $1 ORDER BY name`, [
      tenantId,
    ])) as Array<{ status: string; latest_version: number }>;
    expect(flows.every((flow) => flow.status === 'active' && flow.latest_version === 1)).toBe(true);
    // Deals that moved along the pipeline left their history on the contact's timeline.
    const [moves] = (await db.query(
      `SELECT count(*)::int AS n FROM timeline_entries WHERE tenant_id = $1 AND kind = 'stage_changed' AND data ? 'dealId'`,
      [tenantId],
    )) as Array<{ n: number }>;
    const expectedMoves = demo.deals.reduce((sum, deal) => sum + deal.stages.length - 1, 0);
    expect(moves!.n).toBe(expectedMoves);
  });

  it('seeding again duplicates nothing and leaves a user-made "Demo workspace" alone', async () => {
    const mine = await createTenant(db, DEMO_TENANT_NAME);
    const before = await countsOf(db, tenantId);
    const again = await seedDemoWorkspace(db, { tenantId, userTag });
    expect(again.created).toEqual({ users: 0, companies: 0, contacts: 0, deals: 0, tasks: 0, notes: 0, flows: 0 });
    expect(await countsOf(db, tenantId)).toEqual(before);
    expect(Object.values(await countsOf(db, mine.id)).every((n) => n === 0)).toBe(true);
  });

  it('reset deletes the workspace with everything in it, and a new seed brings it back', async () => {
    await deleteDemoWorkspace(db, temporal, { tenantId, userTag });
    expect(Object.values(await countsOf(db, tenantId)).every((n) => n === 0)).toBe(true);
    const [tenant] = (await db.query(`SELECT id FROM tenants WHERE id = $1`, [tenantId])) as unknown[];
    expect(tenant).toBeUndefined();
    const reseeded = await seedDemoWorkspace(db, { tenantId, userTag });
    expect(reseeded.created.contacts).toBe(DEMO_CONTACT_COUNT);
    await deleteDemoWorkspace(db, temporal, { tenantId, userTag });
  });
});
