import { z } from 'zod';
import { ContactFieldSchema, isKnownField } from '@cadenza/core';
import { knownContactFields } from '@cadenza/data';
import { AgentToolInputError, type EffectTool } from './agent-tool';

const UpdateFieldInput = z.object({
  field: ContactFieldSchema.describe('Contact field to set, e.g. "leadStatus" or "custom.industry"'),
  value: z
    .union([z.string().max(2000), z.number(), z.boolean(), z.null()])
    .describe('New value; null clears the field'),
});

/**
 * update_field: sets one field of the run's contact, checked like the update_field step: the
 * field must be a standard contact field or one of the workspace's custom fields, and the CRM
 * validates the value (an unknown lifecycle stage is refused).
 */
export const updateFieldTool: EffectTool<typeof UpdateFieldInput, 'update_field'> = {
  name: 'update_field',
  kind: 'effect',
  inDatabase: true,
  description: 'Sets one field of this contact in the CRM.',
  input: UpdateFieldInput,
  async check({ field }, { db, tenantId }) {
    const known = await knownContactFields(db, tenantId);
    if (!isKnownField(field, new Set(known))) throw new AgentToolInputError(`unknown contact field "${field}"`);
  },
  preview: (args) => ({ updateField: args }),
  perform: (manager, { field, value }, { crm, tenantId, contactId, actor }) =>
    crm.setContactField(manager, tenantId, contactId, field, value, actor),
};
