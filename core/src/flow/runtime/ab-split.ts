/**
 * Deterministic A/B assignment: the same seed always gets the same variant, on every replay
 * and every worker, with no stored state. Seed with something stable per contact and node,
 * e.g. `${flowId}:${nodeId}:${contactId}`, so one contact's variants in different splits
 * are independent.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text` (so it matches other implementations). */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of utf8Bytes(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The handle of the variant `seed` falls into: the hash modulo the total weight, matched
 * against the cumulative weights in list order. Modulo, not scaling the hash onto the total:
 * FNV-1a's high bits barely move when only the last character changes, so seeds such as
 * contact-1 ... contact-9 would all land in one variant. (The modulo bias is below 1e-7.)
 */
export function chooseVariant(variants: readonly { handle: string; weight: number }[], seed: string): string {
  const total = variants.reduce((sum, variant) => sum + Math.max(0, variant.weight), 0);
  if (total <= 0) throw new Error('chooseVariant needs at least one variant with a positive weight');
  const bucket = fnv1a32(seed) % total;
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += Math.max(0, variant.weight);
    if (bucket < cumulative) return variant.handle;
  }
  // Unreachable: bucket < total. Kept so the return type needs no assertion.
  throw new Error('chooseVariant: bucket outside the cumulative weights');
}

function* utf8Bytes(text: string): Generator<number> {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) yield code;
    else if (code < 0x800) {
      yield 0xc0 | (code >> 6);
      yield 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      yield 0xe0 | (code >> 12);
      yield 0x80 | ((code >> 6) & 0x3f);
      yield 0x80 | (code & 0x3f);
    } else {
      yield 0xf0 | (code >> 18);
      yield 0x80 | ((code >> 12) & 0x3f);
      yield 0x80 | ((code >> 6) & 0x3f);
      yield 0x80 | (code & 0x3f);
    }
  }
}
