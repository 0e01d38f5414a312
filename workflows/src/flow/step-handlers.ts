import { condition, patched } from '@temporalio/workflow';
import {
  addDuration,
  chooseVariant,
  contactTimezone,
  evaluateCondition,
  nextSendingTime,
  waitWakeTime,
  type ContactSnapshot,
  type InboundEvent,
  type NodeOfType,
  type StepNode,
} from '@cadenza/core';
import type { Activities } from '@cadenza/activities';
import { localQuickActions, quickActions, sendActions, slowActions } from './flow-activities';
import type { FlowRunInput } from '../contracts';
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
type ActionType = Exclude<StepNode['type'], 'wait' | 'wait_for_event' | 'branch' | 'ab_split' | 'goal' | 'exit'>;

/** The activity that performs each action kind, and how long one attempt may take. */
const ACTION_ACTIVITY: Record<ActionType, { name: keyof Activities; proxy: typeof quickActions }> = {
  send_email: { name: 'flowSendEmail', proxy: sendActions },
  send_sms: { name: 'flowSendSms', proxy: sendActions },
  notify_slack: { name: 'flowNotifySlack', proxy: sendActions },
  create_task: { name: 'flowCreateTask', proxy: quickActions },
  update_field: { name: 'flowUpdateField', proxy: quickActions },
  add_tag: { name: 'flowAddTag', proxy: quickActions },
  remove_tag: { name: 'flowRemoveTag', proxy: quickActions },
  http_request: { name: 'flowHttpRequest', proxy: quickActions },
  enroll_in_flow: { name: 'flowEnrollInFlow', proxy: quickActions },
  llm_generate: { name: 'flowLlmGenerate', proxy: slowActions },
  ai_agent: { name: 'flowAiAgent', proxy: slowActions },
  score_lead: { name: 'flowScoreLead', proxy: slowActions },
  ai_summarize_timeline: { name: 'flowAiSummarizeTimeline', proxy: slowActions },
  ai_extract_fields: { name: 'flowAiExtractFields', proxy: slowActions },
};

/** Actions that only write PostgreSQL (see localQuickActions); everything reaching other systems stays a regular activity. */
const DATABASE_ONLY: ReadonlySet<ActionType> = new Set(['update_field', 'add_tag', 'remove_tag', 'create_task']);
/** Runs that scheduled these as regular activities before the change replay them as such. */
const LOCAL_DATABASE_ACTIONS_PATCH = 'database-actions-local-activities';

/** Message kinds whose send must respect the flow's sending window. */
const SENDS: ReadonlySet<StepNode['type']> = new Set(['send_email', 'send_sms']);

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

const action =
  <T extends ActionType>(type: T): Handler<T> =>
  async (node, context) => {
    if (SENDS.has(type)) await waitForSendingWindow(context);
    if (context.controls.stop) return { output: null };
    const { name, proxy } = ACTION_ACTIVITY[type];
    const local = DATABASE_ONLY.has(type) && (context.currentShape || patched(LOCAL_DATABASE_ACTIONS_PATCH));
    if (!local) context.showNode();
    const activity = (local ? localQuickActions : proxy)[name] as (
      input: unknown,
    ) => Promise<{ result: unknown; captured: boolean; throttledUntil?: string }>;
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
 * Step logic per node kind. Control kinds decide in the workflow (deterministically, from
 * activity results and signals); action kinds call their activity. A Record, so a new
 * node kind that is not wired here fails to compile.
 */
export const STEP_HANDLERS: { [T in StepNode['type']]: Handler<T> } = {
  send_email: action('send_email'),
  send_sms: action('send_sms'),
  notify_slack: action('notify_slack'),
  create_task: action('create_task'),
  update_field: action('update_field'),
  add_tag: action('add_tag'),
  remove_tag: action('remove_tag'),
  http_request: action('http_request'),
  enroll_in_flow: action('enroll_in_flow'),
  llm_generate: action('llm_generate'),
  ai_agent: aiAgentStep,
  score_lead: action('score_lead'),
  ai_summarize_timeline: action('ai_summarize_timeline'),
  ai_extract_fields: action('ai_extract_fields'),

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
    await condition(
      () => context.controls.skipWaitRequested || context.controls.stop !== null,
      Math.max(0, resumeAt.getTime() - Date.now()),
    );
    const skipped = context.controls.skipWaitRequested;
    context.controls.skipWaitRequested = false;
    return { output: 'next', result: { until: resumeAt.toISOString(), skipped } };
  },

  async wait_for_event(node, context) {
    const { event, timeout } = node.settings;
    const matches = matchesEvent(event);
    let received = context.controls.take(matches);
    if (!received) {
      await context.beforeBlocking();
      const ms = addDuration(new Date(), timeout, { businessDaysOnly: false }).getTime() - Date.now();
      await condition(
        () =>
          context.controls.events.some(matches) || context.controls.skipWaitRequested || context.controls.stop !== null,
        ms,
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

const EMPTY_CONTACT = (id: string): ContactSnapshot => ({ id, fields: {}, engagement: {}, score: null });
