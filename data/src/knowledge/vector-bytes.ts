/**
 * How a vector is stored portably: its 384 float32s, little-endian, in a bytea. Exact (the
 * embedders answer float32) and a quarter of the size of `real[]`'s text form, and a scan reads
 * it with the binary protocol straight into a Float32Array.
 */
export const VECTOR_DIMENSIONS = 384;
export const EMBEDDING_BYTES = VECTOR_DIMENSIONS * 4;

export function vectorToBytes(vector: ArrayLike<number>): Buffer {
  if (vector.length !== VECTOR_DIMENSIONS)
    throw new Error(`a stored vector has ${VECTOR_DIMENSIONS} dimensions, got ${vector.length}`);
  const bytes = Buffer.alloc(EMBEDDING_BYTES);
  for (let i = 0; i < VECTOR_DIMENSIONS; i++) {
    const value = vector[i]!;
    if (!Number.isFinite(value)) throw new Error(`vector component ${i} is not a finite number`);
    bytes.writeFloatLE(value, i * 4);
  }
  return bytes;
}

export function bytesToVector(bytes: Uint8Array): Float32Array {
  if (bytes.length !== EMBEDDING_BYTES)
    throw new Error(`a stored vector is ${EMBEDDING_BYTES} bytes, got ${bytes.length}`);
  const out = new Float32Array(VECTOR_DIMENSIONS);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < VECTOR_DIMENSIONS; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** pgvector's text form, `[0.1,0.2,…]`, for the copy kept where the server has the extension. */
export function vectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector, (v) => Math.fround(v)).join(',')}]`;
}
