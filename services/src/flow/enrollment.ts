import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  addDuration,
  ConflictError,
  enrollmentWorkflowId,
  testRunWorkflowId,
  type FlowDefinition,
} from '@cadenza/core';
import { runSearchAttributeKeys } from '@cadenza/temporal/search-attribute-keys';
import { unenrollSignal, WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { getFlowVersion } from '@cadenza/data';
import type { FlowCrmPort } from './flow-crm-port';

export interface EnrollmentDependencies {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  crm: Pick<FlowCrmPort, 'loadContactSnapshot'>;
}

export interface EnrollmentRequest {
  tenantId: string;
  flowId: string;
  contactId: string;
  /** What enrolled the contact: "api", "manual", "flow:<id>", "bulk:<id>"... */
  source: string;
}

export type EnrollmentOutcome =
  | { status: 'started'; enrollmentId: string; workflowId: string; version: number; unenrolledFrom: string[] }
  | {
      status: 'already_enrolled' | 'not_reenrollable' | 'cooling_down';
      enrollmentId: null;
      workflowId: string;
      version: number;
    };

function displayName(fields: Record<string, unknown>): string {
  const name = [fields.firstName, fields.lastName].filter((part) => typeof part === 'string' && part).join(' ');
  return name || (typeof fields.email === 'string' ? fields.email : '');
}

/** Starts the run workflow, pinned to `definition`, with the search attributes ops filter on. */
async function startRun(
  deps: EnrollmentDependencies,
  request: EnrollmentRequest,
  pinned: { version: number; definition: FlowDefinition; flowName: string; kind: string },
  options: { workflowId: string; testMode: boolean; reusePolicy: WorkflowIdReusePolicy },
): Promise<string> {
  // Only the name, for the memo: the contact's engagement is no business of the start.
  const contact = await deps.crm.loadContactSnapshot(request.tenantId, request.contactId, { engagement: false });
  const enrollmentId = randomUUID();
  await deps.temporal.workflow.start<WorkflowContracts['flowRunWorkflow']>(WORKFLOW_NAMES.flowRunWorkflow, {
    taskQueue: deps.taskQueue,
    workflowId: options.workflowId,
    workflowIdReusePolicy: options.reusePolicy,
    args: [
      {
        tenantId: request.tenantId,
        flowId: request.flowId,
        flowVersion: pinned.version,
        flowName: pinned.flowName,
        contactId: request.contactId,
        enrollmentId,
        definition: pinned.definition,
        testMode: options.testMode,
        startedAt: new Date().toISOString(),
      },
    ],
    typedSearchAttributes: [
      { key: runSearchAttributeKeys.TenantId, value: request.tenantId },
      { key: runSearchAttributeKeys.FlowId, value: request.flowId },
      { key: runSearchAttributeKeys.FlowVersion, value: pinned.version },
      { key: runSearchAttributeKeys.LeadId, value: request.contactId },
      { key: runSearchAttributeKeys.NodeId, value: pinned.definition.trigger.id },
      { key: runSearchAttributeKeys.RunKind, value: options.testMode ? 'test' : pinned.kind },
    ],
    memo: { flowName: pinned.flowName, contactName: displayName(contact.fields), source: request.source },
  });
  return enrollmentId;
}

/**
 * Enrolls one contact in the latest published version of a flow. The workflow id is
 * derived from (tenant, flow, contact): Temporal refuses a second open run, and with the
 * "never" re-enrollment policy also a run after the first one ended.
 */
export async function enrollContact(
  deps: EnrollmentDependencies,
  request: EnrollmentRequest,
): Promise<EnrollmentOutcome> {
  const pinned = await getFlowVersion(deps.db, request.tenantId, request.flowId);
  if (pinned.flow.status !== 'active') {
    throw new ConflictError(`flow ${request.flowId} is ${pinned.flow.status}: it takes no new enrollments`);
  }
  const reenrollment = pinned.definition.settings.reenrollment;
  const reenroll = reenrollment.policy === 'after_exit';
  const workflowId = enrollmentWorkflowId(request.tenantId, request.flowId, request.contactId);
  if (reenrollment.policy === 'after_exit' && reenrollment.cooldown) {
    const endedAt = await lastRunEndedAt(deps.db, request.tenantId, request.flowId, request.contactId);
    if (endedAt && addDuration(endedAt, reenrollment.cooldown, { businessDaysOnly: false }) > new Date()) {
      return { status: 'cooling_down', enrollmentId: null, workflowId, version: pinned.version };
    }
  }
  try {
    const enrollmentId = await startRun(
      deps,
      request,
      { version: pinned.version, definition: pinned.definition, flowName: pinned.flow.name, kind: pinned.flow.kind },
      {
        workflowId,
        testMode: false,
        reusePolicy: reenroll ? WorkflowIdReusePolicy.ALLOW_DUPLICATE : WorkflowIdReusePolicy.REJECT_DUPLICATE,
      },
    );
    const unenrolledFrom = await unenrollFromOtherFlows(deps, request);
    return { status: 'started', enrollmentId, workflowId, version: pinned.version, unenrolledFrom };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // Open run: already enrolled. Closed run and policy "never": not re-enrollable.
    const description = await deps.temporal.workflow.getHandle(workflowId).describe();
    const open = description.status.name === 'RUNNING';
    return {
      status: open ? 'already_enrolled' : 'not_reenrollable',
      enrollmentId: null,
      workflowId,
      version: pinned.version,
    };
  }
}

async function lastRunEndedAt(
  db: DataSource,
  tenantId: string,
  flowId: string,
  contactId: string,
): Promise<Date | null> {
  const [row] = (await db.query(
    `SELECT max(ended_at) AS ended_at FROM flow_runs WHERE tenant_id = $1 AND flow_id = $2 AND contact_id = $3 AND NOT test_mode`,
    [tenantId, flowId, contactId],
  )) as Array<{ ended_at: Date | null }>;
  return row?.ended_at ?? null;
}

/**
 * Entering a flow removes the contact from the open runs of flows that ask for it
 * (settings.unenrollOn.enteredFlow: "any" or a list of flow ids). Returns those flows' ids.
 */
async function unenrollFromOtherFlows(deps: EnrollmentDependencies, request: EnrollmentRequest): Promise<string[]> {
  const open = (await deps.db.query(
    `SELECT r.workflow_id, r.flow_id, v.definition->'settings'->'unenrollOn'->'enteredFlow' AS entered_flow
     FROM flow_runs r JOIN flow_versions v ON v.flow_id = r.flow_id AND v.version = r.flow_version
     WHERE r.tenant_id = $1 AND r.contact_id = $2 AND r.flow_id <> $3 AND r.ended_at IS NULL AND NOT r.test_mode`,
    [request.tenantId, request.contactId, request.flowId],
  )) as Array<{ workflow_id: string; flow_id: string; entered_flow: 'any' | string[] | null }>;
  const leaving = open.filter(
    (run) =>
      run.entered_flow === 'any' || (Array.isArray(run.entered_flow) && run.entered_flow.includes(request.flowId)),
  );
  await Promise.all(
    leaving.map(
      (run) =>
        deps.temporal.workflow
          .getHandle(run.workflow_id)
          .signal(unenrollSignal, { reason: 'entered_flow', detail: request.flowId })
          .catch(() => undefined), // the run ended meanwhile: nothing to leave
    ),
  );
  return leaving.map((run) => run.flow_id);
}

/** A test run of the draft (or a given version) against one contact; side effects are captured. */
export async function startTestRun(
  deps: EnrollmentDependencies,
  request: Omit<EnrollmentRequest, 'source'> & {
    version?: number;
    draft?: FlowDefinition;
    flowName: string;
    kind: string;
  },
): Promise<{ enrollmentId: string; workflowId: string }> {
  const pinned = request.draft
    ? { version: 0, definition: request.draft, flowName: request.flowName, kind: request.kind }
    : await getFlowVersion(deps.db, request.tenantId, request.flowId, request.version).then((v) => ({
        version: v.version,
        definition: v.definition,
        flowName: v.flow.name,
        kind: v.flow.kind,
      }));
  const workflowId = testRunWorkflowId(request.tenantId, request.flowId, request.contactId, randomUUID());
  const enrollmentId = await startRun(deps, { ...request, source: 'test' }, pinned, {
    workflowId,
    testMode: true,
    reusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  return { enrollmentId, workflowId };
}
