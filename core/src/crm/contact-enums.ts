// Plain values without zod, so a screen that only lists the choices (the contacts filters) does
// not load and run the schema library for them. contact.ts and contact-bulk.ts build on these.

/** HubSpot's lifecycle stages, so imported data keeps its meaning. */
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketing_qualified_lead',
  'sales_qualified_lead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export const LEAD_STATUSES = [
  'new',
  'open',
  'in_progress',
  'open_deal',
  'unqualified',
  'attempted_to_contact',
  'connected',
  'bad_timing',
] as const;

/** A bulk action touches at most this many contacts per request, all in one transaction. */
export const BULK_CONTACT_LIMIT = 1000;
