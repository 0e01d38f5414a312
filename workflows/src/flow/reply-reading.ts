import { planReplyAct, replyTriageSettingsOrDefaults, sideEffectKey, type ReplyTriageSettings } from '@cadenza/core';
import { ActivityFailure } from '@temporalio/workflow';
import type { FlowRunInput, StepRecord } from '@cadenza/contracts';
import { quickActions, replyReading } from './flow-activities';
import type { RunControls } from './run-controls';

/**
 * Reply triage's pseudo-step: each reading is recorded on the run's step list under this node
 * id (visit 1, 2… per reading), and the visit keys the act the reading leads to.
 */
export const READING_NODE_ID = 'reply-triage';

const nowIso = () => new Date().toISOString();

/**
 * The flow's reply triage settings; definitions saved before triage existed get the defaults.
 * Publish checks them against the schema; zod stays out of the workflow bundle, so here they are
 * only merged over the defaults.
 */
export function replyTriageSettingsOf(input: FlowRunInput): ReplyTriageSettings {
  return replyTriageSettingsOrDefaults(input.definition.settings.replyTriage);
}

/** Turns an activity's final failure into `fallback`; anything else (a cancellation) goes on up. */
const unlessActivityFailure =
  <T>(fallback: T) =>
  (error: unknown): T => {
    if (error instanceof ActivityFailure) return fallback;
    throw error;
  };

export interface ReplyReadingContext {
  input: FlowRunInput;
  controls: RunControls;
  visits: Record<string, number>;
  record: (step: StepRecord) => void;
}

/**
 * Reads every reply and automatic reply that arrived (oldest first) and acts on each: an
 * activity reads it once (the verdict is stored on the message event), `planReplyAct` decides,
 * an activity keyed by enrollment and reading performs the act; then the run is told what to do
 * next: rest (out of office, not now), stop (unsubscribe, wrong person), or keep the reply for
 * the flow's own rules. A reply that cannot be read (no triager, no text) follows those rules
 * as before triage. Returns at once when nothing arrived, issuing no command.
 */
export async function readArrivedReplies(context: ReplyReadingContext): Promise<void> {
  const { input, controls } = context;
  const settings = replyTriageSettingsOf(input);
  const timezone = input.definition.settings.sendingWindow?.timezone ?? 'UTC';
  while (controls.unread.length > 0) {
    const event = controls.unread.shift()!;
    const visit = (context.visits[READING_NODE_ID] ?? 0) + 1;
    context.visits[READING_NODE_ID] = visit;
    const startedAt = nowIso();
    // A reading that fails for good (ten attempts) leaves the reply to the flow's own rules.
    const reading = await replyReading
      .readInboundReply({ tenantId: input.tenantId, messageId: event.messageId, eventKind: event.kind })
      .catch(unlessActivityFailure({ unread: 'failed' as const }));
    const step = { nodeId: READING_NODE_ID, nodeType: 'reply_triage', visit, status: 'completed' as const, startedAt };
    if ('unread' in reading) {
      if (event.kind === 'reply') controls.keep(event);
      context.record({ ...step, output: 'unread', result: { event, unread: reading.unread }, endedAt: nowIso() });
      continue;
    }
    const plan = planReplyAct(reading.triage, event.kind, settings, new Date(reading.receivedAt), timezone);
    const done =
      plan.act.act === 'none'
        ? null
        : await quickActions
            .actOnInboundReply({
              key: sideEffectKey(input.enrollmentId, READING_NODE_ID, visit),
              tenantId: input.tenantId,
              enrollmentId: input.enrollmentId,
              contactId: input.contactId,
              messageId: event.messageId,
              testMode: input.testMode,
              act: plan.act,
            })
            .catch(unlessActivityFailure(null));
    if (plan.act.act !== 'none' && done === null) {
      // The act failed for good: nothing is assumed done, and the reply follows the flow's own rules.
      if (event.kind === 'reply') controls.keep(event);
      context.record({
        ...step,
        status: 'failed',
        output: plan.act.act,
        result: { event, triage: reading.triage, act: plan.act },
        error: 'the act on this reply failed after its retries',
        endedAt: nowIso(),
      });
      continue;
    }
    const act = plan.act;
    if (act.act === 'pause') controls.rest = { until: act.until, reason: 'out_of_office' };
    else if (act.act === 'snooze') controls.rest = { until: act.until, reason: 'not_now' };
    else if (act.act === 'unsubscribe')
      controls.stop ??= { status: 'unenrolled', reason: 'unsubscribe: asked in a reply' };
    else if (act.act === 'refer') controls.stop ??= { status: 'unenrolled', reason: 'reply: wrong person' };
    // A person answering (anything but an absence or a snooze) is around: a rest in progress ends.
    if (event.kind === 'reply' && act.act !== 'pause' && act.act !== 'snooze') controls.rest = null;
    if (plan.countsAsReply) controls.keep(event);
    context.record({
      ...step,
      output: act.act,
      result: { event, triage: reading.triage, act, done: done?.result ?? null },
      status: done?.captured ? 'captured' : 'completed',
      endedAt: nowIso(),
    });
  }
}
