import { parse } from 'csv-parse/sync';
import { UserError } from '@cadenza/core';

export interface ParsedCsv {
  headers: string[];
  /** Data rows in file order, each with the line it starts on (the header is line 1). */
  rows: Array<{ line: number; cells: string[] }>;
}

/**
 * Parses a whole CSV file, strictly: an unclosed quote or a row with the wrong number of
 * columns rejects the file with the line, so nothing of a broken file is imported.
 */
export function parseCsv(text: string): ParsedCsv {
  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse's sync and stream builds each have their own CsvError class: match the code.
    const csv = error as { code?: string; lines?: number; message: string };
    if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) {
      const line = csv.lines;
      throw new UserError('malformed_csv', `malformed CSV at line ${line}: ${csv.message}`, {
        line,
        reason: csv.code,
        fields: [{ field: 'body', message: `line ${line}: ${csv.message}` }],
      });
    }
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new UserError('malformed_csv', 'the CSV is empty: expected a header row', { line: 1 });
  const headers = header.record.map((h) => h.trim());
  const blank = headers.findIndex((h) => h === '');
  if (blank >= 0) {
    throw new UserError('malformed_csv', `malformed CSV at line 1: column ${blank + 1} has no header`, { line: 1 });
  }
  let previous = header.info;
  const rows = data.map(({ record, info }) => {
    // A record's start: just past the previous record and any blank lines skipped between.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    return { line, cells: record };
  });
  return { headers, rows };
}

/** Header → cell for one row. */
export const rowObject = (headers: string[], cells: string[]): Record<string, string> =>
  Object.fromEntries(headers.map((header, i) => [header, cells[i] ?? '']));
