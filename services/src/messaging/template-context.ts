import { TEMPLATE_RECORD_FIELDS, type TemplateRecord } from '@cadenza/core';
import type { TemplateRecords } from '@cadenza/data';
import type { MessageTemplateContext } from './render-message';

/** The From address of mail that goes to the built-in sink (no mailbox configured). */
export const SINK_FROM_ADDRESS = 'outreach@cadenza.local';

/**
 * A record as templates see it: exactly the catalogue's fields, null where the value (or the
 * whole record) is missing. Strict rendering then fails only on names the catalogue lacks, which
 * the publish check already refused, and {{default company.name "…"}} covers a missing company.
 */
function recordView(record: TemplateRecord, values: Readonly<Record<string, unknown>> | null) {
  return Object.fromEntries(
    Object.keys(TEMPLATE_RECORD_FIELDS[record]).map((field) => [field, values?.[field] ?? null]),
  );
}

/**
 * The context a send template renders with:
 * contact.<field> (plus contact.custom.<key>, null when unset), company.*, deal.*, sender.*,
 * owner.*, and steps.<stepId>.<output> (earlier steps' outputs; {} outside a run).
 * `fromName` is a send_email step's own sender name, which is also what its From header says.
 */
export function templateContextOf(
  records: TemplateRecords,
  steps: Readonly<Record<string, unknown>>,
  options: { fromName?: string | null } = {},
): MessageTemplateContext {
  const { customFields, ...contact } = records.contact;
  const unset = Object.fromEntries(records.customFieldKeys.map((key) => [key, null]));
  return {
    contact: { ...contact, custom: { ...unset, ...customFields } },
    company: recordView('company', records.company),
    deal: recordView('deal', records.deal),
    sender: recordView('sender', {
      name: options.fromName || records.mailbox?.name || null,
      email: records.mailbox?.email ?? SINK_FROM_ADDRESS,
    }),
    owner: recordView('owner', records.owner),
    steps,
  };
}
