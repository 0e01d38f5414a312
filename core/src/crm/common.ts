import { z } from 'zod';

/** Ids are uuids everywhere in the CRM; a malformed id is a 400, not a lookup. */
export const IdSchema = z.uuid().describe('record id (uuid)');
export const IdParamsSchema = z.object({ id: IdSchema });

/** A user id. Users live in the auth area; CRM rows only keep the id. */
export const UserIdSchema = z.uuid().describe('user id (uuid)');

/** Real time zones span -12:00..+14:00; PostgreSQL refuses offsets beyond ±15:59. */
const offsetWithinRange = (value: string) => {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  return !offset || Number(offset[2]) * 60 + Number(offset[3]) <= 14 * 60;
};

export const IsoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(offsetWithinRange, 'the time zone offset must be within ±14:00')
  .describe('ISO-8601 date-time');

/** Who made a change, as recorded in the audit log, events and timeline. */
export const ActorKindSchema = z.enum(['user', 'api_key', 'workflow', 'system']).describe('kind of actor');
export const ActorSchema = z.object({
  kind: ActorKindSchema,
  id: z.string().nullable().describe('user id, run id, or null for an API key or the system'),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Text fields are trimmed and bounded so a single row can never bloat a page. */
export const shortText = (max: number, what: string) => z.string().trim().min(1).max(max).describe(what);

/** One page of a list, with the cursor of the next page (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('pass as `cursor` to get the next page; null on the last page'),
  });
export type Page<T> = { items: T[]; nextCursor: string | null };
