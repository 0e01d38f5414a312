import { z } from 'zod';
import { conditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';
import { contactFieldSchema } from '../../primitives';

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
