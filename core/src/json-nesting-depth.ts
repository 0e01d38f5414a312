const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * How deeply the objects and arrays of a JSON text nest (`1` for `[1]`, `0` for `"x"`), in one
 * pass over the raw bytes, so a body can be refused before JSON.parse or anything recursive
 * sees it. Brackets inside strings do not count. UTF-8 is safe to scan bytewise: a quote or a
 * backslash byte never occurs inside a multi-byte character. The text need not be valid JSON;
 * the parser that runs next reports that.
 */
export function jsonNestingDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return deepest;
}
