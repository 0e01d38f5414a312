import { z } from 'zod';
import { nodeSchemaOf } from './node-shape';
import { contactFieldSchema, durationSchema, templateText } from './primitives';
import { promptRefSchema } from '../ai/prompts-and-budgets';

/**
 * Action kinds: one side effect each, performed by an activity in `activities`. The
 * settings here are what the marketer configures; run-time ids and keys are added by the engine.
 */

export const sendEmailSchema = nodeSchemaOf(
  'send_email',
  z.object({
    subject: templateText('Subject line'),
    body: templateText('Email body (HTML or plain text)'),
    fromName: z
      .string()
      .min(1)
      .optional()
      .describe("Sender name; omitted means the sending mailbox's name (the contact owner's is {{owner.name}})"),
    replyTo: z.email().optional().describe('Reply-to address; omitted means the sending mailbox'),
    trackOpens: z.boolean().default(true).describe('Add an open-tracking pixel'),
    trackClicks: z.boolean().default(true).describe('Rewrite links to count clicks'),
  }),
);

export const sendSmsSchema = nodeSchemaOf(
  'send_sms',
  z.object({
    // 1600 characters is the carrier limit for a concatenated SMS.
    body: templateText('Message text').max(1600, 'must be at most 1600 characters'),
  }),
);

export const notifySlackSchema = nodeSchemaOf(
  'notify_slack',
  z.object({
    channel: z
      .string()
      .regex(/^[#@]?[\w.-]{1,80}$/, 'must be a channel such as "#sales" or a user such as "@ana"')
      .describe('Channel or user to post to'),
    message: templateText('Message text'),
  }),
);

export const createTaskSchema = nodeSchemaOf(
  'create_task',
  z.object({
    title: templateText('Task title'),
    notes: z.string().optional().describe('Task description. May use {{contact.<field>}} placeholders'),
    assigneeId: z.string().min(1).optional().describe("User to assign; omitted means the contact's owner"),
    dueIn: durationSchema.optional().describe('Due date relative to task creation; omitted means no due date'),
    priority: z.enum(['low', 'normal', 'high']).default('normal').describe('Task priority'),
  }),
);

export const updateFieldSchema = nodeSchemaOf(
  'update_field',
  z.object({
    field: contactFieldSchema.describe('Contact field to set'),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .describe('New value; text may use {{contact.<field>}} placeholders, null clears the field'),
  }),
);

const tagSettings = z.object({ tag: z.string().trim().min(1, 'must not be empty').max(64).describe('Tag name') });
export const addTagSchema = nodeSchemaOf('add_tag', tagSettings);
export const removeTagSchema = nodeSchemaOf('remove_tag', tagSettings);

export const httpRequestSchema = nodeSchemaOf(
  'http_request',
  z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST').describe('HTTP method'),
    // Not z.url(): placeholders like {{contact.id}} in the path are not valid URL characters until rendered.
    url: templateText('Target URL').regex(/^https?:\/\//, 'must start with http:// or https://'),
    headers: z.record(z.string(), z.string()).default({}).describe('Extra request headers'),
    body: z.string().optional().describe('Request body (usually JSON). May use {{contact.<field>}} placeholders'),
  }),
);

export const enrollInFlowSchema = nodeSchemaOf(
  'enroll_in_flow',
  z.object({ flowId: z.string().min(1).describe('Flow to enroll the contact in (its latest published version)') }),
);

export const llmGenerateSchema = nodeSchemaOf(
  'llm_generate',
  z.object({
    prompt: templateText('Prompt'),
    system: z.string().optional().describe('System instructions'),
    model: z.string().min(1).optional().describe("Model id; omitted means the tenant's default"),
    maxTokens: z.number().int().min(1).max(32_000).default(1024).describe('Upper bound on the reply length'),
    // Later steps read the text as {{steps.<nodeId>.text}}; saving to a field is opt-in.
    saveToField: contactFieldSchema.optional().describe('Contact field to store the generated text in'),
    promptRef: promptRefSchema
      .optional()
      .describe('A tenant prompt (pinned version or latest) used instead of the prompt and system text above'),
  }),
);

export const aiAgentSchema = nodeSchemaOf(
  'ai_agent',
  z.object({
    instructions: templateText('What the agent should achieve'),
    tools: z.array(z.string().min(1)).default([]).describe('Tools the agent may call, by name'),
    model: z.string().min(1).optional().describe("Model id; omitted means the tenant's default"),
    maxSteps: z.number().int().min(1).max(50).default(10).describe('Cap on tool calls, so a confused agent stops'),
    // The chain researches the contact, scores it, drafts an email, waits for a human, then sends.
    requireApproval: z
      .boolean()
      .default(true)
      .describe('A marketer approves, edits or rejects the draft before it is sent'),
    approvalTimeout: durationSchema
      .default({ amount: 3, unit: 'days' })
      .describe('How long the run waits for a decision before taking the timeout output'),
    draftMaxTokens: z.number().int().min(16).max(4000).default(200).describe('Upper bound on the drafted email length'),
  }),
);

export const scoreLeadSchema = nodeSchemaOf(
  'score_lead',
  z.discriminatedUnion('method', [
    z.object({
      method: z.literal('points').describe('Add or subtract a fixed number of points'),
      points: z
        .number()
        .int()
        .refine((n) => n !== 0, 'must not be 0')
        .describe('Points to add (negative subtracts)'),
    }),
    z.object({
      method: z.literal('ai').describe('Let a model score the lead against written criteria'),
      criteria: templateText('What makes a good lead'),
    }),
  ]),
);

export const aiSummarizeTimelineSchema = nodeSchemaOf(
  'ai_summarize_timeline',
  z.object({
    entries: z.number().int().min(1).max(100).default(20).describe('How many of the latest timeline entries to read'),
    maxTokens: z.number().int().min(16).max(2000).default(120).describe('Upper bound on the summary length'),
    promptRef: promptRefSchema.optional().describe('A tenant prompt to use instead of the built-in one'),
    // Later steps read the summary as {{steps.<nodeId>.text}}.
    saveToField: contactFieldSchema.optional().describe('Contact field to store the summary in (e.g. a rep note)'),
  }),
);

export const extractedFieldSchema = z.object({
  name: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'must be a letter then up to 39 letters, digits or _')
    .describe('Key of the value; also the custom field it is saved to'),
  type: z.enum(['string', 'number', 'boolean']).default('string').describe('Type of the value'),
  description: z.string().max(200).optional().describe('What the value is, for the model'),
});

export const aiExtractFieldsSchema = nodeSchemaOf(
  'ai_extract_fields',
  z.object({
    source: templateText('Free text to read, e.g. {{steps.reply.event.text}}'),
    fields: z
      .array(extractedFieldSchema)
      .min(1, 'must name at least one value')
      .max(20)
      .refine((fields) => new Set(fields.map((field) => field.name)).size === fields.length, 'names must be unique')
      .describe('The values to extract; each is null when the text does not say'),
    maxTokens: z.number().int().min(16).max(2000).default(200).describe('Upper bound on the reply length'),
    promptRef: promptRefSchema.optional().describe('A tenant prompt to use instead of the built-in one'),
    saveToCustomFields: z
      .boolean()
      .default(false)
      .describe('Store each value found in custom.<name> on the contact (the custom fields must exist)'),
  }),
);

export const ACTION_NODE_SCHEMAS = [
  sendEmailSchema,
  sendSmsSchema,
  notifySlackSchema,
  createTaskSchema,
  updateFieldSchema,
  addTagSchema,
  removeTagSchema,
  httpRequestSchema,
  enrollInFlowSchema,
  llmGenerateSchema,
  aiAgentSchema,
  scoreLeadSchema,
  aiSummarizeTimelineSchema,
  aiExtractFieldsSchema,
] as const;
