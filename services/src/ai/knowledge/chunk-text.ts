/**
 * Splits a document into chunks for embedding: by paragraphs, then sentences, then words, packed
 * up to `maxChars` with the previous chunk's last sentences carried over (up to `overlapChars`), so
 * a passage cut at a boundary is still found whole in one chunk. all-MiniLM-L6-v2 reads 256 tokens
 * (about 1,000 characters of English): the default bound keeps a chunk under it.
 */
export interface ChunkOptions {
  maxChars?: number;
  overlapChars?: number;
  format?: 'text' | 'markdown';
}

export const DEFAULT_CHUNK_CHARS = 800;
export const DEFAULT_OVERLAP_CHARS = 160;

/** One unit of packing and what joins it to the unit before it. */
interface Piece {
  text: string;
  joiner: '\n\n' | ' ';
}

/** Markdown read as text: headings, emphasis, code fences, images and link targets go; the words stay. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^```[^\n]*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '\n$1\n')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/gm, '')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2');
}

/** Sentence ends: . ! ? (and their CJK forms) followed by space. */
function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?。！？])\s+/).filter((s) => s.length > 0);
}

/** A sentence too long for a chunk, cut at spaces (or anywhere, for a word longer than a chunk). */
function wordsUpTo(sentence: string, maxChars: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const word of sentence.split(' ')) {
    for (let start = 0; start < Math.max(word.length, 1); start += maxChars) {
      const piece = word.slice(start, start + maxChars);
      if (current && current.length + 1 + piece.length > maxChars) {
        parts.push(current);
        current = piece;
      } else current = current ? `${current} ${piece}` : piece;
    }
  }
  if (current) parts.push(current);
  return parts;
}

function piecesOf(text: string, maxChars: number): Piece[] {
  const pieces: Piece[] = [];
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  for (const paragraph of paragraphs) {
    const units =
      paragraph.length <= maxChars
        ? [paragraph]
        : sentencesOf(paragraph).flatMap((s) => (s.length <= maxChars ? [s] : wordsUpTo(s, maxChars)));
    units.forEach((unit, i) => pieces.push({ text: unit, joiner: i === 0 ? '\n\n' : ' ' }));
  }
  return pieces;
}

const lengthOf = (pieces: Piece[]) => pieces.reduce((sum, p, i) => sum + p.text.length + (i ? p.joiner.length : 0), 0);
const join = (pieces: Piece[]) => pieces.map((p, i) => (i ? p.joiner : '') + p.text).join('');

export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const maxChars = options.maxChars ?? DEFAULT_CHUNK_CHARS;
  const overlapChars = options.overlapChars ?? DEFAULT_OVERLAP_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < 20)
    throw new Error(`maxChars must be an integer of at least 20, got ${maxChars}`);
  if (!(overlapChars >= 0 && overlapChars < maxChars))
    throw new Error(`overlapChars must be at least 0 and below maxChars, got ${overlapChars}`);
  const plain = options.format === 'markdown' ? markdownToText(text) : text;

  const chunks: string[] = [];
  let current: Piece[] = [];
  let fresh = 0; // pieces of `current` not already in the previous chunk
  for (const piece of piecesOf(plain, maxChars)) {
    if (current.length > 0 && lengthOf([...current, piece]) > maxChars) {
      if (fresh > 0) chunks.push(join(current));
      // Carry the last pieces that fit in the overlap, and leave room for the new piece.
      let carry: Piece[] = [];
      for (let i = current.length - 1; i >= 0; i--) {
        const candidate = [current[i]!, ...carry];
        if (lengthOf(candidate) > overlapChars || lengthOf([...candidate, piece]) > maxChars) break;
        carry = candidate;
      }
      current = carry;
      fresh = 0;
    }
    current.push(piece);
    fresh++;
  }
  if (fresh > 0) chunks.push(join(current));
  return chunks;
}
