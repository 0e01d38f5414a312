import { z } from 'zod';
import { IdSchema, UserIdSchema } from './common';
import { LeadStatusSchema, LifecycleStageSchema, TagSchema } from './contact';
import { CustomFieldKeySchema } from './custom-field';

/** Query strings repeat a key for several values; one value arrives as a plain string. */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);

export const PageFields = {
  cursor: z.string().max(500).optional().describe('opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1-200'),
};

/** Contact orderings a client may ask for: an allow-list, never a column name from the request. */
export const CONTACT_SORT_FIELDS = ['createdAt', 'updatedAt', 'lastName', 'email', 'score'] as const;
export type ContactSortField = (typeof CONTACT_SORT_FIELDS)[number];
export const CONTACT_SORTS = CONTACT_SORT_FIELDS.flatMap((field) => [`${field}:asc`, `${field}:desc`] as const);
export const ContactSortSchema = z
  .enum(CONTACT_SORTS as [string, ...string[]])
  .default('createdAt:desc')
  .describe('field:direction, e.g. score:desc');

export const CustomFieldFilterSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}:.*$/s, 'expects key:value, e.g. industry:SaaS')
  .transform((raw) => {
    const at = raw.indexOf(':');
    return { key: CustomFieldKeySchema.parse(raw.slice(0, at)), value: raw.slice(at + 1) };
  });

export const ContactListQuerySchema = z
  .object({
    ...PageFields,
    sort: ContactSortSchema,
    q: z.string().trim().min(1).max(200).optional().describe('full-text search over name, email and company'),
    email: z.string().trim().max(254).optional().describe('exact email, case-insensitive'),
    lifecycleStage: LifecycleStageSchema.optional(),
    leadStatus: LeadStatusSchema.optional(),
    ownerId: UserIdSchema.optional().describe('contacts owned by this user'),
    companyId: IdSchema.optional().describe('contacts at this company'),
    tag: oneOrMany(TagSchema).optional().describe('contacts with every one of these tags (repeat the parameter)'),
    scoreMin: z.coerce.number().int().min(0).max(100).optional().describe('lowest score, inclusive'),
    scoreMax: z.coerce.number().int().min(0).max(100).optional().describe('highest score, inclusive'),
    customField: oneOrMany(CustomFieldFilterSchema)
      .optional()
      .describe('custom field equals, as key:value (repeat the parameter for several)'),
  })
  .strict()
  .refine((q) => q.scoreMin === undefined || q.scoreMax === undefined || q.scoreMin <= q.scoreMax, {
    path: ['scoreMin'],
    message: 'must not exceed scoreMax',
  });
export type ContactListQuery = z.infer<typeof ContactListQuerySchema>;

/** Full-text search of a list: words, "quoted phrases", -excluded words (websearch syntax). */
const searchText = (what: string) =>
  z.string().trim().min(1).max(200).optional().describe(`full-text search over ${what} (words, "phrases", -excluded)`);

/** Lists other than contacts page newest first, with a few equality filters each. */
export const CompanyListQuerySchema = z
  .object({
    ...PageFields,
    name: z.string().trim().max(200).optional().describe('name contains, case-insensitive'),
    ownerId: UserIdSchema.optional(),
  })
  .strict();
export type CompanyListQuery = z.infer<typeof CompanyListQuerySchema>;

/** Deal orderings: newest first (lists), or most recently changed first (the board's columns). */
export const DEAL_SORTS = ['createdAt:desc', 'updatedAt:desc'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

export const DealListQuerySchema = z
  .object({
    ...PageFields,
    sort: z.enum(DEAL_SORTS).default('createdAt:desc').describe('createdAt:desc (newest first) or updatedAt:desc'),
    pipelineId: IdSchema.optional(),
    stageId: IdSchema.optional(),
    contactId: IdSchema.optional(),
    companyId: IdSchema.optional(),
    ownerId: UserIdSchema.optional(),
    q: searchText('the deal name'),
  })
  .strict();
export type DealListQuery = z.infer<typeof DealListQuerySchema>;

/** Task orderings: newest first, or due soonest first (tasks without a due date last). */
export const TASK_SORTS = ['createdAt:desc', 'dueAt:asc'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export const TaskListQuerySchema = z
  .object({
    ...PageFields,
    sort: z.enum(TASK_SORTS).default('createdAt:desc').describe('createdAt:desc (newest first) or dueAt:asc'),
    q: searchText('the task title'),
    done: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('only done (true) or open (false) tasks'),
    contactId: IdSchema.optional(),
    dealId: IdSchema.optional(),
    assigneeId: UserIdSchema.optional(),
  })
  .strict();
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;

export const NoteListQuerySchema = z
  .object({
    ...PageFields,
    contactId: IdSchema.optional().describe('notes about this contact'),
    q: searchText('the note body'),
  })
  .strict();
export type NoteListQuery = z.infer<typeof NoteListQuerySchema>;

export const TimelineQuerySchema = z.object(PageFields).strict();
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;
