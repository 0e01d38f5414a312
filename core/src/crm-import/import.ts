import { z } from 'zod';
import { IdSchema } from '../crm/common';
import { PageFields } from '../crm/list-query';
import { ImportMappingSchema } from './import-fields';

export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export const ImportStatusSchema = z.enum(IMPORT_STATUSES).describe('running, completed or failed');

/** A JSON import request; large files go as a text/csv body instead. */
export const ImportCreateSchema = z
  .object({
    csv: z.string().min(1).describe('the CSV file, header row first'),
    mapping: ImportMappingSchema.optional().describe('overrides of the automatic column mapping'),
    fileName: z.string().trim().min(1).max(255).optional().describe('name of the uploaded file, for display'),
  })
  .strict();
export type ImportCreate = z.infer<typeof ImportCreateSchema>;

/** Query of a text/csv import: the mapping travels JSON-encoded, since the body is the file. */
export const ImportCreateQuerySchema = z
  .object({
    mapping: z
      .string()
      .max(20_000)
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object of header → field' });
          return z.NEVER;
        }
      })
      .pipe(ImportMappingSchema)
      .optional()
      .describe('JSON object of CSV header → contact field'),
    fileName: z.string().trim().min(1).max(255).optional().describe('name of the uploaded file'),
  })
  .strict();

export const ImportCountsSchema = z.object({
  total: z.number().int().describe('data rows in the file'),
  done: z.number().int().describe('rows processed so far, good or bad'),
  created: z.number().int().describe('contacts created'),
  updated: z.number().int().describe('existing contacts (same email) updated'),
  failed: z.number().int().describe('rows rejected; see the errors'),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const ImportSchema = z.object({
  id: IdSchema,
  status: ImportStatusSchema,
  fileName: z.string().nullable(),
  columns: z.array(z.string()).describe('headers found in the file'),
  mapping: ImportMappingSchema.describe('mapping in use: automatic, with the caller’s overrides'),
  counts: ImportCountsSchema,
  progress: z.number().min(0).max(1).describe('share of rows processed, 0 to 1 (done / total; 1 for an empty file)'),
  workflowId: z.string().describe('Temporal workflow running the import'),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Import = z.infer<typeof ImportSchema>;

export const ImportRowErrorSchema = z.object({
  line: z.number().int().describe('line of the row in the file (the header is line 1)'),
  reason: z.string().describe('what is wrong, naming the field'),
  email: z.string().nullable().describe('email cell of the row, when there is one'),
  row: z.record(z.string(), z.string()).describe('the rejected row as it was in the file, header → cell'),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportPreviewSchema = z.object({
  columns: z.array(z.string()),
  mapping: ImportMappingSchema.describe('automatic mapping, with overrides applied'),
  rows: z.number().int().describe('data rows in the file'),
  sample: z.array(z.record(z.string(), z.string())).describe('first rows, header → cell'),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** The share of an import's rows processed so far, 0 to 1. */
export const importProgressOf = (counts: Pick<ImportCounts, 'total' | 'done'>): number =>
  counts.total === 0 ? 1 : Math.min(1, counts.done / counts.total);

export const ImportListQuerySchema = z
  .object({ ...PageFields, status: ImportStatusSchema.optional().describe('only imports in this status') })
  .strict();
export type ImportListQuery = z.infer<typeof ImportListQuerySchema>;

/** Rejected rows page in file order. */
export const ImportErrorListQuerySchema = z.object(PageFields).strict();
export type ImportErrorListQuery = z.infer<typeof ImportErrorListQuerySchema>;

/** Progress as the import workflow reports it to a query. */
export type ImportProgress = ImportCounts;

export const importWorkflowId = (tenantId: string, importId: string) => `import:${tenantId}:${importId}`;
