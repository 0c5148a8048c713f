/** A Buffer view of the same bytes (no copy), for Buffer's indexOf and toString. */
export function asBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength)
}
