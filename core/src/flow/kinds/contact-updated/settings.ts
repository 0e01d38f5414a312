import { z } from 'zod';
import { ConditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';
import { ContactFieldSchema } from '../../primitives';

export const ContactUpdatedTriggerSchema = nodeSchemaOf(
  'contact_updated',
  z.object({
    // Required: "any change to any contact" would enroll the whole database on a bulk import.
    filter: ConditionSchema.describe('The contact enrolls when an update makes this condition hold'),
    fields: z
      .array(ContactFieldSchema)
      .default([])
      .describe('Only updates touching one of these fields count; empty means any field'),
  }),
);
