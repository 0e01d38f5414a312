import { z } from 'zod';
import { CustomFieldValuesSchema } from './custom-field';
import { IdSchema, UserIdSchema } from './common';
import { TimeZoneSchema } from './timezone';
import { LEAD_STATUSES, LIFECYCLE_STAGES } from './contact-enums';

export { LEAD_STATUSES, LIFECYCLE_STAGES };
export const LifecycleStageSchema = z.enum(LIFECYCLE_STAGES).describe('where the contact is in the funnel');

export const LeadStatusSchema = z.enum(LEAD_STATUSES).describe('sales follow-up status');

export const TagSchema = z.string().trim().min(1).max(64).describe('a free-form label');
export const ScoreSchema = z.number().int().min(0).max(100).describe('lead score, 0-100');

const optionalText = (max: number, what: string) => z.string().trim().max(max).nullable().describe(what);

/** The writable fields of a contact; `null` clears a field. */
const ContactFields = {
  firstName: optionalText(100, 'first name'),
  lastName: optionalText(100, 'last name'),
  email: z.email().max(254).nullable().describe('email address; unique per workspace, case-insensitively'),
  phone: optionalText(40, 'phone number'),
  title: optionalText(150, 'job title'),
  companyId: IdSchema.nullable().describe('company the contact works at'),
  ownerId: UserIdSchema.nullable().describe('user who owns the contact'),
  lifecycleStage: LifecycleStageSchema.nullable(),
  leadStatus: LeadStatusSchema.nullable(),
  source: optionalText(100, 'where the contact came from, e.g. webinar or csv_import'),
  timezone: TimeZoneSchema.nullable(),
  tags: z.array(TagSchema).max(100).describe('labels; duplicates are removed'),
  score: ScoreSchema,
  customFields: CustomFieldValuesSchema,
};

export const ContactCreateSchema = z.object(ContactFields).partial().strict();
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

/** PATCH semantics: absent fields stay as they are, `null` clears, custom fields merge by key. */
export const ContactUpdateSchema = z.object(ContactFields).partial().strict();
export type ContactUpdate = z.infer<typeof ContactUpdateSchema>;

export const ContactSchema = z.object({
  id: IdSchema,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable().describe('name of the company, kept in step with it'),
  ownerId: z.string().nullable(),
  lifecycleStage: LifecycleStageSchema.nullable(),
  leadStatus: LeadStatusSchema.nullable(),
  source: z.string().nullable(),
  timezone: z.string().nullable(),
  tags: z.array(z.string()),
  score: z.number().int(),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;
