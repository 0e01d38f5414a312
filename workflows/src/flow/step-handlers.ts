import { condition, patched } from '@temporalio/workflow';
import {
  addDuration,
  chooseVariant,
  contactTimezone,
  evaluateCondition,
  nextSendingTime,
  triageReplyOutput,
  waitWakeTime,
  type TriageReplyReading,
  type ContactSnapshot,
  type InboundEvent,
  NODE_KINDS,
  type ActionType,
  type NodeOfType,
  type StepNode,
} from '@cadenza/core';
import type { ActionInputOf, FlowActionResult } from '@cadenza/activities';
import { localQuickActions, quickActions, sendActions, slowActions } from './flow-activities';
import type { FlowRunInput } from '@cadenza/contracts';
import type { RunControls } from './run-controls';
import { aiAgentStep } from './ai-agent-step';

/** What a step decided: the output to follow (null ends the run) and what it produced. */
export interface StepOutcome {
  output: string | null;
  result?: unknown;
  captured?: boolean;
  /** Ends the run with this status and reason instead of following an output. */
  end?: { status: 'completed' | 'unenrolled'; reason: string };
}

export interface StepContext {
  input: FlowRunInput;
  key: string;
  controls: RunControls;
  /** The run was started with RUN_SHAPE_PATCH (false when replaying a history from before it). */
  currentShape: boolean;
  /** Publishes this step's node as NodeId; called before anything that leaves the workflow task but a local activity. */
  showNode: () => void;
  /** Reads replies that arrived (reply triage) and acts on them; may ask for a rest or a stop. */
  readReplies: () => Promise<void>;
  /** Rests while reply triage asks (out of office, not now); returns at once otherwise. */
  restWhileAsked: () => Promise<void>;
  stepOutputs: Record<string, Record<string, unknown>>;
  /** The contact as it is now, read through an activity (cached within the step). */
  contact: () => Promise<ContactSnapshot>;
  /** Reports "waiting at this node" before blocking, so live views show where the run is. */
  beforeBlocking: () => Promise<void>;
}

type Handler<T extends StepNode['type']> = (
  node: NodeOfType<T> & StepNode,
  context: StepContext,
) => Promise<StepOutcome>;

/** An action kind's activity as the workflow calls it: typed by the kind, so no other kind's activity fits. */
type ActionActivity<T extends ActionType> = (input: ActionInputOf<T>) => Promise<FlowActionResult>;
/** The activity proxies, one per timeout class (see flow-activities). */
type ActionProxy = typeof quickActions;

/** Runs that scheduled database-only actions as regular activities before the change replay them as such. */
const LOCAL_DATABASE_ACTIONS_PATCH = 'database-actions-local-activities';

async function waitForSendingWindow(context: StepContext): Promise<void> {
  const window = context.input.definition.settings.sendingWindow;
  if (!window) return;
  const contact = window.useContactTimezone ? await context.contact() : undefined;
  const opensAt = nextSendingTime(new Date(), window, timezoneOf(contact));
  const delay = opensAt.getTime() - Date.now();
  if (delay > 0) {
    await context.beforeBlocking();
    await condition(() => context.controls.stop !== null, delay);
  }
}

const timezoneOf = (contact: ContactSnapshot | undefined): string | null => (contact ? contactTimezone(contact) : null);

/**
 * The step of an action kind: its activity, picked from the proxy of the timeout class it needs
 * (how long one attempt may take), run as a local activity when the kind is database-only.
 */
const action =
  <T extends ActionType>(
    timeout: 'quick' | 'send' | 'slow',
    activityOf: (proxy: ActionProxy) => ActionActivity<T>,
  ): Handler<T> =>
  async (node, context) => {
    const step: StepNode = node;
    const kind = NODE_KINDS[step.type];
    if (kind.sends) await waitForSendingWindow(context);
    if (context.controls.stop) return { output: null };
    const local = kind.databaseOnly === true && (context.currentShape || patched(LOCAL_DATABASE_ACTIONS_PATCH));
    if (!local) context.showNode();
    const activity = activityOf(local ? localQuickActions : PROXIES[timeout]);
    // A throttled send claimed nothing: wait (durably, a timer) until the slot it was given,
    // then call again with the same key, so a retried or replayed step still sends once.
    for (;;) {
      const { result, captured, throttledUntil } = await activity({
        key: context.key,
        tenantId: context.input.tenantId,
        enrollmentId: context.input.enrollmentId,
        flowId: context.input.flowId,
        contactId: context.input.contactId,
        testMode: context.input.testMode,
        node,
        stepOutputs: context.stepOutputs,
      });
      if (!throttledUntil) return { output: 'next', result, captured };
      // skip-wait lets an operator try again now (e.g. after raising the mailbox's limit).
      context.controls.skipWaitRequested = false;
      await context.beforeBlocking();
      await condition(
        () => context.controls.stop !== null || context.controls.skipWaitRequested,
        Math.max(1, Date.parse(throttledUntil) - Date.now()),
      );
      context.controls.skipWaitRequested = false;
      if (context.controls.stop) return { output: null };
    }
  };

const PROXIES: Record<'quick' | 'send' | 'slow', ActionProxy> = {
  quick: quickActions,
  send: sendActions,
  slow: slowActions,
};

const matchesEvent = (wanted: NodeOfType<'wait_for_event'>['settings']['event']) => (event: InboundEvent) => {
  if (event.kind !== wanted.kind) return false;
  if (wanted.kind === 'click' && wanted.urlContains)
    return event.kind === 'click' && (event.url ?? '').includes(wanted.urlContains);
  if (wanted.kind === 'stage_change' && wanted.toStage)
    return event.kind === 'stage_change' && event.stage === wanted.toStage;
  if (wanted.kind === 'custom') return event.kind === 'custom' && event.name === wanted.name;
  return true;
};

/**
 * Step logic per node kind, one line per kind. Control kinds decide in the workflow
 * (deterministically, from activity results and signals); action kinds call their activity,
 * named after the kind. A mapped type, so a new kind that is not wired here fails to compile.
 */
export const STEP_HANDLERS: { [T in StepNode['type']]: Handler<T> } = {
  send_email: action('send', (proxy) => proxy.flowSendEmail),
  send_sms: action('send', (proxy) => proxy.flowSendSms),
  notify_slack: action('send', (proxy) => proxy.flowNotifySlack),
  create_task: action('quick', (proxy) => proxy.flowCreateTask),
  update_field: action('quick', (proxy) => proxy.flowUpdateField),
  add_tag: action('quick', (proxy) => proxy.flowAddTag),
  remove_tag: action('quick', (proxy) => proxy.flowRemoveTag),
  http_request: action('quick', (proxy) => proxy.flowHttpRequest),
  enroll_in_flow: action('quick', (proxy) => proxy.flowEnrollInFlow),
  llm_generate: action('slow', (proxy) => proxy.flowLlmGenerate),
  ai_agent: aiAgentStep,
  score_lead: action('slow', (proxy) => proxy.flowScoreLead),
  ai_summarize_timeline: action('slow', (proxy) => proxy.flowAiSummarizeTimeline),
  ai_extract_fields: action('slow', (proxy) => proxy.flowAiExtractFields),
  async triage_reply(node, context) {
    const outcome = await action('slow', (proxy) => proxy.flowTriageReply)(node, context);
    if (outcome.output === null) return outcome;
    const reading = outcome.result as TriageReplyReading;
    return { ...outcome, output: triageReplyOutput(context.input.definition, node.id, reading) };
  },

  async wait(node, context) {
    const settings = node.settings;
    const window = context.input.definition.settings.sendingWindow;
    const needsContact = settings.mode === 'until_field' || (window?.useContactTimezone ?? false);
    const contact = needsContact ? await context.contact() : undefined;
    const timezone = timezoneOf(contact) ?? window?.timezone;
    const wake = waitWakeTime(
      settings,
      new Date(),
      contact ?? EMPTY_CONTACT(context.input.contactId),
      timezone ?? undefined,
    );
    if ('error' in wake) return { output: 'next', result: { skipped: wake.error } };
    // A wait that ends outside the sending window resumes at its next opening.
    const resumeAt = nextSendingTime(wake, window, timezoneOf(contact));
    context.controls.skipWaitRequested = false;
    await context.beforeBlocking();
    const until = await waitOutReplies(context, resumeAt, () => context.controls.skipWaitRequested);
    const skipped = context.controls.skipWaitRequested;
    context.controls.skipWaitRequested = false;
    return { output: 'next', result: { until: until.toISOString(), skipped } };
  },

  async wait_for_event(node, context) {
    const { event, timeout } = node.settings;
    const matches = matchesEvent(event);
    let received = context.controls.take(matches);
    if (!received) {
      await context.beforeBlocking();
      const deadline = addDuration(new Date(), timeout, { businessDaysOnly: false });
      await waitOutReplies(
        context,
        deadline,
        () => context.controls.events.some(matches) || context.controls.skipWaitRequested,
        // Kept as before reply triage: no floor under the timeout.
        (ms) => ms,
      );
      received = context.controls.take(matches);
      context.controls.skipWaitRequested = false;
    }
    if (context.controls.stop) return { output: null };
    return received
      ? { output: 'next', result: { event: received } }
      : { output: 'timeout', result: { timedOut: true } };
  },

  async branch(node, context) {
    const matched = evaluateCondition(node.settings.condition, await context.contact(), new Date());
    return { output: matched ? 'yes' : 'no', result: { matched } };
  },

  async ab_split(node, context) {
    // Seeded by flow, node and contact: the same contact always takes the same way through this split.
    const variant = chooseVariant(
      node.settings.variants,
      `${context.input.flowId}:${node.id}:${context.input.contactId}`,
    );
    return { output: variant, result: { variant } };
  },

  async goal(node, context) {
    const unenroll = context.input.definition.settings.unenrollOn.goalMet;
    return unenroll
      ? {
          output: null,
          result: { goal: node.settings.name },
          end: { status: 'unenrolled', reason: `goal_met: ${node.settings.name}` },
        }
      : { output: 'next', result: { goal: node.settings.name } };
  },

  async exit(node) {
    return { output: null, result: {}, end: { status: 'completed', reason: node.settings.reason ?? 'exit' } };
  },
};

/**
 * Waits until `until`, or until `done()` or a stop. A reply arriving meanwhile is read (reply
 * triage) without ending the wait; an out-of-office rest it asks for stops the wait's clock,
 * which goes on afterwards with the time it had left. Answers when the wait would now end. Runs
 * without reply triage (and histories from before it) never see an unread reply, so their
 * commands are one timer, as before.
 */
async function waitOutReplies(
  context: StepContext,
  until: Date,
  done: () => boolean,
  timeoutOf: (ms: number) => number = (ms) => Math.max(0, ms),
): Promise<Date> {
  const { controls } = context;
  let end = until.getTime();
  for (;;) {
    await condition(() => done() || controls.stop !== null || controls.unread.length > 0, timeoutOf(end - Date.now()));
    if (done() || controls.stop !== null || controls.unread.length === 0) return new Date(end);
    const left = end - Date.now();
    await context.readReplies();
    if (controls.rest) {
      await context.restWhileAsked();
      end = Date.now() + Math.max(0, left);
      await context.beforeBlocking();
    }
  }
}

const EMPTY_CONTACT = (id: string): ContactSnapshot => ({ id, fields: {}, engagement: {}, score: null });
