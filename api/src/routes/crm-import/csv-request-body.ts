import express, { type Request, type Response } from 'express';
import { ImportCreateQuerySchema, ImportCreateSchema, UserError, type ImportMapping } from '@cadenza/core';
import { validate } from '../../http/validate';

/** Largest CSV file accepted, as a text/csv body. JSON bodies keep the app-wide limit. */
export const DEFAULT_IMPORT_BODY_LIMIT = '20mb';

export interface CsvUpload {
  csv: string;
  mapping: ImportMapping | undefined;
  fileName: string | null;
}

const isCsv = (req: Request) => Boolean(req.is(['text/csv', 'text/plain']));

/**
 * The CSV of an import request: a text/csv body (mapping and file name in the query), read
 * here with its own size limit so only this route accepts big bodies; or JSON {csv, mapping}.
 */
export async function readCsvUpload(req: Request, res: Response, limit: string): Promise<CsvUpload> {
  if (isCsv(req)) {
    await new Promise<void>((resolve, reject) => {
      express.text({ type: ['text/csv', 'text/plain'], limit })(req, res, (error?: unknown) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
      );
    });
    const query = validate(ImportCreateQuerySchema, req.query, 'query');
    const csv = typeof req.body === 'string' ? req.body : '';
    if (csv.trim() === '') {
      throw new UserError('validation_failed', 'invalid body: the CSV is empty', {
        fields: [{ field: 'body', message: 'the CSV is empty' }],
      });
    }
    return { csv, mapping: query.mapping, fileName: query.fileName ?? null };
  }
  const body = validate(ImportCreateSchema, req.body ?? {}, 'body');
  return { csv: body.csv, mapping: body.mapping, fileName: body.fileName ?? null };
}
