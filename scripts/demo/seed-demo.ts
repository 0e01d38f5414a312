import type { DataSource } from 'typeorm';
import type { EgressAllowList, Flow, Principal } from '@cadenza/core';
import {
  changeDealStage,
  createCompany,
  createContact,
  createDeal,
  createFlow,
  createNote,
  createPipeline,
  createTask,
  ensureTenantAdmin,
  inviteTenantUser,
  publishFlow,
} from '@cadenza/data';
import { DEMO_PIPELINE, demoUsers, generateDemoWorkspace, type DemoUser, type DemoWorkspace } from './demo-data';
import { AI_CHAIN_FLOW_NAME, OUTREACH_FLOW_NAME, aiChainFlowDefinition, outreachFlowDefinition } from './demo-flows';

/**
 * The demo tenant has a fixed id: that is how the seed and the reset recognise it, so a
 * workspace a user created (even one named "Demo workspace") is never touched.
 */
export const DEMO_TENANT_ID = 'de300000-0000-4000-8000-000000000001';
export const DEMO_TENANT_NAME = 'Demo workspace';

export interface DemoSeedOptions {
  /** Tests seed workspaces of their own; everything else uses DEMO_TENANT_ID. */
  tenantId?: string;
  /** Tests give the demo users other addresses (see demoUsers). */
  userTag?: string;
  /** Overrides the outreach flow's sending window (tests use an always-open one). */
  outreachWindow?: Parameters<typeof outreachFlowDefinition>[0];
  /** Parallel writes; each is its own transaction. */
  concurrency?: number;
}

export interface DemoSeedResult {
  tenantId: string;
  created: Record<'companies' | 'contacts' | 'deals' | 'tasks' | 'notes' | 'flows' | 'users', number>;
  outreachFlowId: string;
  aiChainFlowId: string;
  /** Contact ids in generator order, for the enrollments. */
  contactIds: string[];
}

/** Runs `work` over the items with at most `limit` in flight, keeping results in order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** name → id of what already exists, so a second seed creates only what is missing. */
async function existing(
  db: DataSource,
  tenantId: string,
  sql: string,
  params: unknown[] = [],
): Promise<Map<string, string>> {
  const rows = (await db.query(sql, [tenantId, ...params])) as Array<{ key: string; id: string }>;
  return new Map(rows.map((row) => [row.key, row.id]));
}

async function seedUsers(
  db: DataSource,
  tenantId: string,
  users: DemoUser[],
): Promise<{ userIds: Map<string, string>; created: number }> {
  const members = await existing(
    db,
    tenantId,
    `SELECT u.email AS key, u.id::text AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1`,
  );
  let created = 0;
  const admin = users.find((user) => user.role === 'admin')!;
  if (!members.has(admin.email)) {
    const { userId } = await ensureTenantAdmin(db, { tenantId, ...admin });
    members.set(admin.email, userId);
    created++;
  }
  const actor = { kind: 'user' as const, id: members.get(admin.email)! };
  for (const user of users) {
    if (members.has(user.email)) continue;
    const { user: view } = await inviteTenantUser(db, tenantId, user, actor);
    members.set(user.email, view.id);
    created++;
  }
  return { userIds: members, created };
}

/** The demo's flows reach no internal address, so they are checked against the strict policy. */
const NO_EGRESS_EXCEPTIONS: EgressAllowList = [];

async function seedFlow(db: DataSource, principal: Principal, name: string, draft: unknown, kind: Flow['kind']) {
  const [row] = (await db.query(`SELECT id, latest_version FROM flows WHERE tenant_id = $1 AND name = $2`, [
    principal.tenantId,
    name,
  ])) as Array<{ id: string; latest_version: number | null }>;
  if (row?.latest_version) return { id: row.id, created: false };
  const id = row?.id ?? (await createFlow(db, principal, { name, kind, draft }, NO_EGRESS_EXCEPTIONS)).id;
  await publishFlow(db, principal, id, NO_EGRESS_EXCEPTIONS);
  return { id, created: !row };
}

/**
 * Makes the demo workspace complete: creates the tenant, users and every record that is
 * not there yet, keyed by stable names and emails. Running it again creates nothing.
 */
export async function seedDemoWorkspace(db: DataSource, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const demo: DemoWorkspace = generateDemoWorkspace();
  const pool = options.concurrency ?? 8;
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const people = demoUsers(options.userTag);
  await db.query(`INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [
    tenantId,
    DEMO_TENANT_NAME,
  ]);
  const { userIds, created: users } = await seedUsers(db, tenantId, people);
  const principal: Principal = {
    tenantId,
    userId: userIds.get(people.find((user) => user.role === 'admin')!.email)!,
    role: 'admin',
    via: 'session',
  };
  const salesRepId = userIds.get(people.find((user) => user.role === 'sales_rep')!.email)!;

  const companyIds = await existing(
    db,
    tenantId,
    `SELECT name AS key, id::text AS id FROM companies WHERE tenant_id = $1`,
  );
  const newCompanies = demo.companies.filter((company) => !companyIds.has(company.name));
  await inPool(newCompanies, pool, async (company) => {
    companyIds.set(company.name, (await createCompany(db, principal, company)).id);
  });

  const contactIds = await existing(
    db,
    tenantId,
    `SELECT lower(email) AS key, id::text AS id FROM contacts WHERE tenant_id = $1 AND email IS NOT NULL`,
  );
  const newContacts = demo.contacts.filter((contact) => !contactIds.has(contact.email));
  await inPool(newContacts, pool, async ({ company, ownedBySalesRep, ...fields }) => {
    const contact = await createContact(db, principal, {
      ...fields,
      companyId: companyIds.get(demo.companies[company]!.name)!,
      ownerId: ownedBySalesRep ? salesRepId : principal.userId,
      source: 'demo',
    });
    contactIds.set(fields.email, contact.id);
  });
  const contactIdAt = (index: number) => contactIds.get(demo.contacts[index]!.email)!;

  const [pipelineRow] = (await db.query(`SELECT id FROM pipelines WHERE tenant_id = $1 AND name = $2`, [
    tenantId,
    DEMO_PIPELINE.name,
  ])) as Array<{ id: string }>;
  const pipelineId =
    pipelineRow?.id ??
    (await createPipeline(db, principal, { name: DEMO_PIPELINE.name, stages: [...DEMO_PIPELINE.stages] })).id;
  const stageIds = await existing(
    db,
    tenantId,
    `SELECT name AS key, id::text AS id FROM pipeline_stages WHERE tenant_id = $1 AND pipeline_id = $2`,
    [pipelineId],
  );

  const dealNames = await existing(db, tenantId, `SELECT name AS key, id::text AS id FROM deals WHERE tenant_id = $1`);
  const newDeals = demo.deals.filter((deal) => !dealNames.has(deal.name));
  await inPool(newDeals, pool, async (deal) => {
    const contact = demo.contacts[deal.contact]!;
    const created = await createDeal(db, principal, {
      name: deal.name,
      amount: deal.amount,
      currency: 'USD',
      pipelineId,
      stageId: stageIds.get(deal.stages[0]!)!,
      contactId: contactIdAt(deal.contact),
      companyId: companyIds.get(demo.companies[contact.company]!.name)!,
      ownerId: contact.ownedBySalesRep ? salesRepId : principal.userId,
      closeDate: isoDay(deal.closeInDays),
    });
    // Each later stage is a real move, so the contact's timeline tells the deal's story.
    for (const stage of deal.stages.slice(1)) {
      await changeDealStage(db, principal, created.id, { stageId: stageIds.get(stage)! });
    }
  });

  const taskTitles = await existing(
    db,
    tenantId,
    `SELECT title AS key, id::text AS id FROM tasks WHERE tenant_id = $1`,
  );
  const newTasks = demo.tasks.filter((task) => !taskTitles.has(task.title));
  await inPool(newTasks, pool, (task) =>
    createTask(db, principal, {
      title: task.title,
      contactId: contactIdAt(task.contact),
      dueAt: new Date(Date.now() + task.dueInDays * 86_400_000).toISOString(),
      done: task.done,
      assigneeId: demo.contacts[task.contact]!.ownedBySalesRep ? salesRepId : principal.userId,
    }),
  );

  const noteKeys = await existing(
    db,
    tenantId,
    `SELECT contact_id::text || ':' || body AS key, id::text AS id FROM notes WHERE tenant_id = $1`,
  );
  const newNotes = demo.notes.filter((note) => !noteKeys.has(`${contactIdAt(note.contact)}:${note.body}`));
  await inPool(newNotes, pool, (note) =>
    createNote(db, principal, { contactId: contactIdAt(note.contact), body: note.body }),
  );

  const outreach = await seedFlow(
    db,
    principal,
    OUTREACH_FLOW_NAME,
    outreachFlowDefinition(options.outreachWindow),
    'sequence',
  );
  const aiChain = await seedFlow(db, principal, AI_CHAIN_FLOW_NAME, aiChainFlowDefinition(), 'agent');

  return {
    tenantId,
    created: {
      users,
      companies: newCompanies.length,
      contacts: newContacts.length,
      deals: newDeals.length,
      tasks: newTasks.length,
      notes: newNotes.length,
      flows: Number(outreach.created) + Number(aiChain.created),
    },
    outreachFlowId: outreach.id,
    aiChainFlowId: aiChain.id,
    contactIds: demo.contacts.map((_, index) => contactIdAt(index)),
  };
}

/** YYYY-MM-DD, `days` from today. */
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
