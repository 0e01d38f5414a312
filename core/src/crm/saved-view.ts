import { z } from 'zod';
import { IdSchema, UserIdSchema, shortText } from './common';
import { LeadStatusSchema, LifecycleStageSchema, TagSchema } from './contact';
import { CONTACT_SORTS, ContactSortSchema } from './list-query';

const CUSTOM_FIELD_FILTER = /^[a-z][a-z0-9_]{0,62}:.*$/s;

/**
 * The filters of a saved contact view: the contact list's own filters, stored as JSON (arrays
 * and numbers rather than query-string text), so a view replays as exactly one list query.
 */
export const ContactViewFiltersSchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional().describe('full-text search'),
    lifecycleStage: LifecycleStageSchema.optional(),
    leadStatus: LeadStatusSchema.optional(),
    ownerId: UserIdSchema.optional(),
    tag: z.array(TagSchema).max(20).optional().describe('contacts with every one of these tags'),
    scoreMin: z.number().int().min(0).max(100).optional(),
    scoreMax: z.number().int().min(0).max(100).optional(),
    customField: z
      .array(z.string().max(300).regex(CUSTOM_FIELD_FILTER, 'expects key:value, e.g. industry:SaaS'))
      .max(20)
      .optional()
      .describe('custom field equals, as key:value'),
  })
  .strict()
  .refine((f) => f.scoreMin === undefined || f.scoreMax === undefined || f.scoreMin <= f.scoreMax, {
    path: ['scoreMin'],
    message: 'must not exceed scoreMax',
  });
export type ContactViewFilters = z.infer<typeof ContactViewFiltersSchema>;

/** Columns the contacts table can show; a view keeps the ones its owner chose, in order. */
export const CONTACT_COLUMNS = [
  'name',
  'email',
  'company',
  'lifecycleStage',
  'leadStatus',
  'owner',
  'tags',
  'score',
  'updatedAt',
  'createdAt',
] as const;
export const ContactColumnSchema = z.enum(CONTACT_COLUMNS);

const ViewFields = {
  name: shortText(100, 'name shown in the views menu; unique per user'),
  filters: ContactViewFiltersSchema.default({}),
  sort: ContactSortSchema,
  columns: z.array(ContactColumnSchema).max(CONTACT_COLUMNS.length).optional().describe('columns, in order'),
};

export const SavedViewCreateSchema = z.object(ViewFields).strict();
export type SavedViewCreate = z.infer<typeof SavedViewCreateSchema>;

export const SavedViewUpdateSchema = z
  .object({
    name: ViewFields.name.optional(),
    filters: ContactViewFiltersSchema.optional(),
    sort: z.enum(CONTACT_SORTS as [string, ...string[]]).optional(),
    columns: ViewFields.columns,
  })
  .strict();
export type SavedViewUpdate = z.infer<typeof SavedViewUpdateSchema>;

export const SavedViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  filters: ContactViewFiltersSchema,
  sort: z.string(),
  columns: z.array(ContactColumnSchema).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedViewSchema>;
