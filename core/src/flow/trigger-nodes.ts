import { z } from 'zod';
import { conditionSchema } from './condition';
import { nodeSchemaOf } from './node-shape';
import { contactFieldSchema, timezoneSchema } from './primitives';

/**
 * Trigger kinds: what enrolls a contact. A flow has exactly one, stored as
 * `definition.trigger`, and every step must be reachable from it.
 */

// Nothing to configure: a person enrolls contacts from the CRM.
export const manualTriggerSchema = nodeSchemaOf('manual', z.object({}));

// Nothing to configure: the caller names the contact; the API key decides the tenant.
export const apiCallTriggerSchema = nodeSchemaOf('api_call', z.object({}));

export const contactCreatedTriggerSchema = nodeSchemaOf(
  'contact_created',
  z.object({
    filter: conditionSchema.optional().describe('Only contacts matching this enroll; omitted means every new contact'),
  }),
);

export const contactUpdatedTriggerSchema = nodeSchemaOf(
  'contact_updated',
  z.object({
    // Required: "any change to any contact" would enroll the whole database on a bulk import.
    filter: conditionSchema.describe('The contact enrolls when an update makes this condition hold'),
    fields: z
      .array(contactFieldSchema)
      .default([])
      .describe('Only updates touching one of these fields count; empty means any field'),
  }),
);

export const dealStageChangedTriggerSchema = nodeSchemaOf(
  'deal_stage_changed',
  z.object({
    pipelineId: z.string().min(1).optional().describe('Pipeline to watch; omitted means every pipeline'),
    fromStage: z.string().min(1).optional().describe('Stage the deal must leave; omitted means any'),
    toStage: z.string().min(1).optional().describe('Stage the deal must enter; omitted means any'),
  }),
);

export const webhookReceivedTriggerSchema = nodeSchemaOf(
  'webhook_received',
  z.object({
    endpointKey: z
      .string()
      .regex(/^[a-z0-9-]{3,64}$/, 'must be 3-64 lowercase letters, digits or "-"')
      .describe('Last segment of the inbound URL the form or service posts to'),
    contactEmailPath: z
      .string()
      .min(1)
      .default('email')
      .describe('Dotted path in the payload holding the contact email, e.g. "data.email"'),
  }),
);

export const scheduleTriggerSchema = nodeSchemaOf(
  'schedule',
  z.object({
    // Loose shape check only; Temporal Schedules parse the expression itself at publish time.
    cron: z
      .string()
      .trim()
      .regex(
        /^(@(yearly|annually|monthly|weekly|daily|hourly)|\S+(\s+\S+){4,5})$/,
        'must be a cron expression with 5 or 6 fields (e.g. "0 9 * * 1") or a macro such as "@daily"',
      )
      .describe('When to run, as a cron expression'),
    timezone: timezoneSchema,
    filter: conditionSchema.describe('Contacts matching this enroll on each tick'),
  }),
);

export const TRIGGER_NODE_SCHEMAS = [
  manualTriggerSchema,
  apiCallTriggerSchema,
  contactCreatedTriggerSchema,
  contactUpdatedTriggerSchema,
  dealStageChangedTriggerSchema,
  webhookReceivedTriggerSchema,
  scheduleTriggerSchema,
] as const;
