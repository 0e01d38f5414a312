import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addDuration,
  bodyIsJson,
  escapeJsonStringContent,
  headerProblem,
  renderTemplate,
  type ContactSnapshot,
} from '@cadenza/core';
import { once, onceInDatabase } from '@cadenza/data';
import { loadTemplateRecords } from '@cadenza/data';
import type { ActionInputOf, FlowActionInput, FlowActionResult } from './flow-action-input';
import type { FlowCrmPort } from '@cadenza/services/flow';
import type { EgressGuard } from '@cadenza/services/net';
import { nodeNotAvailable } from './node-not-available';
import type { MessagingService } from '@cadenza/services/messaging';
import { renderMessageTemplate } from '@cadenza/services/messaging';
import { templateContextOf } from '@cadenza/services/messaging';
import { SendThrottled } from '@cadenza/services/messaging';
import { looksLikeHtml, plainToHtml, textToHtml } from '@cadenza/services/messaging';
import { aiScoreLeadAction, llmGenerateAction, type AiActionTools } from '../ai/ai-flow-actions';
import type { ChatModelSource } from '../ai/ai-steps';
import { extractFieldsAction, summarizeTimelineAction } from '../ai/ai-insight-actions';
import {
  aiAgentAction,
  aiAgentResumeAction,
  type AgentActionTools,
  type AgentResumeInput,
  type AgentStepInput,
} from '../ai/agent/ai-agent-action';

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
}

const HTTP_TIMEOUT_MS = 15_000;

/**
 * One activity per action kind, each performing its side effect at most once per key.
 * A test run captures what would have happened instead (status "captured").
 */
export function createFlowActionActivities(deps: FlowActionDependencies) {
  const { db, crm } = deps;
  const actorOf = (input: FlowActionInput) => ({ kind: 'workflow' as const, id: input.enrollmentId });

  /**
   * Claims the key, then either captures (test run) or performs the effect. `inDatabase`:
   * the effect only writes PostgreSQL (CRM changes), so the key can be taken at the end of
   * its transaction (onceInDatabase) instead of before it.
   */
  const perform = async <T>(
    input: FlowActionInput,
    /** Given the transaction that claims the key, so what it reads is read there (sends render inside it). */
    capture: (manager: EntityManager) => Promise<unknown> | unknown,
    effect: Parameters<typeof once<T>>[2],
    options: { inDatabase?: boolean } = {},
  ): Promise<FlowActionResult> => {
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
  const inDatabase = { inDatabase: true };

  const render = (text: string, contact: ContactSnapshot, input: FlowActionInput, encode?: (value: string) => string) =>
    renderTemplate(text, { contact, steps: input.stepOutputs }, encode ? { encode } : {}).text;
  const aiTools: AiActionTools = { crm, db, perform, render, actorOf, chatModel: deps.chatModel };

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
          messagingOf(deps).sendEmail(manager, {
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
  const agentTools: AgentActionTools = { db, crm, render, chatModel: deps.chatModel, sendEmail: sendComposedEmail };

  return {
    async flowUpdateField(input: ActionInputOf<'update_field'>): Promise<FlowActionResult> {
      const { field, value } = input.node.settings;
      // Only a value with placeholders needs the contact (two queries) to render.
      const resolved =
        typeof value === 'string' && value.includes('{{')
          ? render(value, await crm.loadContactSnapshot(input.tenantId, input.contactId), input)
          : value;
      return perform(
        input,
        () => ({ field, value: resolved }),
        (manager) => crm.setContactField(manager, input.tenantId, input.contactId, field, resolved, actorOf(input)),
        inDatabase,
      );
    },

    async flowAddTag(input: ActionInputOf<'add_tag'>): Promise<FlowActionResult> {
      const { tag } = input.node.settings;
      return perform(
        input,
        () => ({ addTag: tag }),
        (manager) => crm.changeTags(manager, input.tenantId, input.contactId, { add: [tag] }, actorOf(input)),
        inDatabase,
      );
    },

    async flowRemoveTag(input: ActionInputOf<'remove_tag'>): Promise<FlowActionResult> {
      const { tag } = input.node.settings;
      return perform(
        input,
        () => ({ removeTag: tag }),
        (manager) => crm.changeTags(manager, input.tenantId, input.contactId, { remove: [tag] }, actorOf(input)),
        inDatabase,
      );
    },

    async flowCreateTask(input: ActionInputOf<'create_task'>): Promise<FlowActionResult> {
      const settings = input.node.settings;
      const contact = await crm.loadContactSnapshot(input.tenantId, input.contactId);
      const task = {
        contactId: input.contactId,
        title: render(settings.title, contact, input),
        notes: settings.notes ? render(settings.notes, contact, input) : undefined,
        assigneeId: settings.assigneeId,
        priority: settings.priority,
        dueAt: settings.dueIn
          ? addDuration(new Date(), settings.dueIn, { businessDaysOnly: false }).toISOString()
          : undefined,
      };
      return perform(
        input,
        () => task,
        async (manager) => ({
          ...(await crm.createTask(manager, input.tenantId, task, actorOf(input))),
          notes: task.notes,
          priority: task.priority,
        }),
        inDatabase,
      );
    },

    async flowScoreLead(input: ActionInputOf<'score_lead'>): Promise<FlowActionResult> {
      const settings = input.node.settings;
      if (settings.method === 'ai') return aiScoreLeadAction(input, settings.criteria, aiTools);
      const points = settings.method === 'points' ? settings.points : 0;
      return perform(
        input,
        () => ({ addPoints: points }),
        (manager) => crm.addScore(manager, input.tenantId, input.contactId, points, actorOf(input)),
        inDatabase,
      );
    },

    async flowHttpRequest(input: ActionInputOf<'http_request'>): Promise<FlowActionResult> {
      const settings = input.node.settings;
      // Saved before the save-time check existed, or edited in the database: refused the same way.
      for (const [name, value] of Object.entries(settings.headers)) {
        const problem = headerProblem(name, value);
        if (problem) throw ApplicationFailure.nonRetryable(problem, 'HeaderInvalid');
      }
      const contact = await crm.loadContactSnapshot(input.tenantId, input.contactId);
      const body = settings.body;
      const request = {
        method: settings.method,
        url: render(settings.url, contact, input),
        headers: { ...settings.headers, 'idempotency-key': input.key },
        body:
          body === undefined
            ? undefined
            : render(body, contact, input, bodyIsJson(settings.headers, body) ? escapeJsonStringContent : undefined),
      };
      return perform(
        input,
        () => request,
        async () => {
          // The egress guard refuses internal targets (a non-retryable EgressRefused) before connecting.
          const response = await deps.egress.fetch(request.url, {
            method: request.method,
            headers: request.headers,
            body: request.method === 'GET' ? undefined : request.body,
            signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
          });
          const text = (await response.text()).slice(0, 2000);
          // A 4xx will not get better by retrying; 429 and 5xx may.
          if (response.status >= 400 && response.status < 500 && response.status !== 429) {
            throw ApplicationFailure.nonRetryable(
              `${request.method} ${request.url} answered ${response.status}: ${text}`,
              'HttpClientError',
            );
          }
          if (response.status >= 400) throw new Error(`${request.method} ${request.url} answered ${response.status}`);
          return { status: response.status, body: text };
        },
      );
    },

    async flowEnrollInFlow(input: ActionInputOf<'enroll_in_flow'>): Promise<FlowActionResult> {
      const { flowId } = input.node.settings;
      return perform(
        input,
        () => ({ enrollIn: flowId }),
        () =>
          deps.enroll({ tenantId: input.tenantId, flowId, contactId: input.contactId, source: `flow:${input.flowId}` }),
      );
    },

    async flowSendEmail(input: ActionInputOf<'send_email'>): Promise<FlowActionResult> {
      const settings = input.node.settings;
      /** Rendered inside the send's transaction, from one query (contact, company, deal, owner, mailbox, snippets). */
      const compose = async (manager: EntityManager) => {
        const records = await loadTemplateRecords(manager, input.tenantId, input.contactId);
        const to = records.contact.email ?? '';
        if (!to) throw ApplicationFailure.nonRetryable(`contact ${input.contactId} has no email address`, 'NoAddress');
        const context = templateContextOf(records, input.stepOutputs, { fromName: settings.fromName });
        const { snippets } = records;
        const body = looksLikeHtml(settings.body) ? settings.body : plainToHtml(settings.body);
        return renderOrFail(() => ({
          to,
          subject: renderMessageTemplate(settings.subject, context, { html: false, snippets }, 'subject'),
          html: renderMessageTemplate(body, context, { html: true, snippets }, 'body'),
        }));
      };
      return throttledAsResult(() =>
        perform(input, compose, async (manager) =>
          messagingOf(deps).sendEmail(manager, {
            ...originOf(input),
            ...(await compose(manager)),
            ...(settings.fromName ? { fromName: settings.fromName } : {}),
            ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
            trackOpens: settings.trackOpens,
            trackClicks: settings.trackClicks,
          }),
        ),
      );
    },
    async flowSendSms(input: ActionInputOf<'send_sms'>): Promise<FlowActionResult> {
      const compose = async (manager: EntityManager) => {
        const records = await loadTemplateRecords(manager, input.tenantId, input.contactId);
        const to = records.contact.phone ?? '';
        if (!to) throw ApplicationFailure.nonRetryable(`contact ${input.contactId} has no phone number`, 'NoAddress');
        const context = templateContextOf(records, input.stepOutputs);
        const options = { html: false, snippets: records.snippets };
        return {
          to,
          body: renderOrFail(() => renderMessageTemplate(input.node.settings.body, context, options, 'body')),
        };
      };
      return perform(input, compose, async (manager) =>
        messagingOf(deps).sendSms(manager, { ...originOf(input), ...(await compose(manager)) }),
      );
    },
    async flowNotifySlack(input: ActionInputOf<'notify_slack'>): Promise<FlowActionResult> {
      const { channel, message } = input.node.settings;
      const compose = async (manager: EntityManager) => {
        const records = await loadTemplateRecords(manager, input.tenantId, input.contactId);
        const context = templateContextOf(records, input.stepOutputs);
        const options = { html: false, snippets: records.snippets };
        return { channel, text: renderOrFail(() => renderMessageTemplate(message, context, options, 'message')) };
      };
      return perform(input, compose, async (manager) =>
        messagingOf(deps).postSlack(manager, { ...originOf(input), ...(await compose(manager)) }),
      );
    },
    async flowLlmGenerate(input: ActionInputOf<'llm_generate'>): Promise<FlowActionResult> {
      return llmGenerateAction(input, aiTools);
    },
    async flowAiSummarizeTimeline(input: ActionInputOf<'ai_summarize_timeline'>): Promise<FlowActionResult> {
      return summarizeTimelineAction(input, aiTools);
    },
    async flowAiExtractFields(input: ActionInputOf<'ai_extract_fields'>): Promise<FlowActionResult> {
      return extractFieldsAction(input, aiTools);
    },
    /** Runs the agent chain until it finishes or waits for approval (see ai/agent). */
    async flowAiAgent(input: AgentStepInput) {
      return aiAgentAction(input, agentTools);
    },
    /** Resumes a chain waiting for approval with the decision; an approved draft is sent once. */
    async flowAiAgentResume(input: AgentResumeInput) {
      return aiAgentResumeAction(input, agentTools);
    },
  };
}

export type FlowActionActivities = ReturnType<typeof createFlowActionActivities>;

/**
 * A full mailbox is an answer, not a failure: retrying the activity would burn its attempts
 * (and fail the run) during a long wait, so the workflow gets the time and waits durably.
 */
async function throttledAsResult(send: () => Promise<FlowActionResult>): Promise<FlowActionResult> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof SendThrottled)) throw error;
    return { result: null, captured: false, performed: false, throttledUntil: error.until.toISOString() };
  }
}

const originOf = (input: FlowActionInput) => ({
  tenantId: input.tenantId,
  idempotencyKey: input.key,
  enrollmentId: input.enrollmentId,
  contactId: input.contactId,
});

/** A template that cannot render will not render on a retry either. */
function renderOrFail<T>(render: () => T): T {
  try {
    return render();
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, 'TemplateInvalid');
  }
}

function messagingOf(deps: FlowActionDependencies): MessagingService {
  if (!deps.messaging) nodeNotAvailable('sending', 'the communication hub (no messaging service in this worker)');
  return deps.messaging!;
}
