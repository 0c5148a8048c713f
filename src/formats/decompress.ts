import { constants, createGunzip, gunzipSync } from 'node:zlib'
import type { Compression } from './types.js'
import { DEFAULT_LIMITS, RATIO_GRACE_BYTES, type ReadLimits } from './limits.js'
import { MAX_ZSTD_WINDOW, ZstdFrameGuard } from './zstd-frames.js'

/** Feeds compressed bytes in, hands decompressed chunks to `onData`. */
export interface Decoder {
  write(chunk: Buffer): Promise<void> | void
  /** Resolves with why decoding stopped and where (COMPRESSED_CORRUPT), or null when it did not fail. */
  end(): Promise<DecodeFailure | null>
  /** why decoding stopped before the end of the content, when a limit stopped it (DECOMPRESSION_LIMIT) */
  readonly limited: DecodeLimit | null
}

/** Why a stream could not be decoded, and where. */
export interface DecodeFailure {
  /** in tdgov's words (describeDecodingError) */
  reason: string
  /**
   * compressed bytes decoded cleanly before the failure: the decoder found it while decoding the
   * DECODE_PIECE bytes from here (the end of the file, when the stream ends early)
   */
  offset: number
}

/**
 * Compressed bytes handed to the decoder at a time: the offset of a failure is known to within
 * this much, since neither zlib's stream nor fzstd says which byte of its input was bad.
 */
export const DECODE_PIECE = 64 * 1024

/** Where decoding was stopped by a limit, and why, in tdgov's words. */
export interface DecodeLimit {
  /** decompressed bytes handed on before the stop */
  bytes: number
  reason: string
}

/**
 * Counts what goes into and comes out of a decoder and stops the output at the limits: no more
 * than `maxDecompressedBytes`, and past the first RATIO_GRACE_BYTES no more than
 * `maxDecompressionRatio` bytes per compressed byte read so far.
 */
class OutputBudget {
  input = 0
  output = 0
  hit: DecodeLimit | null = null

  constructor(private readonly limits: ReadLimits) {}

  /** The part of `chunk` to hand on: all of it, its head at the size limit, or nothing once stopped. */
  admit(chunk: Uint8Array): Uint8Array | null {
    if (this.hit) return null
    const max = this.limits.maxDecompressedBytes
    let out = chunk
    if (max > 0 && this.output + chunk.length > max) {
      out = chunk.subarray(0, max - this.output)
      this.hit = { bytes: max, reason: `it expands to more than ${max} bytes (--max-decompressed-bytes)` }
    }
    this.output += out.length
    const ratio = this.limits.maxDecompressionRatio
    if (!this.hit && this.output > RATIO_GRACE_BYTES && this.output > this.input * ratio) {
      this.hit = { bytes: this.output, reason: `${this.input} compressed bytes expanded to ${this.output}, more than ${ratio} times (--max-decompression-ratio)` }
    }
    return out
  }
}

/** Thrown from inside fzstd's output callback to stop it mid-push: fzstd decodes a whole push at once. */
class StopDecoding extends Error {}

/** zlib's inflate messages (zlib's inflate.c, the same since 1.2) in tdgov's words. */
const ZLIB_MESSAGES: ReadonlyMap<string, string> = new Map([
  ['unexpected end of file', 'the compressed data ends early; expected the rest of the stream (truncated file?)'],
  ['incorrect data check', 'the CRC-32 in the gzip trailer does not match the decompressed data'],
  ['incorrect length check', 'the length in the gzip trailer does not match the decompressed data'],
  ['incorrect header check', 'bytes after a gzip member are not another gzip member; expected the end of the file'],
  ['unknown compression method', 'the gzip header names a compression method other than deflate'],
  ['unknown header flags set', 'the gzip header sets reserved flags'],
])

/** fzstd's messages in tdgov's words. */
const ZSTD_MESSAGES: ReadonlyMap<string, string> = new Map([
  ['unexpected EOF', 'the compressed data ends early; expected the rest of the frame (truncated file?)'],
  ['unexpected end of data', 'the compressed data ends early; expected the rest of the frame (truncated file?)'],
  ['invalid zstd data', 'a zstd frame header is invalid; expected the zstd magic number and a valid frame descriptor'],
  ['window size too large (>2046MB)', 'the frame asks for a window larger than 2 GB; expected at most 2046 MB'],
])

/**
 * Why a compressed stream stopped decoding, as the COMPRESSED_CORRUPT finding says it: a known
 * zlib or fzstd failure in tdgov's words, any other "the deflate (zstd) data is corrupt".
 */
export function describeDecodingError(compression: Compression, error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  const known = (compression === 'gzip' ? ZLIB_MESSAGES : ZSTD_MESSAGES).get(message)
  if (known) return known
  return compression === 'gzip' ? 'the deflate data is corrupt; expected a valid deflate stream' : 'the zstd data is corrupt; expected valid compressed blocks'
}

function decodingFailure(compression: Compression, error: unknown, offset: number): DecodeFailure {
  return { reason: describeDecodingError(compression, error), offset }
}

export async function createDecoder(compression: Compression, onData: (chunk: Uint8Array) => void, limits: ReadLimits = DEFAULT_LIMITS): Promise<Decoder> {
  const budget = new OutputBudget(limits)
  return compression === 'gzip' ? gzipDecoder(onData, budget) : zstdDecoder(onData, budget)
}

/** fzstd is loaded when the first zstd file turns up (Node 20's zlib has no zstd). */
async function loadZstd(): Promise<typeof import('fzstd')> {
  return import('fzstd')
}

/** zlib runs in libuv's thread pool, so inflating overlaps with reading and hashing. */
function gzipDecoder(onData: (chunk: Uint8Array) => void, budget: OutputBudget): Decoder {
  const gunzip = createGunzip({ chunkSize: 1 << 20 })
  let failure: DecodeFailure | null = null
  /** compressed bytes of the pieces inflated without error */
  let decoded = 0
  gunzip.on('data', (chunk: Buffer) => {
    const admitted = budget.admit(chunk)
    if (admitted && admitted.length > 0) onData(admitted)
  })
  gunzip.on('error', (error: Error) => {
    failure ??= decodingFailure('gzip', error, decoded)
  })
  return {
    get limited() {
      return budget.hit
    },
    async write(chunk) {
      if (failure || budget.hit) return
      budget.input += chunk.length
      // The stream keeps the buffer until it is inflated; the caller reuses its own.
      const copy = Buffer.from(chunk)
      let ready = true
      for (let at = 0; at < copy.length; at += DECODE_PIECE) {
        const piece = copy.subarray(at, at + DECODE_PIECE)
        ready = gunzip.write(piece, (error) => {
          if (!error) decoded += piece.length
        })
      }
      if (!ready) {
        await new Promise<void>((resolve) => {
          gunzip.once('drain', resolve)
          gunzip.once('error', () => resolve())
        })
      }
    },
    async end() {
      if (failure) return failure
      if (budget.hit) {
        // The rest is not wanted: inflating it is the very cost the limit is there to avoid.
        gunzip.destroy()
        return null
      }
      await new Promise<void>((resolve) => {
        gunzip.once('end', resolve)
        gunzip.once('error', () => resolve())
        gunzip.end()
        gunzip.resume()
      })
      return failure
    },
  }
}

async function zstdDecoder(onData: (chunk: Uint8Array) => void, budget: OutputBudget): Promise<Decoder> {
  const { Decompress } = await loadZstd()
  let failure: DecodeFailure | null = null
  let ended = false
  /** compressed bytes of the pieces decoded without error */
  let decoded = 0
  const guard = new ZstdFrameGuard()
  const zstd = new Decompress((chunk, final) => {
    const admitted = budget.admit(chunk)
    if (admitted && admitted.length > 0) onData(admitted)
    if (budget.hit) throw new StopDecoding()
    if (final) ended = true
  })
  const push = (input: Uint8Array): void => {
    for (let at = 0; at < input.length && !failure && !budget.hit; at += DECODE_PIECE) {
      const piece = input.subarray(at, at + DECODE_PIECE)
      try {
        // fzstd may keep a reference to its input between pushes.
        zstd.push(new Uint8Array(piece), false)
        decoded += piece.length
      } catch (error) {
        if (!(error instanceof StopDecoding)) failure = decodingFailure('zstd', error, decoded)
      }
    }
  }
  return {
    get limited() {
      return budget.hit
    },
    write(chunk) {
      if (failure || budget.hit) return
      budget.input += chunk.length
      // A frame asking for a larger window than allowed never reaches fzstd, which would allocate it.
      const tooLarge = guard.check(chunk)
      push(tooLarge === -1 ? chunk : chunk.subarray(0, tooLarge))
      if (tooLarge !== -1 && !failure && !budget.hit) {
        budget.hit = { bytes: budget.output, reason: `a frame asks for a ${guard.window}-byte window, more than the ${MAX_ZSTD_WINDOW} zstd decodes by default` }
      }
    },
    async end() {
      if (failure) return failure
      if (budget.hit) return null
      try {
        zstd.push(new Uint8Array(0), true)
      } catch (error) {
        return decodingFailure('zstd', error, decoded)
      }
      return ended ? null : decodingFailure('zstd', new Error('unexpected end of data'), decoded)
    },
  }
}

/** Compressed bytes read, and decompressed bytes kept, to sniff the inner format. */
const HEAD_BYTES = 64 * 1024

/** The first decompressed bytes, for sniffing the inner format; empty when nothing decodes. */
export async function decompressHead(compression: Compression, head: Buffer): Promise<Buffer> {
  const prefix = head.subarray(0, HEAD_BYTES)
  try {
    if (compression === 'gzip') return gunzipSync(prefix, { finishFlush: constants.Z_SYNC_FLUSH })
    const { Decompress } = await loadZstd()
    const parts: Uint8Array[] = []
    let held = 0
    const zstd = new Decompress((chunk) => {
      parts.push(chunk)
      held += chunk.length
      // Sniffing needs 64 KiB; a bomb's head would expand to gigabytes.
      if (held >= HEAD_BYTES) throw new StopDecoding()
    })
    const tooLarge = new ZstdFrameGuard().check(prefix)
    try {
      zstd.push(new Uint8Array(tooLarge === -1 ? prefix : prefix.subarray(0, tooLarge)), false)
    } catch {
      // a truncated prefix still yields the blocks before the cut, and a stop those before it
    }
    return Buffer.concat(parts).subarray(0, HEAD_BYTES)
  } catch {
    return Buffer.alloc(0)
  }
}
