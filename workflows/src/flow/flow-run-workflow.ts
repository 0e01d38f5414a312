import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  evaluateCondition,
  findNode,
  nextNodeId,
  sideEffectKey,
  type ContactSnapshot,
  type RunStatus,
} from '@cadenza/core';
import { runSearchAttributeKeys } from '@cadenza/temporal/search-attribute-keys';
import { projections, reads } from './flow-activities';
import type { CarriedState, FlowRunInput, FlowRunResult, StepRecord } from '@cadenza/contracts';
import { RunControls, type RunRest } from './run-controls';
import { readArrivedReplies, replyTriageSettingsOf } from './reply-reading';
import { currentNodeQuery, stepHistoryQuery } from '@cadenza/contracts';
import { STEP_HANDLERS, type StepOutcome } from './step-handlers';

const RECENT_STEPS_KEPT = 50;
/** Runs started before projections became local activities replay with the regular one. */
const LOCAL_PROJECTION_PATCH = 'run-projection-local-activity';
/**
 * Runs started with this patch run database-only steps and the projection as local
 * activities and publish NodeId only where the run rests (see showNode), all on this one
 * marker: each patch costs a marker and a TemporalChangeVersion upsert per run. Runs from
 * before it replay as they were recorded, through the older patches.
 */
export const RUN_SHAPE_PATCH = 'local-steps-node-id-at-rest';
const DEFAULT_CONTINUE_AS_NEW_AFTER = 1000;

const nowIso = () => new Date().toISOString();

/** The reason a failed step gives: the activity's own message, not the wrapper's. */
function failureMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * One enrolled contact walking one pinned version of a flow. Every decision that depends
 * on the outside world comes from an activity result or a signal, so replay is exact.
 */
export async function flowRunWorkflow(input: FlowRunInput): Promise<FlowRunResult> {
  const { definition } = input;
  // First, before any command: a history from before the patch has no marker here.
  const currentShape = patched(RUN_SHAPE_PATCH);
  const controls = new RunControls(
    definition.settings.unenrollOn,
    input.carried?.inboundEventKeys,
    replyTriageSettingsOf(input).enabled,
  );
  controls.install();

  const state: CarriedState = input.carried ?? {
    nextNodeId: nextNodeId(definition, definition.trigger.id),
    visits: {},
    stepOutputs: {},
    recentSteps: [],
    stepsSinceStart: 0,
  };
  let status: RunStatus = 'running';
  let pending: StepRecord[] = [];
  const stepsThisRun: StepRecord[] = [];

  setHandler(currentNodeQuery, () => ({ nodeId: state.nextNodeId, status }));
  setHandler(stepHistoryQuery, () => [...state.recentSteps, ...stepsThisRun].slice(-RECENT_STEPS_KEPT));

  /** The node of the step in progress (or the last one), and the NodeId value Temporal has. */
  let stepNodeId: string | null = null;
  let shownNodeId = workflowInfo().typedSearchAttributes.get(runSearchAttributeKeys.NodeId) ?? null;
  /**
   * Publishes the step's node as NodeId when the run leaves the workflow task for more than
   * a local activity (a regular activity, a wait, a failure, the end). Steps passed within
   * one task are never visible to visibility queries anyway, so upserting each was server
   * work for nothing.
   */
  const showNode = () => {
    if (!currentShape || stepNodeId === null || stepNodeId === shownNodeId) return;
    upsertSearchAttributes([{ key: runSearchAttributeKeys.NodeId, value: stepNodeId }]);
    shownNodeId = stepNodeId;
  };

  const record = (step: StepRecord) => {
    pending.push(step);
    stepsThisRun.push(step);
  };

  /** Writes the run row and buffered step rows; runs even while the workflow is being cancelled. */
  const flush = (exitReason: string | null = null, ended = false) =>
    CancellationScope.nonCancellable(async () => {
      showNode();
      const steps = pending;
      pending = [];
      const local = currentShape || patched(LOCAL_PROJECTION_PATCH);
      const sync = local ? projections.syncRunProjection : reads.syncRunProjection;
      await sync({
        run: {
          enrollmentId: input.enrollmentId,
          tenantId: input.tenantId,
          workflowId: workflowInfo().workflowId,
          flowId: input.flowId,
          flowVersion: input.flowVersion,
          contactId: input.contactId,
          testMode: input.testMode,
          status,
          currentNodeId: ended ? null : state.nextNodeId,
          exitReason,
          startedAt: input.startedAt,
          endedAt: ended ? nowIso() : null,
          restingUntil: ended ? null : (controls.rest?.until ?? null),
          restReason: ended ? null : (controls.rest?.reason ?? null),
        },
        steps,
      });
    });

  const finish = async (final: FlowRunResult['status'], reason: string | null): Promise<FlowRunResult> => {
    status = final;
    await flush(reason, true);
    return { status: final, exitReason: reason, steps: state.stepsSinceStart };
  };

  const goals = definition.nodes.filter((node) => node.type === 'goal');

  /** Reads the replies that arrived and acts on them (reply triage); no command when none did. */
  const readReplies = () => readArrivedReplies({ input, controls, visits: state.visits, record });

  /**
   * Rests while reply triage asks (an out-of-office pause, a "not now" snooze), as "paused" with
   * the date on the run row. A reply arriving meanwhile is read (the person may be back); ops'
   * resume ends the rest, cancel ends the run. A snooze that runs out starts the flow over, as a
   * new enrollment would (visits go on counting, so every side effect gets a key of its own).
   */
  const restWhileAsked = async (): Promise<void> => {
    if (!controls.rest) return;
    const before = status;
    while (controls.rest && !controls.stop) {
      const rest: RunRest = controls.rest;
      status = 'paused';
      await flush();
      const interrupted = await condition(
        () => controls.stop !== null || controls.rest !== rest || controls.unread.length > 0,
        Math.max(1, Date.parse(rest.until) - Date.now()),
      );
      if (controls.unread.length > 0) await readReplies();
      if (interrupted || controls.rest !== rest) continue;
      controls.rest = null;
      if (rest.reason === 'not_now') await startOver();
    }
    status = before;
  };

  /** The flow from its first step again, in a fresh history (the end of a "not now" snooze). */
  const startOver = async (): Promise<never> => {
    await flush();
    state.recentSteps = [...state.recentSteps, ...stepsThisRun].slice(-RECENT_STEPS_KEPT);
    return continueAsNew<typeof flowRunWorkflow>({
      ...input,
      carried: {
        ...state,
        nextNodeId: nextNodeId(definition, definition.trigger.id),
        stepOutputs: {},
        inboundEventKeys: controls.receivedKeys(),
      },
    });
  };

  try {
    while (state.nextNodeId) {
      await readReplies();
      await restWhileAsked();
      controls.applyUnenrollRules();
      if (controls.paused && !controls.stop) {
        status = 'paused';
        await flush();
        await condition(() => !controls.paused || controls.stop !== null);
        status = 'running';
      }
      if (controls.stop) return await finish(controls.stop.status, controls.stop.reason);

      const stepLimit = input.continueAsNewAfterSteps ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
      if (
        workflowInfo().continueAsNewSuggested ||
        state.stepsSinceStart - (input.carried?.stepsSinceStart ?? 0) >= stepLimit
      ) {
        await flush();
        state.recentSteps = [...state.recentSteps, ...stepsThisRun].slice(-RECENT_STEPS_KEPT);
        return await continueAsNew<typeof flowRunWorkflow>({
          ...input,
          carried: { ...state, inboundEventKeys: controls.receivedKeys() },
        });
      }

      let contactCache: ContactSnapshot | undefined;
      const contact = async () =>
        (contactCache ??= await reads.loadContactSnapshot({ tenantId: input.tenantId, contactId: input.contactId }));

      // Goals pull a contact that meets them out of wherever it is in the flow.
      if (goals.length > 0) {
        const snapshot = await contact();
        const reached = goals.find(
          (goal) => goal.id !== state.nextNodeId && evaluateCondition(goal.settings.condition, snapshot, new Date()),
        );
        if (reached) state.nextNodeId = reached.id;
      }

      const node = findNode(definition, state.nextNodeId);
      if (!node)
        throw ApplicationFailure.nonRetryable(
          `node ${state.nextNodeId} is not in flow version ${input.flowVersion}`,
          'BrokenDefinition',
        );
      const visit = (state.visits[node.id] ?? 0) + 1;
      state.visits[node.id] = visit;
      state.stepsSinceStart += 1;
      stepNodeId = node.id;
      if (!currentShape) upsertSearchAttributes([{ key: runSearchAttributeKeys.NodeId, value: node.id }]);

      const startedAt = nowIso();
      const outcome: StepOutcome = await runStepUntilDone(node, visit);
      status = 'running';
      if (outcome.result !== undefined && outcome.result !== null && typeof outcome.result === 'object') {
        state.stepOutputs[node.id] = outcome.result as Record<string, unknown>;
      }
      record({
        nodeId: node.id,
        nodeType: node.type,
        visit,
        status: outcome.captured ? 'captured' : 'completed',
        output: outcome.output,
        result: outcome.result,
        startedAt,
        endedAt: nowIso(),
      });
      if (outcome.end) {
        state.nextNodeId = null;
        return await finish(outcome.end.status, outcome.end.reason);
      }
      const stop = controls.stopRequest();
      if (stop) return await finish(stop.status, stop.reason);
      state.nextNodeId = outcome.output === null ? null : nextNodeId(definition, node.id, outcome.output);
    }
    return await finish('completed', null);
  } catch (error) {
    if (isCancellation(error)) return await finish('cancelled', 'cancelled through Temporal');
    throw error;
  }

  /**
   * Runs a step; when its activity fails for good, the run waits as "failed" at that step
   * until ops retry it (same idempotency key, so nothing is done twice) or cancel it.
   */
  async function runStepUntilDone(node: NonNullable<ReturnType<typeof findNode>>, visit: number): Promise<StepOutcome> {
    const key = sideEffectKey(input.enrollmentId, node.id, visit);
    for (;;) {
      const startedAt = nowIso();
      try {
        const handler = STEP_HANDLERS[node.type] as (
          n: typeof node,
          c: Parameters<(typeof STEP_HANDLERS)['exit']>[1],
        ) => Promise<StepOutcome>;
        return await handler(node, {
          input,
          key,
          controls,
          currentShape,
          showNode,
          readReplies,
          restWhileAsked,
          stepOutputs: state.stepOutputs,
          contact: () => reads.loadContactSnapshot({ tenantId: input.tenantId, contactId: input.contactId }),
          // Stays "waiting" until the step returns, so queries and the projection agree.
          beforeBlocking: async () => {
            status = 'waiting';
            await flush();
          },
        });
      } catch (error) {
        if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
        status = 'failed';
        record({
          nodeId: node.id,
          nodeType: node.type,
          visit,
          status: 'failed',
          output: null,
          error: failureMessage(error),
          startedAt,
          endedAt: nowIso(),
        });
        await flush(failureMessage(error));
        controls.retryRequested = false;
        await condition(() => controls.retryRequested || controls.stop !== null);
        status = 'running';
        if (controls.stop) return { output: null };
      }
    }
  }
}
