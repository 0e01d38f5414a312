import { parseHeaderBlock } from './parse-inbound';

/** One leaf of a MIME tree, its body decoded from its transfer encoding (as UTF-8, never throwing). */
export interface MimeLeaf {
  /** Lower-case `type/subtype`; `text/plain` when the part says nothing. */
  type: string;
  headers: Map<string, string>;
  body: string;
}

/** A MIME tree is walked this deep and this wide at most: a hostile message cannot make the walk expensive. */
const MAX_DEPTH = 8;
const MAX_LEAVES = 200;

/** `multipart/report; report-type=delivery-status; boundary="x"` as a lower-case type and lower-case-named parameters. */
export function parseContentType(value: string | null | undefined): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const [head = '', ...rest] = (value ?? '').match(/(?:[^;"]|"(?:\\.|[^"\\])*")+/g) ?? [];
  for (const piece of rest) {
    const match = /^\s*([^=\s]+)\s*=\s*(.*?)\s*$/.exec(piece);
    if (!match) continue;
    const raw = match[2]!;
    const unquoted = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    params.set(match[1]!.toLowerCase(), unquoted);
  }
  const type = head.trim().toLowerCase();
  return { type: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : 'text/plain', params };
}

/** A part's header block and body; a part that starts with a blank line has no headers, one without any has no body. */
export function splitHeaders(text: string): { headerBlock: string; body: string } {
  if (/^\r?\n/.test(text)) return { headerBlock: '', body: text.replace(/^\r?\n/, '') };
  const blank = /\r?\n\r?\n/.exec(text);
  if (!blank) return { headerBlock: text, body: '' };
  return { headerBlock: text.slice(0, blank.index), body: text.slice(blank.index + blank[0].length) };
}

function decodeQuotedPrintable(text: string): Buffer {
  const input = text.replace(/=[ \t]*\r?\n/g, '');
  const bytes: number[] = [];
  let last = 0;
  const chunks: Buffer[] = [];
  for (const match of input.matchAll(/=([0-9A-Fa-f]{2})/g)) {
    if (match.index! > last) {
      chunks.push(Buffer.from(bytes), Buffer.from(input.slice(last, match.index), 'utf8'));
      bytes.length = 0;
    }
    bytes.push(parseInt(match[1]!, 16));
    last = match.index! + 3;
  }
  chunks.push(Buffer.from(bytes), Buffer.from(input.slice(last), 'utf8'));
  return Buffer.concat(chunks);
}

/** A body decoded from base64 or quoted-printable; anything else (7bit, 8bit, binary, unknown) as it is. */
export function decodeTransfer(body: string, encoding: string | undefined): string {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8');
  if (name === 'quoted-printable') return decodeQuotedPrintable(body).toString('utf8');
  return body;
}

/** The parts between the boundary lines of a multipart body (a missing closing line ends the last part at the end). */
function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const bare = line.replace(/\r$/, '').trimEnd();
    if (bare === `--${boundary}` || bare === `--${boundary}--`) {
      if (current) parts.push(current.join('\n').replace(/\r?\n?$/, ''));
      if (bare.endsWith('--') && bare !== `--${boundary}`) return parts;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\n'));
  return parts;
}

/**
 * The leaves of a message, depth first. A multipart whose boundary never appears (broken or
 * missing) is kept as one text leaf, so its words are still there to read. message/rfc822
 * parts are leaves: what they carry is the returned message, read by whoever asked for it.
 */
export function mimeLeaves(source: string): { headers: Map<string, string>; leaves: MimeLeaf[] } {
  const { headerBlock, body } = splitHeaders(source);
  const headers = parseHeaderBlock(headerBlock);
  const leaves: MimeLeaf[] = [];
  const walk = (partHeaders: Map<string, string>, partBody: string, depth: number) => {
    if (leaves.length >= MAX_LEAVES) return;
    const { type, params } = parseContentType(partHeaders.get('content-type'));
    const boundary = params.get('boundary');
    if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
      const parts = splitMultipart(partBody, boundary);
      if (parts.length > 0) {
        for (const part of parts) {
          const split = splitHeaders(part);
          walk(parseHeaderBlock(split.headerBlock), split.body, depth + 1);
        }
        return;
      }
    }
    const leafType = type.startsWith('multipart/') ? 'text/plain' : type;
    leaves.push({
      type: leafType,
      headers: partHeaders,
      body: decodeTransfer(partBody, partHeaders.get('content-transfer-encoding')),
    });
  };
  walk(headers, body, 0);
  return { headers, leaves };
}
