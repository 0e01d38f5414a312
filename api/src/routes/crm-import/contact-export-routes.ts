import { ContactListQuerySchema } from '@cadenza/core';
import { auditContextOf, exportContactsCsv, recordAudit, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { streamCsv } from '../../http/stream-csv';

/** CSV export of a filtered contact list. Mounted before /contacts/:id, which would take "export.csv" as an id. */
export function contactExportRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts/export.csv',
      tag: 'contacts',
      summary:
        'Every contact matching the list filters, as CSV (streamed; cells that look like formulas are prefixed with a quote); audited with its filters',
      access: 'contacts:read',
      query: ContactListQuerySchema,
      responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv' } },
      handler: async ({ query, principal, res }) => {
        // Who took which slice of the contacts out: the filters, not the data.
        await recordAudit(db, auditContextOf(principal), {
          action: 'export',
          entity: 'contact_export',
          entityId: 'contacts.csv',
          before: null,
          after: { filters: query },
        });
        await streamCsv(res, 'contacts.csv', exportContactsCsv(db, principal, query));
        return { raw: true };
      },
    }),
  ];
}
