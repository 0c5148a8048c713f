import { constants, createGunzip, gunzipSync } from 'node:zlib'
import type { Compression } from './types.js'

/** Feeds compressed bytes in, hands decompressed chunks to `onData`. */
export interface Decoder {
  write(chunk: Buffer): Promise<void> | void
  /** Resolves with the error that stopped decoding, its message in tdgov's words (describeDecodingError), or null. */
  end(): Promise<Error | null>
}

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

function decodingError(compression: Compression, error: unknown): Error {
  return new Error(describeDecodingError(compression, error))
}

export async function createDecoder(compression: Compression, onData: (chunk: Uint8Array) => void): Promise<Decoder> {
  return compression === 'gzip' ? gzipDecoder(onData) : zstdDecoder(onData)
}

/** fzstd is loaded when the first zstd file turns up (Node 20's zlib has no zstd). */
async function loadZstd(): Promise<typeof import('fzstd')> {
  return import('fzstd')
}

/** zlib runs in libuv's thread pool, so inflating overlaps with reading and hashing. */
function gzipDecoder(onData: (chunk: Uint8Array) => void): Decoder {
  const gunzip = createGunzip({ chunkSize: 1 << 20 })
  let failure: Error | null = null
  gunzip.on('data', (chunk: Buffer) => onData(chunk))
  gunzip.on('error', (error: Error) => {
    failure ??= decodingError('gzip', error)
  })
  return {
    async write(chunk) {
      if (failure) return
      // The stream keeps the buffer until it is inflated; the caller reuses its own.
      if (!gunzip.write(Buffer.from(chunk))) {
        await new Promise<void>((resolve) => {
          gunzip.once('drain', resolve)
          gunzip.once('error', () => resolve())
        })
      }
    },
    async end() {
      if (failure) return failure
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

async function zstdDecoder(onData: (chunk: Uint8Array) => void): Promise<Decoder> {
  const { Decompress } = await loadZstd()
  let failure: Error | null = null
  let ended = false
  const zstd = new Decompress((chunk, final) => {
    onData(chunk)
    if (final) ended = true
  })
  return {
    write(chunk) {
      if (failure) return
      try {
        // fzstd may keep a reference to its input between pushes.
        zstd.push(new Uint8Array(chunk), false)
      } catch (error) {
        failure = decodingError('zstd', error)
      }
    },
    async end() {
      if (failure) return failure
      try {
        zstd.push(new Uint8Array(0), true)
      } catch (error) {
        return decodingError('zstd', error)
      }
      return ended ? null : decodingError('zstd', new Error('unexpected end of data'))
    },
  }
}

/** The first decompressed bytes, for sniffing the inner format; empty when nothing decodes. */
export async function decompressHead(compression: Compression, head: Buffer): Promise<Buffer> {
  const prefix = head.subarray(0, 64 * 1024)
  try {
    if (compression === 'gzip') return gunzipSync(prefix, { finishFlush: constants.Z_SYNC_FLUSH })
    const { Decompress } = await loadZstd()
    const parts: Uint8Array[] = []
    const zstd = new Decompress((chunk) => parts.push(chunk))
    try {
      zstd.push(new Uint8Array(prefix), false)
    } catch {
      // a truncated prefix still yields the blocks before the cut
    }
    return Buffer.concat(parts)
  } catch {
    return Buffer.alloc(0)
  }
}
