import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createCrmFlowPort, enrollContact } from '@cadenza/services/flow';
import { generateDemoWorkspace } from './demo-data';
import { DEMO_TENANT_ID } from './seed-demo';
import { AI_CHAIN_FLOW_NAME, OUTREACH_FLOW_NAME } from './demo-flows';

export const DEMO_ENROLLMENT_COUNT = 36;
/**
 * Leads in the AI agent chain. Each costs the local model three calls (research, score, draft)
 * on the worker right after the first start, so the count stays small.
 */
export const DEMO_AI_ENROLLMENT_COUNT = 6;

/** The leads in the outreach sequence: the first ones at the top of the funnel, by generator order. */
export function demoEnrollmentEmails(count = DEMO_ENROLLMENT_COUNT): string[] {
  return generateDemoWorkspace()
    .contacts.filter(
      (contact) => contact.lifecycleStage === 'lead' || contact.lifecycleStage === 'marketing_qualified_lead',
    )
    .slice(0, count)
    .map((contact) => contact.email);
}

/**
 * The leads in the AI chain: the first sales-qualified ones, by generator order. None of them
 * is in the outreach sequence, so the two demo flows never compete for a contact.
 */
export function demoAiLeadEmails(count = DEMO_AI_ENROLLMENT_COUNT): string[] {
  return generateDemoWorkspace()
    .contacts.filter((contact) => contact.lifecycleStage === 'sales_qualified_lead')
    .slice(0, count)
    .map((contact) => contact.email);
}

export interface DemoEnrollmentResult {
  started: number;
  /** Already running, or ran before: an enrollment is never repeated. */
  skipped: number;
}

async function enrollByEmail(
  deps: Parameters<typeof enrollContact>[0],
  tenantId: string,
  flowName: string,
  emails: string[],
): Promise<DemoEnrollmentResult> {
  const [flow] = (await deps.db.query(`SELECT id FROM flows WHERE tenant_id = $1 AND name = $2`, [
    tenantId,
    flowName,
  ])) as Array<{ id: string }>;
  if (!flow) throw new Error(`the demo workspace is not seeded: no flow "${flowName}"`);
  const contacts = (await deps.db.query(`SELECT id FROM contacts WHERE tenant_id = $1 AND lower(email) = ANY($2)`, [
    tenantId,
    emails,
  ])) as Array<{ id: string }>;
  const outcomes = await Promise.all(
    contacts.map((contact) =>
      enrollContact(deps, { tenantId, flowId: flow.id, contactId: contact.id, source: 'demo' }),
    ),
  );
  const started = outcomes.filter((outcome) => outcome.status === 'started').length;
  return { started, skipped: outcomes.length - started };
}

const depsOf = (db: DataSource, temporal: Client, taskQueue: string) => ({
  db,
  temporal,
  taskQueue,
  crm: createCrmFlowPort(db),
});

/**
 * Enrolls the 36 outreach leads, so the designer has live counts and the outbox fills once
 * business hours open. Needs a running worker. Idempotent by workflow id: a second call starts nothing.
 */
export function enrollDemoRuns(
  db: DataSource,
  temporal: Client,
  taskQueue: string,
  tenantId = DEMO_TENANT_ID,
): Promise<DemoEnrollmentResult> {
  return enrollByEmail(depsOf(db, temporal, taskQueue), tenantId, OUTREACH_FLOW_NAME, demoEnrollmentEmails());
}

/**
 * Enrolls the AI leads in the agent chain; the worker's local model then drafts their emails
 * into the approvals inbox. Returns once the runs are started, not when the drafts are written.
 */
export function enrollDemoAiLeads(
  db: DataSource,
  temporal: Client,
  taskQueue: string,
  options: { tenantId?: string; count?: number } = {},
): Promise<DemoEnrollmentResult> {
  return enrollByEmail(
    depsOf(db, temporal, taskQueue),
    options.tenantId ?? DEMO_TENANT_ID,
    AI_CHAIN_FLOW_NAME,
    demoAiLeadEmails(options.count),
  );
}

/** Every demo enrollment of the first state: the outreach leads and the AI leads. */
export async function startDemoRuns(
  db: DataSource,
  temporal: Client,
  taskQueue: string,
  tenantId = DEMO_TENANT_ID,
): Promise<{ outreach: DemoEnrollmentResult; aiChain: DemoEnrollmentResult }> {
  const outreach = await enrollDemoRuns(db, temporal, taskQueue, tenantId);
  const aiChain = await enrollDemoAiLeads(db, temporal, taskQueue, { tenantId });
  return { outreach, aiChain };
}
