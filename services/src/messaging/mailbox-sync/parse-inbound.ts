import { simpleParser } from 'mailparser';

/** A header block (`Name: value` lines, folded or not) as lower-case names to unfolded values; the first of a repeated header wins. */
export function parseHeaderBlock(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const match = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (!match) continue;
    const name = match[1]!.toLowerCase();
    if (!headers.has(name)) headers.set(name, match[2]!.trim());
  }
  return headers;
}

/** Text kept from a reply: enough for the timeline and the reply-triage step, never attachments. */
const MAX_TEXT_CHARS = 100_000;

/**
 * The plain text of an email (its HTML turned to text when it has no text part), decoded from
 * whatever transfer encoding and charset it declares. Malformed MIME yields what could be read,
 * never an exception: the reply is still recorded.
 */
export async function inboundText(source: Buffer): Promise<string> {
  try {
    const parsed = await simpleParser(source, { skipImageLinks: true, skipHtmlToText: false });
    const text = parsed.text ?? (typeof parsed.html === 'string' ? parsed.html.replace(/<[^>]*>/g, ' ') : '');
    return text.slice(0, MAX_TEXT_CHARS);
  } catch {
    return '';
  }
}
