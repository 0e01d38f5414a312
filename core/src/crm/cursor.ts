import { UserError } from '../errors';

/**
 * A keyset position: the sort key the page ended on, in Postgres text form (so timestamps
 * keep their microseconds), plus the id that breaks ties. Opaque to clients; it names its
 * sort so a cursor from one ordering is never applied to another.
 */
export interface Cursor {
  sort: string;
  value: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

const invalid = (message: string) =>
  new UserError('validation_failed', `invalid query: query.cursor: ${message}`, {
    fields: [{ field: 'query.cursor', message }],
  });

/** Reads a cursor from a client, refusing anything we did not make for this sort. */
export function decodeCursor(raw: string, sort: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid('is not a cursor returned by this list');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !parsed.every((part) => typeof part === 'string') ||
    !/^[0-9a-f-]{1,36}$/i.test(parsed[2] as string)
  ) {
    throw invalid('is not a cursor returned by this list');
  }
  const [cursorSort, value, id] = parsed as [string, string, string];
  if (cursorSort !== sort) throw invalid(`was made for sort ${cursorSort}, not ${sort}; start again without a cursor`);
  return { sort: cursorSort, value, id };
}
