import type { AuditAction, AuditedEntity } from '@cadenza/core';

/** The Audit page's filters as typed in its form: empty strings mean "any". */
export interface AuditFilterForm {
  actorId: string;
  action: AuditAction | '';
  entity: AuditedEntity | '';
  /** Dates from the date inputs (YYYY-MM-DD), read as whole days in the viewer's time zone. */
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { actorId: '', action: '', entity: '', since: '', until: '' };

/** A local calendar day's start as an ISO instant; `nextDay` gives the end (the day after's start). */
function dayStart(day: string, nextDay = false): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + (nextDay ? 1 : 0)).toISOString();
}

/** The API's query parameters for the filters (shared by the list and the CSV export). */
export function auditFilterParams(form: AuditFilterForm): Record<string, string> {
  const params: Record<string, string> = {};
  if (form.actorId.trim()) params.actorId = form.actorId.trim();
  if (form.action) params.action = form.action;
  if (form.entity) params.entity = form.entity;
  if (form.since) params.since = dayStart(form.since);
  // "Until" a day includes that day.
  if (form.until) params.until = dayStart(form.until, true);
  return params;
}

/** The CSV export's address for the filters. */
export const auditExportHref = (form: AuditFilterForm): string =>
  `/api/v1/audit-log/export.csv?${new URLSearchParams(auditFilterParams(form)).toString()}`;
