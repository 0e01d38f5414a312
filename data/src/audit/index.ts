export { recordAudit, auditInsertStatement, type AuditContext, type PendingAudit } from './record-audit';
export { auditContextOf } from './audit-context';
export { pruneAuditLog } from './prune-audit-log';
export { AuditTrail1764302500000 } from './audit-trail-migration';
export { changedFields, withReplacedSecrets, type FieldChange } from './changed-fields';
export { exportAuditCsv, auditCsvHeader, auditCsvRows } from './audit-csv';
