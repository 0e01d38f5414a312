import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createCrmFlowPort, enrollContact } from '@cadenza/activities/flow';
import { generateDemoWorkspace } from './demo-data';
import { DEMO_TENANT_ID } from './seed-demo';
import { OUTREACH_FLOW_NAME } from './demo-flows';

export const DEMO_ENROLLMENT_COUNT = 36;

/** The leads in the outreach sequence: the first ones at the top of the funnel, by generator order. */
export function demoEnrollmentEmails(count = DEMO_ENROLLMENT_COUNT): string[] {
  return generateDemoWorkspace()
    .contacts.filter(
      (contact) => contact.lifecycleStage === 'lead' || contact.lifecycleStage === 'marketing_qualified_lead',
    )
    .slice(0, count)
    .map((contact) => contact.email);
}

export interface DemoEnrollmentResult {
  started: number;
  /** Already running, or ran before: an enrollment is never repeated. */
  skipped: number;
}

/**
 * Enrolls the demo leads in the outreach sequence, so the designer has live counts and the
 * outbox fills. Needs a running worker. Enrolling is idempotent by workflow id, so a second
 * call starts nothing. The AI chain gets no enrollments: each would load the local model
 * at start-up (slow on a laptop, and llm_generate only became available while this seed
 * was written); the README shows how to enroll a contact by hand.
 */
export async function enrollDemoRuns(
  db: DataSource,
  temporal: Client,
  taskQueue: string,
  tenantId = DEMO_TENANT_ID,
): Promise<DemoEnrollmentResult> {
  const [flow] = (await db.query(`SELECT id FROM flows WHERE tenant_id = $1 AND name = $2`, [
    tenantId,
    OUTREACH_FLOW_NAME,
  ])) as Array<{ id: string }>;
  if (!flow) throw new Error('the demo workspace is not seeded: no outreach flow');
  const contacts = (await db.query(`SELECT id FROM contacts WHERE tenant_id = $1 AND lower(email) = ANY($2)`, [
    tenantId,
    demoEnrollmentEmails(),
  ])) as Array<{ id: string }>;
  const deps = { db, temporal, taskQueue, crm: createCrmFlowPort(db) };
  const outcomes = await Promise.all(
    contacts.map((contact) =>
      enrollContact(deps, { tenantId, flowId: flow.id, contactId: contact.id, source: 'demo' }),
    ),
  );
  const started = outcomes.filter((outcome) => outcome.status === 'started').length;
  return { started, skipped: outcomes.length - started };
}
