/*
 * LZ4 decompression in plain TypeScript, for the codecs Parquet and Arrow IPC use:
 *   - the block format (Parquet LZ4_RAW; the blocks inside the other two),
 *   - the frame format (Arrow IPC LZ4_FRAME body compression; some Parquet LZ4 writers),
 *   - Hadoop's framing (Parquet's deprecated LZ4 codec as parquet-mr writes it): big-endian
 *     uncompressed size and compressed size, then an LZ4 block, repeated.
 * Formats: https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md and lz4_Frame_format.md.
 * Every read is bounds-checked; malformed input throws an Error saying where.
 */

const FRAME_MAGIC = 0x184d2204
const SKIPPABLE_MAGIC_MASK = 0xfffffff0
const SKIPPABLE_MAGIC = 0x184d2a50
/** Frame block maximum sizes by the BD byte's block-size id (4 to 7). */
const FRAME_BLOCK_SIZES = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20]

/**
 * Decompresses one LZ4 block into `output` from `at`; returns the end of the written bytes.
 * `output` must be large enough: a block that decodes past its end is reported as corrupt.
 * Matches may reach back to `windowStart` (earlier blocks of a frame with linked blocks).
 */
function decodeBlock(input: Uint8Array, output: Uint8Array, at: number, windowStart = at): number {
  let i = 0
  let o = at
  const end = input.length
  while (i < end) {
    const token = input[i++]!
    let literals = token >>> 4
    if (literals === 15) {
      let byte: number
      do {
        if (i >= end) throw new Error(`lz4 block: literal length runs past the input at byte ${i}`)
        byte = input[i++]!
        literals += byte
      } while (byte === 255)
    }
    if (i + literals > end) throw new Error(`lz4 block: ${literals} literals at byte ${i} run past the ${end}-byte input`)
    if (o + literals > output.length) throw new Error(`lz4 block: output exceeds the expected ${output.length} bytes`)
    output.set(input.subarray(i, i + literals), o)
    i += literals
    o += literals
    // the last sequence has literals only
    if (i === end) break
    if (i + 2 > end) throw new Error(`lz4 block: match offset cut short at byte ${i}`)
    const offset = input[i]! | (input[i + 1]! << 8)
    i += 2
    if (offset === 0 || offset > o - windowStart) throw new Error(`lz4 block: match offset ${offset} at byte ${i - 2} points before the output`)
    let length = token & 15
    if (length === 15) {
      let byte: number
      do {
        if (i >= end) throw new Error(`lz4 block: match length runs past the input at byte ${i}`)
        byte = input[i++]!
        length += byte
      } while (byte === 255)
    }
    length += 4
    if (o + length > output.length) throw new Error(`lz4 block: output exceeds the expected ${output.length} bytes`)
    // byte by byte: a match may overlap the bytes it is copying (offset < length)
    let from = o - offset
    for (let n = 0; n < length; n++) output[o++] = output[from++]!
  }
  return o
}

/** An LZ4 block of known decompressed size (Parquet LZ4_RAW). */
export function lz4BlockDecompress(input: Uint8Array, outputLength: number): Uint8Array {
  const output = new Uint8Array(outputLength)
  const written = decodeBlock(input, output, 0)
  if (written !== outputLength) throw new Error(`lz4 block: decoded ${written} bytes; expected ${outputLength}`)
  return output
}

function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
}

function readUint32BE(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
}

export function isLz4Frame(input: Uint8Array): boolean {
  return input.length >= 4 && readUint32LE(input, 0) === FRAME_MAGIC
}

/**
 * One or more LZ4 frames (skippable frames are skipped), with independent or linked blocks.
 * Checksums are not verified: a corrupt block fails to decode or to fill its size anyway.
 * `outputLength`, when known, sizes and bounds the output.
 */
export function lz4FrameDecompress(input: Uint8Array, outputLength?: number): Uint8Array {
  let output = new Uint8Array(outputLength ?? Math.max(64, input.length * 4))
  let total = 0
  const room = (bytes: number): void => {
    if (total + bytes <= output.length) return
    if (outputLength !== undefined) throw new Error(`lz4 frame: output exceeds the expected ${outputLength} bytes`)
    let size = output.length * 2
    while (size < total + bytes) size *= 2
    const grown = new Uint8Array(size)
    grown.set(output.subarray(0, total))
    output = grown
  }
  let i = 0
  while (i < input.length) {
    if (i + 4 > input.length) throw new Error(`lz4 frame: ${input.length - i} stray bytes at ${i}`)
    const magic = readUint32LE(input, i)
    if (((magic & SKIPPABLE_MAGIC_MASK) >>> 0) === SKIPPABLE_MAGIC) {
      if (i + 8 > input.length) throw new Error(`lz4 frame: skippable frame header cut short at ${i}`)
      i += 8 + readUint32LE(input, i + 4)
      continue
    }
    if (magic !== FRAME_MAGIC) throw new Error(`lz4 frame: magic 0x${magic.toString(16)} at byte ${i}; expected 0x184d2204`)
    i += 4
    if (i + 3 > input.length) throw new Error(`lz4 frame: descriptor cut short at ${i}`)
    const flags = input[i]!
    const bd = input[i + 1]!
    if (flags >>> 6 !== 1) throw new Error(`lz4 frame: version ${flags >>> 6}; expected 1`)
    const linked = (flags & 0x20) === 0
    const blockChecksum = (flags & 0x10) !== 0
    const hasContentSize = (flags & 0x08) !== 0
    const contentChecksum = (flags & 0x04) !== 0
    const hasDictId = (flags & 0x01) !== 0
    const blockMax = FRAME_BLOCK_SIZES[(bd >>> 4) & 7] ?? 0
    if (blockMax === 0) throw new Error(`lz4 frame: block size id ${(bd >>> 4) & 7}; expected 4 to 7`)
    i += 2 + (hasContentSize ? 8 : 0) + (hasDictId ? 4 : 0) + 1 // + header checksum
    const frameStart = total
    for (;;) {
      if (i + 4 > input.length) throw new Error(`lz4 frame: block size cut short at ${i}`)
      const word = readUint32LE(input, i)
      i += 4
      if (word === 0) break
      const size = word & 0x7fffffff
      if (i + size > input.length) throw new Error(`lz4 frame: ${size}-byte block at ${i - 4} runs past the input`)
      const block = input.subarray(i, i + size)
      i += size + (blockChecksum ? 4 : 0)
      if (word & 0x80000000) {
        room(size)
        output.set(block, total)
        total += size
      } else {
        room(outputLength === undefined ? blockMax : 0)
        const bound = outputLength === undefined ? total + blockMax : outputLength
        total = decodeBlock(block, output.subarray(0, bound), total, linked ? frameStart : total)
      }
    }
    if (contentChecksum) i += 4
  }
  if (outputLength !== undefined && total !== outputLength) throw new Error(`lz4 frame: decoded ${total} bytes; expected ${outputLength}`)
  return output.subarray(0, total)
}

/**
 * Hadoop's LZ4 framing: [uncompressed size, compressed size] big-endian, then the block, until
 * `outputLength` bytes are out. Returns null when the input does not have that shape, so the caller
 * can try the other layouts writers have used for Parquet's LZ4 codec.
 */
export function lz4HadoopDecompress(input: Uint8Array, outputLength: number): Uint8Array | null {
  const output = new Uint8Array(outputLength)
  let i = 0
  let o = 0
  while (i < input.length) {
    if (i + 8 > input.length) return null
    const expected = readUint32BE(input, i)
    const size = readUint32BE(input, i + 4)
    i += 8
    if (i + size > input.length || o + expected > outputLength) return null
    try {
      const written = decodeBlock(input.subarray(i, i + size), output.subarray(0, o + expected), o)
      if (written - o !== expected) return null
    } catch {
      return null
    }
    o += expected
    i += size
  }
  return o === outputLength ? output : null
}

/** Parquet's deprecated LZ4 codec: Hadoop framing, else an LZ4 frame, else a bare block (as Arrow's reader tries them). */
export function lz4ParquetDecompress(input: Uint8Array, outputLength: number): Uint8Array {
  const hadoop = lz4HadoopDecompress(input, outputLength)
  if (hadoop) return hadoop
  if (isLz4Frame(input)) return lz4FrameDecompress(input, outputLength)
  return lz4BlockDecompress(input, outputLength)
}
