import { stringify } from 'csv-stringify/sync';
import type { Contact, ContactListQuery } from '@cadenza/core';
import { listContacts } from '../crm/contacts';
import type { Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';

/** Cells a spreadsheet would run as a formula (=, +, -, @, and tab/CR that some apps strip first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV injection guard (OWASP): such a cell is prefixed with a quote, so it shows as text. */
export const neutralizeFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** Export headers: HubSpot's names, so an exported file imports back with the automatic mapping. */
const COLUMNS: Array<[string, (c: Contact) => unknown]> = [
  ['Record ID', (c) => c.id],
  ['First Name', (c) => c.firstName],
  ['Last Name', (c) => c.lastName],
  ['Email', (c) => c.email],
  ['Phone Number', (c) => c.phone],
  ['Job Title', (c) => c.title],
  ['Company Name', (c) => c.companyName],
  ['Lifecycle Stage', (c) => c.lifecycleStage],
  ['Lead Status', (c) => c.leadStatus],
  ['Source', (c) => c.source],
  ['Time Zone', (c) => c.timezone],
  ['Tags', (c) => c.tags.join(';')],
  ['Score', (c) => c.score],
  ['Owner ID', (c) => c.ownerId],
  ['Custom Fields', (c) => (Object.keys(c.customFields).length ? JSON.stringify(c.customFields) : '')],
  ['Created At', (c) => c.createdAt],
  ['Updated At', (c) => c.updatedAt],
];

const cellText = (value: unknown) => neutralizeFormula(value === null || value === undefined ? '' : String(value));

export const contactCsvHeader = () => stringify([COLUMNS.map(([name]) => name)]);

export const contactCsvRows = (contacts: Contact[]) =>
  stringify(contacts.map((contact) => COLUMNS.map(([, get]) => cellText(get(contact)))));

/**
 * The CSV of every contact matching a list query, chunk by chunk (header first, then one
 * chunk per page of the list), so an export of any size streams in constant memory.
 */
export async function* exportContactsCsv(
  db: Db,
  principal: CrmPrincipal,
  query: ContactListQuery,
  pageSize = 500,
): AsyncGenerator<string> {
  yield contactCsvHeader();
  let cursor: string | undefined = query.cursor;
  do {
    const page = await listContacts(db, principal, { ...query, cursor, limit: pageSize });
    if (page.items.length > 0) yield contactCsvRows(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
