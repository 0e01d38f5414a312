import { UserError } from '@cadenza/core';

/** The text fields of a multipart/form-data body; file parts (attachments) are skipped. */
export type FormFields = Record<string, string>;

/** The boundary named by a multipart/form-data Content-Type, or null for any other type. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!/^multipart\/form-data\b/i.test(contentType ?? '')) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new UserError('invalid_multipart', 'multipart/form-data without a boundary');
  return boundary;
}

/**
 * Parses the text fields of a multipart/form-data body (RFC 7578). Written here rather than
 * pulled in as a package because the only multipart caller (SendGrid Inbound Parse) posts a
 * handful of text fields; attachments are parts with a filename and are ignored. Field values
 * are decoded as UTF-8, which is what SendGrid sends when the Inbound Parse "raw" option is off
 * and charsets are normalised (its `charsets` field names them).
 */
export function parseMultipartForm(body: Buffer, boundary: string): FormFields {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: FormFields = {};
  let start = body.indexOf(delimiter);
  if (start === -1) throw new UserError('invalid_multipart', 'multipart body does not contain its boundary');
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    // "--" after a delimiter closes the body.
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) throw new UserError('invalid_multipart', 'multipart body ends without its closing boundary');
    const part = body.subarray(afterDelimiter, next);
    const field = parsePart(trimLineBreaks(part));
    if (field) fields[field.name] = field.value;
    start = next;
  }
  return fields;
}

/** A part lies between the CRLF that ends its delimiter line and the CRLF before the next one. */
function trimLineBreaks(part: Buffer): Buffer {
  let from = 0;
  let to = part.length;
  if (part[from] === 0x0d && part[from + 1] === 0x0a) from += 2;
  else if (part[from] === 0x0a) from += 1;
  if (part[to - 2] === 0x0d && part[to - 1] === 0x0a) to -= 2;
  else if (part[to - 1] === 0x0a) to -= 1;
  return part.subarray(from, to);
}

function parsePart(part: Buffer): { name: string; value: string } | null {
  let headerEnd = part.indexOf('\r\n\r\n');
  let separator = 4;
  if (headerEnd === -1) {
    headerEnd = part.indexOf('\n\n');
    separator = 2;
  }
  if (headerEnd === -1) throw new UserError('invalid_multipart', 'multipart part without a header block');
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1];
  if (disposition === undefined) return null;
  if (/;\s*filename\*?=/i.test(disposition)) return null;
  const name = /;\s*name="((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(disposition)?.[1];
  if (name === undefined) return null;
  return { name, value: part.subarray(headerEnd + separator).toString('utf8') };
}

/** Reads a request stream up to `limit` bytes; a larger body is a 413 rather than unbounded memory. */
export async function readBody(stream: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) throw new UserError('payload_too_large', `body larger than ${limit} bytes`, undefined, 413);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
