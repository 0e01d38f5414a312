import { AuditEntrySchema, AuditListQuerySchema, pageOf } from '@cadenza/core';
import { listAuditLog, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

export function auditRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit-log',
      tag: 'audit',
      summary: 'Every change to CRM records, newest first: who, when, before and after',
      access: 'audit:read',
      query: AuditListQuerySchema,
      responses: { 200: { description: 'one page', schema: pageOf(AuditEntrySchema) } },
      handler: async ({ query, principal }) => ({ body: await listAuditLog(db, principal, query) }),
    }),
  ];
}
