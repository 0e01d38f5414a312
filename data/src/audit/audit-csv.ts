import { stringify } from 'csv-stringify/sync';
import {
  AUDIT_EXPORT_MAX_ROWS,
  auditChangeText,
  auditFieldChanges,
  type AuditEntry,
  type AuditFilter,
} from '@cadenza/core';
import { listAuditLog } from '../crm/audit-log';
import type { Db } from '../crm/db';
import type { CrmPrincipal } from '../crm/crm-principal';
import { neutralizeFormula } from '../crm-import/contacts-csv';

const COLUMNS: Array<[string, (entry: AuditEntry) => string]> = [
  ['Time', (e) => e.at],
  ['Actor Kind', (e) => e.actor.kind],
  ['Actor ID', (e) => e.actor.id ?? ''],
  ['Client Address', (e) => e.clientAddress ?? ''],
  ['Action', (e) => e.action],
  ['Entity', (e) => e.entity],
  ['Entity ID', (e) => e.entityId],
  ['Change', (e) => auditFieldChanges(e.before, e.after).map(auditChangeText).join('\n')],
];

export const auditCsvHeader = (): string => stringify([COLUMNS.map(([name]) => name)]);

/**
 * Rows of entries: csv-stringify quotes commas, quotes and line breaks; a cell a spreadsheet
 * would run as a formula (= + - @) is prefixed with a quote (the contacts export's guard).
 */
export const auditCsvRows = (entries: AuditEntry[]): string =>
  stringify(entries.map((entry) => COLUMNS.map(([, cell]) => neutralizeFormula(cell(entry)))));

/**
 * The filtered audit log as CSV, header first then one chunk per page, newest first, at most
 * `maxRows` entries (AUDIT_EXPORT_MAX_ROWS): constant memory, and a bounded response.
 */
export async function* exportAuditCsv(
  db: Db,
  principal: CrmPrincipal,
  filter: AuditFilter,
  options: { pageSize?: number; maxRows?: number } = {},
): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? 500;
  let left = options.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
  yield auditCsvHeader();
  let cursor: string | undefined;
  while (left > 0) {
    const page = await listAuditLog(db, principal, { ...filter, cursor, limit: Math.min(pageSize, left) });
    if (page.items.length > 0) yield auditCsvRows(page.items);
    left -= page.items.length;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
