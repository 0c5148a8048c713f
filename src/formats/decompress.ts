import { constants, createGunzip, gunzipSync } from 'node:zlib'
import type { Compression } from './types.js'

/** Feeds compressed bytes in, hands decompressed chunks to `onData`. */
export interface Decoder {
  write(chunk: Buffer): Promise<void> | void
  /** Resolves with the error that stopped decoding, or null. */
  end(): Promise<Error | null>
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
    failure ??= error
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
        failure = error instanceof Error ? error : new Error(String(error))
      }
    },
    async end() {
      if (failure) return failure
      try {
        zstd.push(new Uint8Array(0), true)
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error))
      }
      return ended ? null : new Error('unexpected end of data')
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
