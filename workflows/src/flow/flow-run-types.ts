import type { FlowDefinition, RunStatus, StepStatus } from '@cadenza/core';

/** Where a run stands, carried across continue-as-new so the run goes on where it was. */
export interface CarriedState {
  nextNodeId: string | null;
  visits: Record<string, number>;
  stepOutputs: Record<string, Record<string, unknown>>;
  recentSteps: StepRecord[];
  stepsSinceStart: number;
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

export interface FlowRunResult {
  status: Extract<RunStatus, 'completed' | 'unenrolled' | 'cancelled'>;
  exitReason: string | null;
  steps: number;
}
