import {
  AuditEntrySchema,
  AuditFilterSchema,
  AuditListQuerySchema,
  AUDIT_EXPORT_MAX_ROWS,
  pageOf,
} from '@cadenza/core';
import { exportAuditCsv, listAuditLog, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { streamCsv } from '../../http/stream-csv';

export function auditRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit-log',
      tag: 'audit',
      summary:
        'The audit trail, newest first: changes to CRM records and every security and configuration action (sign-ins, roles, API keys, mailboxes, flows, exports, erasures); who, when, from where, before and after',
      access: 'audit:read',
      query: AuditListQuerySchema,
      responses: { 200: { description: 'one page', schema: pageOf(AuditEntrySchema) } },
      handler: async ({ query, principal }) => ({ body: await listAuditLog(db, principal, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/audit-log/export.csv',
      tag: 'audit',
      summary: `The filtered audit trail as CSV, newest first, at most ${AUDIT_EXPORT_MAX_ROWS} entries (streamed; cells that look like formulas are prefixed with a quote)`,
      access: 'audit:read',
      query: AuditFilterSchema,
      responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv' } },
      handler: async ({ query, principal, res }) => {
        await streamCsv(res, 'audit-log.csv', exportAuditCsv(db, principal, query));
        return { raw: true };
      },
    }),
  ];
}
