import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/activity';
import type { NodeOfType } from '@cadenza/core';
import type { ActionInputOf, FlowActionResult } from '../flow/flow-action-input';
import { generateText, structuredOrFail, usageOf } from './ai-steps';
import { modelSourceFor, promptOf, type AiActionTools } from './ai-flow-actions';
import { generateStructured } from './generate-structured';

/** Built-in prompts; a step may name a tenant prompt instead (settings.promptRef). */
export const SUMMARIZE_TIMELINE_SYSTEM =
  'You brief sales reps. Summarise the contact and their recent activity in three short sentences: who they are, what happened, what to do next.';
export const SUMMARIZE_TIMELINE_PROMPT = 'Contact:\n{{json contact}}\n\nRecent activity, newest first:\n{{activity}}';
export const EXTRACT_FIELDS_SYSTEM =
  'You read text and extract values as JSON. Use null for a value the text does not state. Never invent values.';

/** The latest timeline entries as lines a model reads. */
async function activityLines(
  tools: AiActionTools,
  input: { tenantId: string; contactId: string },
  limit: number,
): Promise<string> {
  const rows = (await tools.db!.query(
    `SELECT kind, summary, occurred_at FROM timeline_entries WHERE tenant_id = $1 AND contact_id = $2
     ORDER BY occurred_at DESC LIMIT $3`,
    [input.tenantId, input.contactId, limit],
  )) as Array<{ kind: string; summary: string; occurred_at: Date }>;
  if (rows.length === 0) return '- nothing yet';
  return rows.map((row) => `- ${row.occurred_at.toISOString().slice(0, 10)} ${row.kind}: ${row.summary}`).join('\n');
}

/** Fills the two placeholders of the summary prompt; other {{...}} placeholders render as usual afterwards. */
const fillSummaryPlaceholders = (template: string, contact: Record<string, unknown>, activity: string) =>
  template
    .replaceAll('{{json contact}}', JSON.stringify(contact, null, 1).slice(0, 3000))
    .replaceAll('{{activity}}', activity);

/**
 * ai_summarize_timeline: a rep-facing summary of the contact and their latest timeline, kept as the
 * step's `text` (and optionally saved to a field), with tokens, latency, model and prompt version.
 */
export async function summarizeTimelineAction(
  input: ActionInputOf<'ai_summarize_timeline'>,
  tools: AiActionTools,
): Promise<FlowActionResult> {
  const settings = input.node.settings;
  const contact = await tools.crm.loadContactSnapshot(input.tenantId, input.contactId);
  const template = await promptOf(tools, input.tenantId, {
    system: SUMMARIZE_TIMELINE_SYSTEM,
    prompt: SUMMARIZE_TIMELINE_PROMPT,
    ...(settings.promptRef ? { ref: settings.promptRef } : {}),
  });
  const activity = await activityLines(tools, input, settings.entries);
  const prompt = tools.render(
    fillSummaryPlaceholders(template.prompt, { ...contact.fields, score: contact.score }, activity),
    contact,
    input,
  );
  const summarize = async () =>
    generateText(await modelSourceFor(tools, input.tenantId)(), {
      ...(template.system ? { system: template.system } : {}),
      prompt,
      maxTokens: settings.maxTokens,
      promptVersion: template.promptVersion,
    });
  return tools.perform(
    input,
    async () => ({ ...(await summarize()), ...(settings.saveToField ? { wouldSaveTo: settings.saveToField } : {}) }),
    async (manager) => {
      const summary = await summarize();
      if (!settings.saveToField) return summary;
      await tools.crm.setContactField(
        manager,
        input.tenantId,
        input.contactId,
        settings.saveToField,
        summary.text,
        tools.actorOf(input),
      );
      return { ...summary, savedTo: settings.saveToField };
    },
  );
}

type ExtractedField = NodeOfType<'ai_extract_fields'>['settings']['fields'][number];

const VALUE_SCHEMAS = {
  string: () => z.string().max(500),
  number: () => z.number(),
  boolean: () => z.boolean(),
} as const;

/** What the reply must validate against: every named value, typed, or null. */
export const extractionSchemaFor = (fields: ExtractedField[]) =>
  z.object(Object.fromEntries(fields.map((field) => [field.name, VALUE_SCHEMAS[field.type]().nullable()])));

/**
 * The grammar's JSON schema, written out: zod would express "or null" with anyOf, which the local
 * model's grammar does not take, while a type list it does.
 */
export const extractionJsonSchemaFor = (fields: ExtractedField[]): Record<string, unknown> => ({
  type: 'object',
  properties: Object.fromEntries(
    fields.map((field) => [
      field.name,
      {
        type: [field.type, 'null'],
        ...(field.type === 'string' ? { maxLength: 500 } : {}),
        ...(field.description ? { description: field.description } : {}),
      },
    ]),
  ),
  required: fields.map((field) => field.name),
  additionalProperties: false,
});

export const extractFieldsPrompt = (fields: ExtractedField[], text: string) =>
  [
    'Values to extract:',
    ...fields.map((field) => `- ${field.name} (${field.type})${field.description ? `: ${field.description}` : ''}`),
    '',
    `Text:\n"""\n${text.slice(0, 6000)}\n"""`,
    'JSON:',
  ].join('\n');

/**
 * ai_extract_fields: reads free text (usually a reply, through a placeholder) and extracts typed
 * values, validated with zod under a JSON-schema grammar; optionally saved to custom fields.
 */
export async function extractFieldsAction(
  input: ActionInputOf<'ai_extract_fields'>,
  tools: AiActionTools,
): Promise<FlowActionResult> {
  const settings = input.node.settings;
  const contact = await tools.crm.loadContactSnapshot(input.tenantId, input.contactId);
  const text = tools.render(settings.source, contact, input);
  if (!text.trim())
    throw ApplicationFailure.nonRetryable('the text to read is empty (check the source placeholder)', 'NothingToRead');
  const template = await promptOf(tools, input.tenantId, {
    system: EXTRACT_FIELDS_SYSTEM,
    prompt: extractFieldsPrompt(settings.fields, text),
    ...(settings.promptRef ? { ref: settings.promptRef } : {}),
  });
  // A tenant prompt supplies the instructions; the value list and the text always follow it.
  const user = settings.promptRef
    ? `${tools.render(template.prompt, contact, input)}\n\n${extractFieldsPrompt(settings.fields, text)}`
    : template.prompt;
  const extract = async () => {
    const choice = await modelSourceFor(tools, input.tenantId)();
    const result = await structuredOrFail(() =>
      generateStructured(
        choice,
        extractionSchemaFor(settings.fields),
        { system: template.system ?? EXTRACT_FIELDS_SYSTEM, user },
        { maxTokens: settings.maxTokens, attempts: 2, jsonSchema: extractionJsonSchemaFor(settings.fields) },
      ),
    );
    return {
      values: result.value as Record<string, string | number | boolean | null>,
      raw: result.raw,
      attempts: result.attempts,
      ...usageOf(choice, template.promptVersion, result),
    };
  };
  return tools.perform(
    input,
    async () => extract(),
    async (manager) => {
      const extracted = await extract();
      if (!settings.saveToCustomFields) return extracted;
      const saved: string[] = [];
      for (const [name, value] of Object.entries(extracted.values)) {
        if (value === null) continue;
        await tools.crm.setContactField(
          manager,
          input.tenantId,
          input.contactId,
          `custom.${name}`,
          value,
          tools.actorOf(input),
        );
        saved.push(`custom.${name}`);
      }
      return { ...extracted, savedTo: saved };
    },
  );
}
