import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
  WorkflowNotFoundError,
} from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { latestEventSeq } from '@cadenza/data';
import { getFlowVersion } from '@cadenza/data';
import { EVENT_TRIGGER_TYPES } from './event-trigger-match';
import {
  ConflictError,
  type NodeOfType,
  flowScheduleId,
  scheduledEnrollmentWorkflowId,
  TRIGGER_DISPATCHER_MEMO,
  triggerDispatcherWorkflowId,
  triggerSourceOf,
  triggerTypesEnrolledBy,
} from '@cadenza/core';
import { listTriggerFlows } from './trigger-flows';
import { dispatcherPokeSignal, WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';

export interface TriggerSyncDependencies {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
}

export type DispatcherOutcome = 'signalled' | 'idle';
export type ScheduleOutcome = 'created' | 'updated' | 'paused' | 'deleted' | 'absent';

export interface TriggerSyncOutcome {
  dispatcher?: DispatcherOutcome;
  schedule?: ScheduleOutcome;
}

/**
 * The last cursor of the tenant's dispatcher (running or stopped), which it keeps in its memo:
 * describe() reads it without a worker, so a terminated dispatcher resumes where it was.
 */
async function previousCursor(deps: TriggerSyncDependencies, tenantId: string): Promise<number | null> {
  try {
    const description = await deps.temporal.workflow.getHandle(triggerDispatcherWorkflowId(tenantId)).describe();
    const cursor = description.memo?.[TRIGGER_DISPATCHER_MEMO.cursor];
    return typeof cursor === 'number' ? cursor : null;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

/**
 * Starts the tenant's trigger dispatcher, or pokes the running one. A fresh dispatcher starts
 * after every event it has already handled and after every event older than the tenant's
 * active event-triggered flows: nothing before that can match, nothing after it is skipped.
 */
export async function ensureTriggerDispatcher(
  deps: TriggerSyncDependencies,
  tenantId: string,
): Promise<DispatcherOutcome> {
  const flows = await listTriggerFlows(deps.db, { tenantId, triggerTypes: EVENT_TRIGGER_TYPES });
  if (flows.length === 0) return 'idle';
  const armed = flows.map((flow) => flow.armedSeq);
  // Activation events pruned from the log: start live rather than replay the retained history.
  const floor = armed.includes(null)
    ? await latestEventSeq(deps.db.manager, tenantId)
    : Math.min(...(armed as number[]));
  const cursor = Math.max(floor, (await previousCursor(deps, tenantId)) ?? 0);
  await deps.temporal.workflow.signalWithStart<WorkflowContracts['triggerDispatcherWorkflow'], []>(
    WORKFLOW_NAMES.triggerDispatcherWorkflow,
    {
      taskQueue: deps.taskQueue,
      workflowId: triggerDispatcherWorkflowId(tenantId),
      args: [{ tenantId, cursor }],
      signal: dispatcherPokeSignal,
      signalArgs: [],
    },
  );
  return 'signalled';
}

function scheduleOf(
  deps: TriggerSyncDependencies,
  tenantId: string,
  flowId: string,
  trigger: NodeOfType<'schedule'>,
): { spec: ScheduleSpec; action: ScheduleOptionsAction } {
  return {
    spec: { cronExpressions: [trigger.settings.cron], timezone: trigger.settings.timezone },
    action: {
      type: 'startWorkflow',
      workflowType: 'scheduledEnrollmentWorkflow',
      taskQueue: deps.taskQueue,
      workflowId: scheduledEnrollmentWorkflowId(tenantId, flowId),
      args: [{ tenantId, flowId }],
    },
  };
}

async function deleteSchedule(deps: TriggerSyncDependencies, scheduleId: string): Promise<ScheduleOutcome> {
  try {
    await deps.temporal.schedule.getHandle(scheduleId).delete();
    return 'deleted';
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return 'absent';
    throw error;
  }
}

/** Creates the schedule, or brings an existing one to the latest cron, timezone and state. */
async function upsertSchedule(
  deps: TriggerSyncDependencies,
  tenantId: string,
  flowId: string,
  trigger: NodeOfType<'schedule'>,
  paused: boolean,
): Promise<ScheduleOutcome> {
  const scheduleId = flowScheduleId(tenantId, flowId);
  const { spec, action } = scheduleOf(deps, tenantId, flowId, trigger);
  const note = paused ? 'flow paused' : 'flow active';
  try {
    await deps.temporal.schedule.create({
      scheduleId,
      spec,
      action,
      // A tick that finds the previous one still enrolling waits its turn rather than piling up.
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE },
      state: { paused, note },
    });
    return paused ? 'paused' : 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = deps.temporal.schedule.getHandle(scheduleId);
  await handle.update((previous) => ({ ...previous, spec, action }));
  const description = await handle.describe();
  if (paused && !description.state.paused) await handle.pause(note);
  if (!paused && description.state.paused) await handle.unpause(note);
  return paused ? 'paused' : 'updated';
}

/**
 * Brings the Temporal side of a flow's trigger in line with the flow: called after publish,
 * activate, pause and archive, and at worker boot. Idempotent, so calling it again repairs
 * whatever an earlier failed call left behind.
 */
export async function syncFlowTrigger(
  deps: TriggerSyncDependencies,
  tenantId: string,
  flowId: string,
): Promise<TriggerSyncOutcome> {
  let pinned;
  try {
    pinned = await getFlowVersion(deps.db, tenantId, flowId);
  } catch (error) {
    // Never published: nothing runs on Temporal for it yet.
    if (error instanceof ConflictError) return {};
    throw error;
  }
  const { trigger } = pinned.definition;
  const status = pinned.flow.status;
  // What runs on Temporal follows from how the trigger kind enrolls (its kind's enrolledBy).
  const source = triggerSourceOf(trigger.type);
  const outcome: TriggerSyncOutcome = {};
  if (source === 'schedule' && trigger.type === 'schedule' && (status === 'active' || status === 'paused')) {
    outcome.schedule = await upsertSchedule(deps, tenantId, flowId, trigger, status === 'paused');
  } else {
    // Archived, or republished with another trigger: no tick may enroll any more.
    outcome.schedule = await deleteSchedule(deps, flowScheduleId(tenantId, flowId));
  }
  if (source === 'event' && status === 'active') {
    outcome.dispatcher = await ensureTriggerDispatcher(deps, tenantId);
  }
  return outcome;
}

/**
 * At worker boot: every dispatcher and schedule the database says should exist, so a lost
 * API call or a dispatcher that died is repaired without anyone touching the flow.
 */
export async function reconcileFlowTriggers(deps: TriggerSyncDependencies): Promise<number> {
  const flows = await listTriggerFlows(deps.db, {
    triggerTypes: triggerTypesEnrolledBy('event', 'schedule'),
    statuses: ['active', 'paused'],
  });
  const dispatched = new Set<string>();
  for (const flow of flows) {
    if (triggerSourceOf(flow.trigger.type) === 'schedule') {
      await syncFlowTrigger(deps, flow.tenantId, flow.flowId);
    } else if (flow.status === 'active' && !dispatched.has(flow.tenantId)) {
      dispatched.add(flow.tenantId);
      await ensureTriggerDispatcher(deps, flow.tenantId);
    }
  }
  return flows.length;
}

/**
 * For the publish/activate/pause/archive routes: applies the change, then the trigger side.
 * A failed sync fails the request (the change stays); repeating the call repairs it.
 */
export async function withTriggerSync<T>(
  deps: TriggerSyncDependencies,
  tenantId: string,
  flowId: string,
  change: Promise<T>,
): Promise<T> {
  const result = await change;
  await syncFlowTrigger(deps, tenantId, flowId);
  return result;
}
