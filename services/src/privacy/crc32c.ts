/** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum Cloud KMS uses for end-to-end integrity. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32C of `data` as an unsigned 32-bit integer. Node's zlib.crc32 is the IEEE polynomial,
 * not this one; a data key is 32 bytes, so a table-driven loop costs nothing.
 */
export function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
