import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { ContactFieldSchema } from '../../primitives';

export const UpdateFieldSchema = nodeSchemaOf(
  'update_field',
  z.object({
    field: ContactFieldSchema.describe('Contact field to set'),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .describe('New value; text may use {{contact.<field>}} placeholders, null clears the field'),
  }),
);
