import type { Client } from '@temporalio/client';
import {
  IdParamsSchema,
  ImportErrorListQuerySchema,
  ImportListQuerySchema,
  ImportPreviewSchema,
  ImportRowErrorSchema,
  ImportSchema,
  UserError,
  pageOf,
  resolveMapping,
  type ImportMapping,
} from '@cadenza/core';
import {
  createImport,
  getImport,
  listImportErrors,
  listImports,
  markImportFailed,
  parseCsv,
  rowObject,
  type DataSource,
  type ParsedCsv,
} from '@cadenza/data';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { DEFAULT_IMPORT_BODY_LIMIT, readCsvUpload } from './csv-request-body';

export interface ImportRouteDependencies {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  /** Largest text/csv body; DEFAULT_IMPORT_BODY_LIMIT when omitted. */
  bodyLimit?: string;
}

const notFound = { description: 'no such import in this workspace' };
const UPLOAD_HELP =
  'Send the file as a text/csv body (mapping as a JSON query parameter, up to 20 MB) or as JSON {csv, mapping}.';

/** The mapping in force, or a 400 when it names a column the file lacks or leaves email unmapped. */
function mappingFor(csv: ParsedCsv, chosen: ImportMapping | undefined): ImportMapping {
  const unknown = Object.keys(chosen ?? {}).filter((header) => !csv.headers.includes(header));
  if (unknown.length > 0) {
    throw new UserError('validation_failed', `mapping names columns the file lacks: ${unknown.join(', ')}`, {
      fields: unknown.map((header) => ({ field: `mapping.${header}`, message: 'no such column in the file' })),
    });
  }
  const mapping = resolveMapping(csv.headers, chosen);
  if (!Object.values(mapping).includes('email')) {
    throw new UserError('validation_failed', 'no column maps to email: imports match contacts on it', {
      fields: [{ field: 'mapping', message: 'map one column to email' }],
      columns: csv.headers,
      mapping,
    });
  }
  return mapping;
}

/** CSV import: preview the mapping, start an import workflow, follow its progress and errors. */
export function importRoutes(deps: ImportRouteDependencies): ApiRoute[] {
  const limit = deps.bodyLimit ?? DEFAULT_IMPORT_BODY_LIMIT;
  return [
    defineRoute({
      method: 'post',
      path: '/imports/preview',
      tag: 'imports',
      summary: `Columns of a CSV file and the automatic mapping (HubSpot and Salesforce names), nothing stored. ${UPLOAD_HELP}`,
      access: 'contacts:import',
      responses: {
        200: { description: 'columns, mapping and a sample', schema: ImportPreviewSchema },
        400: { description: 'malformed CSV (with the line) or a bad mapping' },
      },
      handler: async ({ req, res }) => {
        const upload = await readCsvUpload(req, res, limit);
        const csv = parseCsv(upload.csv);
        const mapping = resolveMapping(csv.headers, upload.mapping);
        return {
          body: {
            columns: csv.headers,
            mapping,
            rows: csv.rows.length,
            sample: csv.rows.slice(0, 5).map((row) => rowObject(csv.headers, row.cells)),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/imports',
      tag: 'imports',
      summary: `Import contacts from a CSV file, as a workflow; rows matching an existing email update it. ${UPLOAD_HELP}`,
      access: 'contacts:import',
      responses: {
        201: { description: 'import created and started; follow GET /imports/{id}', schema: ImportSchema },
        400: { description: 'malformed CSV (with the line) or a bad mapping; nothing imported' },
        413: { description: 'file too large' },
      },
      handler: async ({ req, res, principal }) => {
        const upload = await readCsvUpload(req, res, limit);
        const csv = parseCsv(upload.csv);
        const mapping = mappingFor(csv, upload.mapping);
        const created = await createImport(deps.db, principal, { fileName: upload.fileName, csv, mapping });
        try {
          await deps.temporal.workflow.start<WorkflowContracts['importContactsWorkflow']>(
            WORKFLOW_NAMES.importContactsWorkflow,
            {
              taskQueue: deps.taskQueue,
              workflowId: created.workflowId,
              args: [{ principal, importId: created.id, total: csv.rows.length }],
            },
          );
        } catch (error) {
          await markImportFailed(deps.db, principal.tenantId, created.id);
          throw error;
        }
        return { status: 201, headers: { location: `/api/v1/imports/${created.id}` }, body: created };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/imports',
      tag: 'imports',
      summary: 'Imports of this workspace, newest first: status, counts and progress (0 to 1)',
      access: 'contacts:import',
      query: ImportListQuerySchema,
      responses: { 200: { description: 'one page', schema: pageOf(ImportSchema) } },
      handler: async ({ query, principal }) => ({ body: await listImports(deps.db, principal, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/imports/:id',
      tag: 'imports',
      summary: 'An import: status and counts (total, done, created, updated, failed)',
      access: 'contacts:import',
      params: IdParamsSchema,
      responses: { 200: { description: 'the import', schema: ImportSchema }, 404: notFound },
      handler: async ({ params, principal }) => ({ body: await getImport(deps.db, principal, params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/imports/:id/errors',
      tag: 'imports',
      summary: 'Rows an import rejected, in file order: line, reason and the row as it was, a page at a time',
      access: 'contacts:import',
      params: IdParamsSchema,
      query: ImportErrorListQuerySchema,
      responses: {
        200: { description: 'one page of rejected rows', schema: pageOf(ImportRowErrorSchema) },
        404: notFound,
      },
      handler: async ({ params, query, principal }) => ({
        body: await listImportErrors(deps.db, principal, params.id, query),
      }),
    }),
  ];
}
