import { randomUUID } from 'node:crypto';
import {
  bulkEnrollmentWorkflowId,
  enrollmentWorkflowId,
  flowScheduleId,
  scheduledEnrollmentWorkflowId,
  testRunWorkflowId,
  triggerDispatcherWorkflowId,
} from '../flow-records';
import { importWorkflowId } from '../crm-import/import';
import { smokeWorkflowId } from '../smoke-run';
import { mailboxSyncWorkflowId } from '../messaging/mailbox-sync-workflow-ids';
import { leadScoringScheduledRunId, leadScoringTrainWorkflowId } from '../ai/lead-scoring-workflow-ids';
import { replyTriageWorkflowId } from '../ai/reply-triage';
import {
  KNOWLEDGE_INDEXER_WORKFLOW_ID,
  knowledgeIndexWorkflowId,
  knowledgeQueryWorkflowId,
} from '../ai/knowledge-workflow-ids';
import { payloadKeyScopeLabel, payloadKeyScopeOf } from './payload-key-scope';

const tenantId = randomUUID();
const contactId = randomUUID();
const flowId = randomUUID();

describe('payloadKeyScopeOf', () => {
  it("gives a flow run and a test run the contact's key", () => {
    const contact = { kind: 'contact', tenantId, contactId };
    expect(payloadKeyScopeOf(enrollmentWorkflowId(tenantId, flowId, contactId))).toEqual(contact);
    expect(payloadKeyScopeOf(testRunWorkflowId(tenantId, flowId, contactId, randomUUID()))).toEqual(contact);
  });

  it("gives every other tenant workflow the tenant's key, schedule ticks and child pages included", () => {
    const tenant = { kind: 'tenant', tenantId };
    const ids = [
      bulkEnrollmentWorkflowId(tenantId, flowId, randomUUID()),
      triggerDispatcherWorkflowId(tenantId),
      `${scheduledEnrollmentWorkflowId(tenantId, flowId)}-2026-12-07T10:00:00Z`,
      `${scheduledEnrollmentWorkflowId(tenantId, flowId)}-2026-12-07T10:00:00Z:page-3`,
      importWorkflowId(tenantId, randomUUID()),
      smokeWorkflowId(tenantId, randomUUID()),
      mailboxSyncWorkflowId(tenantId, randomUUID()),
      leadScoringTrainWorkflowId(tenantId, randomUUID()),
      replyTriageWorkflowId(tenantId, randomUUID()),
      knowledgeIndexWorkflowId(tenantId, randomUUID()),
      knowledgeQueryWorkflowId(tenantId, randomUUID()),
      `${leadScoringScheduledRunId(tenantId)}-2026-12-07T10:00:00Z`,
    ];
    for (const id of ids) expect([id, payloadKeyScopeOf(id)]).toEqual([id, tenant]);
  });

  it('gives platform workflows, unknown ids and payloads outside any workflow the platform key', () => {
    for (const id of [
      'cadenza-event-log-retention-run-2026-12-07T10:00:00Z',
      KNOWLEDGE_INDEXER_WORKFLOW_ID,
      'something-else',
      '',
      undefined,
    ]) {
      expect(payloadKeyScopeOf(id)).toEqual({ kind: 'platform' });
    }
    // A schedule id is not a workflow id; its memo is the platform's.
    expect(payloadKeyScopeOf(flowScheduleId(tenantId, flowId))).toEqual({ kind: 'platform' });
  });

  it('never reads a contact out of a tenant-wide family', () => {
    expect(payloadKeyScopeOf(`bulk-enroll:${tenantId}:${flowId}:${contactId}`)).toEqual({ kind: 'tenant', tenantId });
  });

  it('labels scopes with ids only', () => {
    expect(payloadKeyScopeLabel({ kind: 'contact', tenantId: 't', contactId: 'c' })).toBe('contact:t:c');
    expect(payloadKeyScopeLabel({ kind: 'tenant', tenantId: 't' })).toBe('tenant:t');
    expect(payloadKeyScopeLabel({ kind: 'platform' })).toBe('platform');
  });
});
