import { z } from 'zod';
import { ContactCreateSchema, LEAD_STATUSES, LIFECYCLE_STAGES } from '../crm/contact';
import type { ImportField, ImportMapping } from './import-fields';

/** One CSV row as the import writes it: contact fields, plus the company to link by name. */
export const ImportedContactSchema = ContactCreateSchema.extend({
  email: z.email().max(254).describe('email address: the import matches existing contacts on it'),
  companyName: z.string().trim().min(1).max(200).nullable().optional().describe('company to link, by name'),
});
export type ImportedContact = z.infer<typeof ImportedContactSchema>;

/** "Marketing Qualified Lead", "marketingqualifiedlead", "MQL" → marketing_qualified_lead. */
const snake = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const STAGE_SYNONYMS: Record<string, string> = {
  mql: 'marketing_qualified_lead',
  marketingqualifiedlead: 'marketing_qualified_lead',
  sql: 'sales_qualified_lead',
  salesqualifiedlead: 'sales_qualified_lead',
};
const STATUS_SYNONYMS: Record<string, string> = {
  // Salesforce's default lead statuses.
  open_not_contacted: 'open',
  working_contacted: 'attempted_to_contact',
  closed_converted: 'connected',
  closed_not_converted: 'unqualified',
};

/** A known spelling of an enum value, or the text as given so validation names it. */
function enumValue(raw: string, allowed: readonly string[], synonyms: Record<string, string>): string {
  const key = snake(raw);
  if (allowed.includes(key)) return key;
  return synonyms[key] ?? synonyms[key.replace(/_/g, '')] ?? raw;
}

/** CSV text → the typed value of a field; blank cells are absent (a re-import never clears). */
function convert(field: ImportField, raw: string): unknown {
  switch (field) {
    case 'lifecycleStage':
      return enumValue(raw, LIFECYCLE_STAGES, STAGE_SYNONYMS);
    case 'leadStatus':
      return enumValue(raw, LEAD_STATUSES, STATUS_SYNONYMS);
    case 'tags':
      return raw
        .split(/[;,|]/)
        .map((tag) => tag.trim())
        .filter(Boolean);
    case 'score':
      return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Math.round(Number(raw)) : raw;
    default:
      return raw.trim();
  }
}

export type RowResult = { ok: true; contact: ImportedContact } | { ok: false; reason: string };

/** One row (header → cell) through the mapping and the contact schema; a failure names each field. */
export function rowToContact(row: Record<string, string>, mapping: ImportMapping): RowResult {
  const input: Record<string, unknown> = {};
  for (const [header, field] of Object.entries(mapping)) {
    const raw = row[header];
    if (!field || raw === undefined || raw.trim() === '') continue;
    input[field] = convert(field, raw);
  }
  const parsed = ImportedContactSchema.safeParse(input);
  if (parsed.success) return { ok: true, contact: parsed.data };
  const reason = parsed.error.issues
    .map(
      (issue) =>
        `${issue.path.join('.') || 'row'}: ${issue.path[0] === 'email' && input.email === undefined ? 'is required' : issue.message}`,
    )
    .join('; ');
  return { ok: false, reason };
}
