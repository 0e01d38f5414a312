import { once } from 'node:events';
import { ContactListQuerySchema } from '@cadenza/core';
import { exportContactsCsv, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

/** CSV export of a filtered contact list. Mounted before /contacts/:id, which would take "export.csv" as an id. */
export function contactExportRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts/export.csv',
      tag: 'contacts',
      summary:
        'Every contact matching the list filters, as CSV (streamed; cells that look like formulas are prefixed with a quote)',
      access: 'contacts:read',
      query: ContactListQuerySchema,
      responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv' } },
      handler: async ({ query, principal, res }) => {
        const chunks = exportContactsCsv(db, principal, query);
        // The header row and the first page are read before any header is sent, so a failing
        // query (a bad cursor, say) is still a JSON error; the header row alone runs no query.
        const first = await chunks.next();
        const second = first.done ? first : await chunks.next();
        res.status(200);
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', 'attachment; filename="contacts.csv"');
        res.setHeader('cache-control', 'no-store');
        try {
          if (!first.done) res.write(first.value);
          if (!second.done) res.write(second.value);
          for await (const chunk of chunks) {
            if (!res.write(chunk)) await once(res, 'drain');
          }
          res.end();
        } catch (error) {
          // Headers are gone: cut the response so the client sees a broken download, not a short file.
          res.destroy(error instanceof Error ? error : new Error(String(error)));
        }
        return { raw: true };
      },
    }),
  ];
}
