import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { ConflictError, enrollmentWorkflowId, testRunWorkflowId, type FlowDefinition } from '@cadenza/core';
import { runSearchAttributeKeys } from '@cadenza/temporal/search-attribute-keys';
import type { flowRunWorkflow } from '@cadenza/workflows';
import { getFlowVersion } from '../data/flows/flows-repository';
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
  | { status: 'started'; enrollmentId: string; workflowId: string; version: number }
  | { status: 'already_enrolled' | 'not_reenrollable'; enrollmentId: null; workflowId: string; version: number };

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
  const contact = await deps.crm.loadContactSnapshot(request.tenantId, request.contactId);
  const enrollmentId = randomUUID();
  await deps.temporal.workflow.start<typeof flowRunWorkflow>('flowRunWorkflow', {
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
  const reenroll = pinned.definition.settings.reenrollment.policy === 'after_exit';
  const workflowId = enrollmentWorkflowId(request.tenantId, request.flowId, request.contactId);
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
    return { status: 'started', enrollmentId, workflowId, version: pinned.version };
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
