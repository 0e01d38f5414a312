import type { ImportField, ImportMapping } from '@cadenza/core';

export type PresetName = 'hubspot' | 'salesforce';

/**
 * Column names of a contacts export from each CRM, as they appear in its header row. The
 * server maps these (and their spelling variants) by itself; a preset applies one CRM's
 * names exactly and ignores every other column, for a file the automatic mapping got wrong.
 */
export const PRESETS: Record<PresetName, { label: string; columns: Record<string, ImportField> }> = {
  hubspot: {
    label: 'HubSpot',
    columns: {
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Mobile Phone Number': 'phone',
      'Job Title': 'title',
      'Company Name': 'companyName',
      'Associated Company': 'companyName',
      'Lifecycle Stage': 'lifecycleStage',
      'Lead Status': 'leadStatus',
      'Original Source': 'source',
      'Time Zone': 'timezone',
      'HubSpot Score': 'score',
    },
  },
  salesforce: {
    label: 'Salesforce',
    columns: {
      FirstName: 'firstName',
      LastName: 'lastName',
      Email: 'email',
      Phone: 'phone',
      MobilePhone: 'phone',
      Title: 'title',
      Company: 'companyName',
      'Account Name': 'companyName',
      LeadSource: 'source',
      'Lead Source': 'source',
      Status: 'leadStatus',
      'Lead Status': 'leadStatus',
    },
  },
};

/** The preset's mapping of these headers: its columns mapped (first one wins a field), every other ignored. */
export function applyPreset(headers: string[], preset: PresetName): ImportMapping {
  const taken = new Set<ImportField>();
  const mapping: ImportMapping = {};
  for (const header of headers) {
    const field = PRESETS[preset].columns[header.trim()];
    mapping[header] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}

/** The preset whose column names the headers use most (at least two of them), if any. */
export function detectPreset(headers: string[]): PresetName | null {
  let best: { name: PresetName; hits: number } | null = null;
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    const hits = headers.filter((h) => h.trim() in PRESETS[name].columns).length;
    if (hits >= 2 && (!best || hits > best.hits)) best = { name, hits };
  }
  return best?.name ?? null;
}

/** Sets one column's field; the column that had that field before loses it (a field fills once). */
export function assignColumn(mapping: ImportMapping, header: string, field: ImportField | null): ImportMapping {
  const next: ImportMapping = {};
  for (const [h, f] of Object.entries(mapping)) next[h] = field && f === field ? null : f;
  next[header] = field;
  return next;
}
