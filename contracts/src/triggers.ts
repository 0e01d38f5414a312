import { defineQuery, defineSignal } from '@temporalio/workflow';

export interface TriggerDispatcherInput {
  tenantId: string;
  /** Seq of the last event already handled; the next page starts after it. */
  cursor: number;
  /** Sleep between polls when the log has nothing new, unless poked. */
  idleSeconds?: number;
  /** Polls per run before continuing as new, keeping the history short. */
  roundsPerRun?: number;
}

export interface TriggerDispatcherResult {
  cursor: number;
  stopped: 'no_event_triggered_flows';
}

/** New events are in the log: poll now instead of after the idle sleep. */
export const dispatcherPokeSignal = defineSignal('poke');
export const dispatcherCursorQuery = defineQuery<number>('cursor');

export interface ScheduledEnrollmentInput {
  tenantId: string;
  flowId: string;
}

export interface ScheduledEnrollmentResult {
  /** False when the flow was no longer active (or no longer scheduled) at the tick. */
  active: boolean;
  matched: number;
  started: number;
  alreadyEnrolled: number;
  skipped: number;
  failed: number;
}
