import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { contactFieldSchema } from '../../primitives';

export const updateFieldSchema = nodeSchemaOf(
  'update_field',
  z.object({
    field: contactFieldSchema.describe('Contact field to set'),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .describe('New value; text may use {{contact.<field>}} placeholders, null clears the field'),
  }),
);
