/** One field of an audit entry's change, as the screen and the CSV export show it. */
export interface AuditFieldChange {
  field: string;
  before: string;
  after: string;
}

/** A value as one short line: strings as they are, the rest as JSON, absent as an empty string. */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The fields an entry's before/after mention, in first-seen order, each with its old and new
 * value (an empty side when the record was created or deleted, or the field is new).
 */
export function auditFieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditFieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => ({
    field,
    before: auditValueText(before?.[field]),
    after: auditValueText(after?.[field]),
  }));
}

/** "field: old → new" per line; a side that is empty is left out ("field: new", "field: old →"). */
export function auditChangeText(change: AuditFieldChange): string {
  if (!change.before) return `${change.field}: ${change.after}`;
  if (!change.after) return `${change.field}: ${change.before} →`;
  return `${change.field}: ${change.before} → ${change.after}`;
}
