import type { FlowDefinition, RunStatus } from '@cadenza/core';
import type { StepProjection } from '@cadenza/data';

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

/** One step as the run reports it to the projection (the projection's own row shape). */
export type StepRecord = StepProjection;

export interface FlowRunResult {
  status: Extract<RunStatus, 'completed' | 'unenrolled' | 'cancelled'>;
  exitReason: string | null;
  steps: number;
}
