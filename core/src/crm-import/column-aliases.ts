import type { ImportField, ImportMapping } from './import-fields';

/**
 * Header spellings of HubSpot and Salesforce exports (and our own export), compared after
 * `normalizeHeader`. HubSpot says "First Name"/"Lifecycle Stage"; Salesforce says
 * "FirstName"/"LeadSource"; both normalize to the same key when they mean the same field.
 */
const ALIASES: Record<ImportField, string[]> = {
  firstName: ['firstname', 'givenname'],
  lastName: ['lastname', 'surname', 'familyname'],
  email: ['email', 'emailaddress', 'email1', 'workemail'],
  phone: ['phone', 'phonenumber', 'mobilephone', 'mobilephonenumber', 'workphone'],
  title: ['title', 'jobtitle'],
  companyName: ['company', 'companyname', 'account', 'accountname', 'associatedcompany'],
  lifecycleStage: ['lifecyclestage'],
  leadStatus: ['leadstatus', 'status'],
  source: ['source', 'leadsource', 'originalsource', 'originalsourcetype'],
  timezone: ['timezone', 'timezonename'],
  tags: ['tags', 'labels'],
  score: ['score', 'leadscore', 'hubspotscore'],
};

const BY_ALIAS = new Map(
  Object.entries(ALIASES).flatMap(([field, aliases]) => aliases.map((alias) => [alias, field as ImportField] as const)),
);

/** "First Name", "first_name", "FirstName" → "firstname". */
export const normalizeHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The field each header fills when the user chose nothing; the first header wins a field. */
export function autoMapping(headers: string[]): ImportMapping {
  const taken = new Set<ImportField>();
  const mapping: ImportMapping = {};
  for (const header of headers) {
    const field = BY_ALIAS.get(normalizeHeader(header)) ?? null;
    mapping[header] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}

/** The auto mapping with the user's choices laid over it: their word wins, header by header. */
export function resolveMapping(headers: string[], chosen: ImportMapping | undefined): ImportMapping {
  const mapping = autoMapping(headers);
  if (!chosen) return mapping;
  for (const [header, field] of Object.entries(chosen)) {
    if (!(header in mapping)) continue;
    // A field the user assigned elsewhere leaves the column auto-mapping gave it.
    for (const [other, otherField] of Object.entries(mapping)) if (field && otherField === field) mapping[other] = null;
    mapping[header] = field;
  }
  return mapping;
}
