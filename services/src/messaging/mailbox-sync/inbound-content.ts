import { createHash } from 'node:crypto';
import { mailboxImportHashes, type Db } from '@cadenza/data';
import type { InboundMessage } from './import-message';
import { mimeLeaves } from './mime-parts';
import { inboundText } from './parse-inbound';

/**
 * At most this much of a message is downloaded (an IMAP partial fetch): all of an ordinary
 * email, the headers and leading text of a 25 MB one, never its attachments. Memory per
 * message stays bounded whatever the mailbox holds.
 */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** Reading the text of one message gives up after this long: a pathological MIME tree does not hold the poll. */
const TEXT_TIMEOUT_MS = 20_000;
/** Header values are kept to this many characters (References keeps its end, where the newest ids are). */
const MAX_HEADER_CHARS = 32_000;
const MAX_SUBJECT_CHARS = 1_000;
/** The fallback text reader looks at this much of a message, and keeps as much text as inboundText. */
const MAX_FALLBACK_BYTES = 256 * 1024;
const MAX_TEXT_CHARS = 100_000;

/**
 * Text PostgreSQL can store: no NUL characters (text and jsonb refuse them) and no lone UTF-16
 * surrogates (a broken UTF-16 charset decodes to them; jsonb refuses their escapes).
 */
export function storable(text: string): string {
  return text
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A message whose every string is storable and bounded, whatever the sender put in its headers. */
export function storableEntry<E extends Pick<InboundMessage, 'from' | 'subject' | 'headers'>>(entry: E): E {
  const headers = new Map<string, string>();
  for (const [name, value] of entry.headers) {
    const clean = storable(value);
    headers.set(
      name,
      clean.length <= MAX_HEADER_CHARS
        ? clean
        : name === 'references'
          ? clean.slice(-MAX_HEADER_CHARS)
          : clean.slice(0, MAX_HEADER_CHARS),
    );
  }
  return {
    ...entry,
    from: entry.from === null ? null : storable(entry.from).slice(0, 320),
    subject: entry.subject === null ? null : storable(entry.subject).slice(0, MAX_SUBJECT_CHARS),
    headers,
  };
}

/** A message's body, downloaded once, on first use, and bounded. */
export interface InboundContent {
  /** The raw source (its first MAX_SOURCE_BYTES); null when the server no longer has the message. */
  source(): Promise<Buffer | null>;
  /** Its plain text, storable; empty when it has none or it cannot be read. */
  text(): Promise<string>;
  /**
   * What makes this email itself, apart from how it travelled: its Message-ID, Date, sender,
   * subject and text (not Received or Delivered-To). A copy of it, or the same email delivered
   * twice, hashes the same; a different email reusing its Message-ID does not.
   */
  hash(): Promise<string>;
}

export function inboundContent(entry: Pick<InboundMessage, 'source' | 'from' | 'subject' | 'headers'>): InboundContent {
  let source: Promise<Buffer | null> | null = null;
  let text: Promise<string> | null = null;
  const content: InboundContent = {
    source: () => (source ??= entry.source(MAX_SOURCE_BYTES)),
    text: () => (text ??= content.source().then(async (raw) => (raw ? storable(await readableText(raw)) : ''))),
    async hash() {
      const parts = [
        entry.headers.get('message-id') ?? '',
        entry.headers.get('date') ?? '',
        entry.from ?? '',
        entry.subject ?? '',
        await content.text(),
      ];
      return createHash('sha256').update(parts.join('\n')).digest('hex');
    },
  };
  return content;
}

/**
 * The text mailparser finds, or else the text leaves of our own forgiving walk: a multipart
 * whose declared boundary never appears gives mailparser nothing, but its words are there.
 */
async function readableText(raw: Buffer): Promise<string> {
  const parsed = await withTimeout(inboundText(raw), '');
  if (parsed.trim()) return parsed;
  const leaves = mimeLeaves(raw.subarray(0, MAX_FALLBACK_BYTES).toString('utf8')).leaves;
  return leaves
    .filter((leaf) => leaf.type === 'text/plain')
    .map((leaf) => leaf.body)
    .join('\n')
    .slice(0, MAX_TEXT_CHARS);
}

function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), TEXT_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * True when this mailbox already imported this email: the same Message-ID with the same
 * content (a copy in the INBOX, the folder renumbered under a new UIDVALIDITY, a double
 * delivery). A different email that reuses the Message-ID is not a duplicate: it is imported too.
 */
export async function isDuplicateImport(
  db: Db,
  mailboxId: string,
  rfcMessageId: string | null,
  content: InboundContent,
): Promise<boolean> {
  if (!rfcMessageId) return false;
  const hashes = await mailboxImportHashes(db, mailboxId, rfcMessageId);
  if (hashes.length === 0) return false;
  if (hashes.includes(null)) return true;
  return hashes.includes(await content.hash());
}
