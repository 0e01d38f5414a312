import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/activity';
import type { ContactSnapshot } from '@cadenza/core';
import type { ActionInputOf, FlowActionInput, FlowActionResult } from '../flow/flow-action-input';
import type { FlowActor, FlowCrmPort } from '@cadenza/services/flow';
import { promptVersionOf } from './ai-prompts';
import { generateText, scoreLead, type ChatModelSource } from './ai-steps';
import { meteredFor } from './token-meter';
import { modelScoreLeadAction } from './scoring/model-score-lead';
import { resolvePrompt } from '@cadenza/data';
import { promptVersionLabel } from '@cadenza/core';

/** What the flow engine's action activities lend the AI actions. */
export interface AiActionTools {
  crm: FlowCrmPort;
  /** For tenant prompts and token budgets; without it steps use built-in prompts and are not metered. */
  db?: DataSource;
  /** The worker's configured model (chatModelSourceOf), or a test's double. */
  chatModel: ChatModelSource;
  perform: (
    input: FlowActionInput,
    capture: () => Promise<unknown> | unknown,
    effect: (manager: EntityManager) => Promise<unknown>,
  ) => Promise<FlowActionResult>;
  render: (text: string, contact: ContactSnapshot, input: FlowActionInput) => string;
  actorOf: (input: FlowActionInput) => FlowActor;
}

/** The step's model source: metered against the tenant's token budget when the tools have the database. */
export const modelSourceFor = (tools: Pick<AiActionTools, 'chatModel' | 'db'>, tenantId: string): ChatModelSource => {
  return tools.db ? meteredFor(tools.chatModel, tools.db, tenantId) : tools.chatModel;
};

/** The prompt a step uses: the tenant prompt it names (pinned or latest), else its own text. */
export async function promptOf(
  tools: Pick<AiActionTools, 'db'>,
  tenantId: string,
  own: { system?: string; prompt: string; ref?: { name: string; version?: number } },
): Promise<{ system?: string; prompt: string; promptVersion: string }> {
  if (!own.ref) return { ...own, promptVersion: promptVersionOf(own.system, own.prompt) };
  if (!tools.db) throw ApplicationFailure.nonRetryable('tenant prompts need the database', 'PromptUnavailable');
  const found = await resolvePrompt(tools.db, tenantId, own.ref.name, own.ref.version).catch((error: Error) => {
    // A prompt that does not exist will not appear on a retry.
    throw ApplicationFailure.nonRetryable(error.message, 'PromptNotFound');
  });
  return {
    ...(found.system ? { system: found.system } : {}),
    prompt: found.template,
    promptVersion: promptVersionLabel(found.name, found.version),
  };
}

/** A template that cannot render will not render on a retry either. */
function renderOrFail(render: () => string): string {
  try {
    return render();
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, 'TemplateInvalid');
  }
}

/**
 * llm_generate: renders the prompt with the contact, calls the model and records text, tokens, latency,
 * model and prompt version. Generating and saving the field happen inside the idempotency transaction,
 * so a retry after success returns the stored text instead of paying for a second generation.
 */
export async function llmGenerateAction(
  input: ActionInputOf<'llm_generate'>,
  tools: AiActionTools,
): Promise<FlowActionResult> {
  const settings = input.node.settings;
  const contact = await tools.crm.loadContactSnapshot(input.tenantId, input.contactId);
  // The version names the template, not the rendered text, so every contact's step shares it.
  const template = await promptOf(tools, input.tenantId, {
    ...(settings.system ? { system: settings.system } : {}),
    prompt: settings.prompt,
    ...(settings.promptRef ? { ref: settings.promptRef } : {}),
  });
  const prompt = renderOrFail(() => tools.render(template.prompt, contact, input));
  const system = template.system ? renderOrFail(() => tools.render(template.system!, contact, input)) : undefined;
  const promptVersion = template.promptVersion;
  const generate = async () =>
    generateText(await modelSourceFor(tools, input.tenantId)(settings.model), {
      ...(system ? { system } : {}),
      prompt,
      maxTokens: settings.maxTokens,
      promptVersion,
    });
  return tools.perform(
    input,
    // A test run still generates (that is what it is for) but saves nothing.
    async () => ({ ...(await generate()), ...(settings.saveToField ? { wouldSaveTo: settings.saveToField } : {}) }),
    async (manager) => {
      const generated = await generate();
      if (!settings.saveToField) return generated;
      await tools.crm.setContactField(
        manager,
        input.tenantId,
        input.contactId,
        settings.saveToField,
        generated.text,
        tools.actorOf(input),
      );
      return { ...generated, savedTo: settings.saveToField };
    },
  );
}

/**
 * score_lead (AI method): the tenant's trained lead-scoring model when it has one; otherwise an
 * LLM scores the contact 0..100 against the criteria. The score is stored on the contact.
 */
export async function aiScoreLeadAction(
  input: ActionInputOf<'score_lead'>,
  criteriaTemplate: string,
  tools: AiActionTools,
): Promise<FlowActionResult> {
  const byModel = await modelScoreLeadAction(input, tools);
  if (byModel) return byModel;
  const contact = await tools.crm.loadContactSnapshot(input.tenantId, input.contactId);
  const criteria = renderOrFail(() => tools.render(criteriaTemplate, contact, input));
  const judge = async () =>
    scoreLead(await modelSourceFor(tools, input.tenantId)(), criteria, { ...contact.fields, score: contact.score });
  return tools.perform(
    input,
    async () => judge(),
    async (manager) => {
      const judged = await judge();
      // The CRM port adds points; the difference from the current score sets it to the model's value.
      const stored = await tools.crm.addScore(
        manager,
        input.tenantId,
        input.contactId,
        judged.score - (contact.score ?? 0),
        tools.actorOf(input),
      );
      return { ...judged, score: stored.score };
    },
  );
}
