import { defineQuery, defineSignal } from '@temporalio/workflow';
import type {
  AgentApprovalSignal,
  FlowDefinition,
  InboundEvent,
  RunStatus,
  StepStatus,
  UnenrollReason,
} from '@cadenza/core';

/*
 * The flow run's contract: what a client passes to start it, the signals it answers and the
 * queries it serves. The signal and query names are recorded in Temporal history: they never
 * change, or runs in flight stop hearing them.
 */

/**
 * One step as the run remembers it. Carried through continue-as-new inside Temporal history, so
 * its shape is the workflow's own: the database projection takes it, but does not define it.
 */
export interface StepRecord {
  nodeId: string;
  nodeType: string;
  visit: number;
  status: StepStatus;
  output: string | null;
  result?: unknown;
  error?: string | null;
  startedAt: string;
  endedAt: string | null;
}

/** Where a run stands, carried across continue-as-new so the run goes on where it was. */
export interface CarriedState {
  nextNodeId: string | null;
  visits: Record<string, number>;
  stepOutputs: Record<string, Record<string, unknown>>;
  recentSteps: StepRecord[];
  stepsSinceStart: number;
  /** Inbound events (kind:messageId) the run already received, so a repeat after continue-as-new is still dropped. */
  inboundEventKeys?: string[];
}

export interface FlowRunInput {
  tenantId: string;
  flowId: string;
  flowVersion: number;
  flowName: string;
  contactId: string;
  /** Identity of this enrollment; with node id and visit it keys every side effect. */
  enrollmentId: string;
  /** The version snapshot the run is pinned to: publishing later never changes it. */
  definition: FlowDefinition;
  /** Test runs capture side effects instead of performing them. */
  testMode: boolean;
  startedAt: string;
  /** Safety valve besides Temporal's own suggestion; tests set it low. */
  continueAsNewAfterSteps?: number;
  carried?: CarriedState;
}

export interface FlowRunResult {
  status: Extract<RunStatus, 'completed' | 'unenrolled' | 'cancelled'>;
  exitReason: string | null;
  steps: number;
}

export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const skipWaitSignal = defineSignal('skipWait');
export const cancelSignal = defineSignal<[{ reason: string }]>('cancel');
export const retrySignal = defineSignal('retry');
export const unenrollSignal = defineSignal<[{ reason: UnenrollReason; detail?: string }]>('unenroll');
export const inboundEventSignal = defineSignal<[InboundEvent]>('inboundEvent');
/** A human's decision on an agent's draft (or the API's timeout), for the run waiting on it. */
export const agentApprovalSignal = defineSignal<[AgentApprovalSignal]>('agentApprovalDecision');

export const currentNodeQuery = defineQuery<{ nodeId: string | null; status: string }>('currentNode');
export const stepHistoryQuery = defineQuery<StepRecord[]>('stepHistory');
