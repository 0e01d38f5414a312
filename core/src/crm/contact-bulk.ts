import { z } from 'zod';
import { IdSchema, UserIdSchema } from './common';
import { TagSchema } from './contact';
import { BULK_CONTACT_LIMIT } from './contact-enums';

export { BULK_CONTACT_LIMIT };

const ContactIdsSchema = z
  .array(IdSchema)
  .min(1)
  .max(BULK_CONTACT_LIMIT)
  .describe(`contacts to change (1-${BULK_CONTACT_LIMIT}); duplicates are ignored`);

export const BulkTagRequestSchema = z
  .object({
    contactIds: ContactIdsSchema,
    add: z.array(TagSchema).max(100).default([]).describe('tags to add'),
    remove: z.array(TagSchema).max(100).default([]).describe('tags to remove'),
  })
  .strict()
  .refine((body) => body.add.length + body.remove.length > 0, {
    path: ['add'],
    message: 'name at least one tag to add or remove',
  });
export type BulkTagRequest = z.infer<typeof BulkTagRequestSchema>;

export const BulkAssignRequestSchema = z
  .object({
    contactIds: ContactIdsSchema,
    ownerId: UserIdSchema.nullable().describe('new owner (a member of the workspace), or null for nobody'),
  })
  .strict();
export type BulkAssignRequest = z.infer<typeof BulkAssignRequestSchema>;

export const BulkResultSchema = z.object({
  changed: z.number().int().describe('contacts the action changed'),
  unchanged: z.number().int().describe('contacts that already were as asked'),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;
