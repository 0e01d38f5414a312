import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { renderTemplate, type ActionType, type ContactSnapshot } from '@cadenza/core';
import { once, onceInDatabase } from '@cadenza/data';
import type { FlowCrmPort } from '@cadenza/services/flow';
import type { EgressGuard } from '@cadenza/services/net';
import type { KnowledgeSearch } from '@cadenza/services/ai';
import { SendThrottled, textToHtml, type MessagingService } from '@cadenza/services/messaging';
import type { ActionInputOf, FlowActionInput, FlowActionResult } from '../flow-action-input';
import { nodeNotAvailable } from '../node-not-available';
import type { AiActionTools } from '../../ai/ai-flow-actions';
import type { ChatModelSource } from '../../ai/ai-steps';
import type { AgentActionTools } from '../../ai/agent/ai-agent-action';
import type { ReplyTriagerSource } from '../reply-triage/read-reply';

export interface FlowActionDependencies {
  db: DataSource;
  crm: FlowCrmPort;
  /** Starts a run of another flow (enroll_in_flow); provided by the worker. */
  enroll: (request: {
    tenantId: string;
    flowId: string;
    contactId: string;
    source: string;
  }) => Promise<{ enrollmentId: string | null; status: string }>;
  /** Outbound HTTP for http_request, through the worker's egress guard. */
  egress: EgressGuard;
  /** Email, SMS and Slack sending (the communication hub). */
  messaging?: MessagingService;
  /** Chat model for AI steps: the provider the worker's configuration names (chatModelSourceOf). */
  chatModel: ChatModelSource;
  /** Semantic search over the workspace's knowledge, for the agent's knowledge_search tool. */
  knowledge?: KnowledgeSearch;
  /** Reads replies (triage_reply and the run's reply triage); answers null when the worker has no triager. */
  replyTriager: ReplyTriagerSource;
}

/** What every action kind's activity is built from (one shared set per worker). */
export interface ActionTools {
  deps: FlowActionDependencies;
  /**
   * Claims the key, then either captures (test run) or performs the effect. With IN_DATABASE
   * the effect only writes PostgreSQL (CRM changes), so the key is taken at the end of its
   * transaction (onceInDatabase) instead of before it.
   */
  perform: <T>(
    input: FlowActionInput,
    /** Given the transaction that claims the key, so what it reads is read there (sends render inside it). */
    capture: (manager: EntityManager) => Promise<unknown> | unknown,
    effect: Parameters<typeof once<T>>[2],
    options?: { inDatabase?: boolean },
  ) => Promise<FlowActionResult>;
  render: (
    text: string,
    contact: ContactSnapshot,
    input: FlowActionInput,
    encode?: (value: string) => string,
  ) => string;
  actorOf: (input: FlowActionInput) => { kind: 'workflow'; id: string };
  /** The communication hub, or a non-retryable "not available" for a worker without one. */
  messaging: () => MessagingService;
  ai: AiActionTools;
  agent: AgentActionTools;
}

/** One action kind's activity, built over the shared tools; its input is typed by its kind. */
export type ActionActivityFactory<T extends ActionType> = (
  tools: ActionTools,
) => (input: ActionInputOf<T>) => Promise<FlowActionResult>;

export const IN_DATABASE = { inDatabase: true };

export function createActionTools(deps: FlowActionDependencies): ActionTools {
  const { db, crm } = deps;
  const actorOf = (input: FlowActionInput) => ({ kind: 'workflow' as const, id: input.enrollmentId });
  const perform: ActionTools['perform'] = async (input, capture, effect, options = {}) => {
    const claim = {
      key: input.key,
      tenantId: input.tenantId,
      enrollmentId: input.enrollmentId,
      nodeType: input.node.type,
    };
    const run = options.inDatabase ? onceInDatabase : once;
    const record = input.testMode
      ? await run(db, { ...claim, captured: true }, async (manager) => ({ wouldDo: await capture(manager) }))
      : await run(db, { ...claim, captured: false }, effect);
    return { result: record.result, captured: record.captured, performed: record.performed };
  };
  const render: ActionTools['render'] = (text, contact, input, encode) =>
    renderTemplate(text, { contact, steps: input.stepOutputs }, encode ? { encode } : {}).text;
  const messaging = (): MessagingService => {
    if (!deps.messaging) nodeNotAvailable('sending', 'the communication hub (no messaging service in this worker)');
    return deps.messaging!;
  };

  /** A composed (not templated) email, sent once per key through the same path as send_email: an agent's approved draft. */
  const sendComposedEmail: AgentActionTools['sendEmail'] = async (input, email) => {
    const contact = await crm.loadContactSnapshot(input.tenantId, input.contactId);
    const to = typeof contact.fields.email === 'string' ? contact.fields.email : '';
    if (!to) throw ApplicationFailure.nonRetryable(`contact ${input.contactId} has no email address`, 'NoAddress');
    const html = textToHtml(email.text);
    return throttledAsResult(() =>
      perform(
        input,
        () => ({ to, subject: email.subject, html }),
        (manager) =>
          messaging().sendEmail(manager, {
            ...originOf(input),
            to,
            subject: email.subject,
            html,
            trackOpens: true,
            trackClicks: true,
          }),
      ),
    );
  };
  return {
    deps,
    perform,
    render,
    actorOf,
    messaging,
    ai: { crm, db, perform, render, actorOf, chatModel: deps.chatModel },
    agent: {
      db,
      crm,
      render,
      chatModel: deps.chatModel,
      sendEmail: sendComposedEmail,
      enroll: deps.enroll,
      knowledge: deps.knowledge,
    },
  };
}

/**
 * A full mailbox is an answer, not a failure: retrying the activity would burn its attempts
 * (and fail the run) during a long wait, so the workflow gets the time and waits durably.
 */
export async function throttledAsResult(send: () => Promise<FlowActionResult>): Promise<FlowActionResult> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof SendThrottled)) throw error;
    return { result: null, captured: false, performed: false, throttledUntil: error.until.toISOString() };
  }
}

/** Who and what a message belongs to, for the outbox and its idempotency key. */
export const originOf = (input: FlowActionInput) => ({
  tenantId: input.tenantId,
  idempotencyKey: input.key,
  enrollmentId: input.enrollmentId,
  contactId: input.contactId,
});

/** A template that cannot render will not render on a retry either. */
export function renderOrFail<T>(render: () => T): T {
  try {
    return render();
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, 'TemplateInvalid');
  }
}
