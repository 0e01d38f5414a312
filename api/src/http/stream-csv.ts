import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Streams CSV chunks as a download. The header row and the first page are read before any
 * header is sent, so a failing query (a bad cursor, say) is still a JSON error; the header
 * row alone runs no query. A failure later cuts the response, so the client sees a broken
 * download, not a short file.
 */
export async function streamCsv(res: Response, filename: string, chunks: AsyncGenerator<string>): Promise<void> {
  const first = await chunks.next();
  const second = first.done ? first : await chunks.next();
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'no-store');
  try {
    if (!first.done) res.write(first.value);
    if (!second.done) res.write(second.value);
    for await (const chunk of chunks) {
      if (!res.write(chunk)) await once(res, 'drain');
    }
    res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
