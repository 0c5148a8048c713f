import { Worker } from 'node:worker_threads'
import { createAnalyzer } from '../formats/registry.js'
import type { AnalyzerContext, ContentAnalysis, DetectedFormat } from '../formats/types.js'
import { InternalError } from '../util/errors.js'
import type { AnalysisReply, AnalysisRequest, AnalysisWorkerData } from './analysis-worker.js'
import { createDecoder, type DecodeFailure, type DecodeLimit } from '../formats/decompress.js'
import { limitsOf } from '../formats/limits.js'

/** What the analysis of a file came to, why decoding failed, and where a limit stopped it. */
export interface SinkResult {
  analysis: ContentAnalysis
  failure: DecodeFailure | null
  limited: DecodeLimit | null
}

/** Where the read loop puts each chunk after hashing it. */
export interface ChunkSink {
  /** a buffer of `chunkSize` bytes to read the next chunk into */
  acquire(): Buffer | Promise<Buffer>
  /** the first `length` bytes of `buffer` are the next chunk */
  submit(buffer: Buffer, length: number): void | Promise<void>
  finish(): Promise<SinkResult>
}

/** Files smaller than this are never analysed on a second thread: starting one costs more. */
export const OFFLOAD_MIN_BYTES = 64 * 1024 * 1024
const RING_SLOTS = 4

/**
 * One read buffer per thread, shared by the files it scans one after another: allocating a fresh
 * megabyte for each of 100k small files costs more than reading them.
 */
let threadBuffer: Buffer | undefined

export function threadReadBuffer(chunkSize: number): Buffer {
  if (threadBuffer?.length !== chunkSize) threadBuffer = Buffer.allocUnsafe(chunkSize)
  return threadBuffer
}

/** Analysis in this thread, into one reused buffer. */
export async function localSink(format: DetectedFormat, ctx: AnalyzerContext, chunkSize: number): Promise<ChunkSink> {
  const analyzer = await createAnalyzer(format, ctx)
  const decoder = analyzer && ctx.compression ? await createDecoder(ctx.compression, (chunk) => analyzer.push(chunk), limitsOf(ctx)) : null
  return {
    acquire: () => threadReadBuffer(chunkSize),
    submit(chunk, length) {
      const view = chunk.subarray(0, length)
      if (decoder) return decoder.write(view)
      analyzer?.push(view)
    },
    async finish() {
      const failure = decoder ? await decoder.end() : null
      return { analysis: analyzer ? await analyzer.finish() : { findings: [] }, failure, limited: decoder?.limited ?? null }
    },
  }
}

/**
 * Analysis on a worker thread fed through a ring of shared buffers, so SHA-256 (the slowest part
 * of a large file) and parsing run on two cores at once.
 */
export function offloadSink(format: DetectedFormat, ctx: AnalyzerContext, chunkSize: number): ChunkSink {
  const ring = new SharedArrayBuffer(RING_SLOTS * chunkSize)
  const slots = Array.from({ length: RING_SLOTS }, (_, i) => Buffer.from(ring, i * chunkSize, chunkSize))
  const free: number[] = slots.map((_, i) => i)
  const waiting: ((slot: number) => void)[] = []
  const data: AnalysisWorkerData = { ring, chunkSize, format, ctx }
  const worker = new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData: data })
  let settle: { resolve: (r: SinkResult) => void; reject: (e: Error) => void }
  const done = new Promise<SinkResult>((resolve, reject) => {
    settle = { resolve, reject }
  })
  worker.on('error', (error) => settle.reject(error))
  worker.on('message', (reply: AnalysisReply) => {
    if ('free' in reply) {
      const next = waiting.shift()
      if (next) next(reply.free)
      else free.push(reply.free)
    } else if ('crash' in reply) {
      settle.reject(new InternalError(`analysis worker failed: ${reply.crash}`))
    } else {
      settle.resolve({ analysis: reply.analysis, failure: reply.failure, limited: reply.limited })
    }
  })
  const post = (request: AnalysisRequest): void => worker.postMessage(request)
  return {
    acquire() {
      const slot = free.shift()
      if (slot !== undefined) return slots[slot]!
      // A crashed worker rejects `done`, which must not leave the reader waiting for a slot.
      const freed = new Promise<number>((resolve) => waiting.push(resolve))
      const ended = done.then((): never => {
        throw new InternalError('analysis worker ended before the file was read')
      })
      return Promise.race([freed, ended]).then((s) => slots[s]!)
    },
    submit(buffer, length) {
      let slot = buffer.buffer === ring ? buffer.byteOffset / chunkSize : -1
      if (slot === -1) {
        // The first chunk was read before the sink existed: copy it into a slot.
        const target = free.shift()
        if (target === undefined) throw new InternalError('analysis ring has no free slot for the first chunk')
        buffer.copy(slots[target]!, 0, 0, length)
        slot = target
      }
      post({ slot, length })
    },
    async finish() {
      post({ end: true })
      try {
        return await done
      } finally {
        await worker.terminate()
      }
    },
  }
}
