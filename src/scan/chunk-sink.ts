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
  /** the analysis was stopped: it stood still longer than --max-analysis-seconds, or ran out of memory */
  stopped?: { limit: 'time'; seconds: number } | { limit: 'memory'; mib: number }
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
 * The analysis thread of the calling thread, kept for the files it scans one after another (a
 * thread costs tens of milliseconds to start and load its readers); replaced when one is stopped.
 */
let analysisThread: { worker: Worker; ring: SharedArrayBuffer; chunkSize: number; heapMiB: number } | null = null

function analysisThreadFor(chunkSize: number, heapMiB: number): { worker: Worker; ring: SharedArrayBuffer } {
  if (analysisThread?.chunkSize !== chunkSize || analysisThread.heapMiB !== heapMiB) {
    void analysisThread?.worker.terminate()
    const ring = new SharedArrayBuffer(RING_SLOTS * chunkSize)
    const data: AnalysisWorkerData = { ring, chunkSize }
    // A heap limit makes V8 collect before the garbage of a long file's parsed records piles up;
    // past it the thread ends with ERR_WORKER_OUT_OF_MEMORY, which stop() turns into a finding.
    const worker = new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData: data, ...(heapMiB > 0 && { resourceLimits: { maxOldGenerationSizeMb: heapMiB } }) })
    // between files it must not keep the process alive (ref'd again while a file is analysed)
    worker.unref()
    analysisThread = { worker, ring, chunkSize, heapMiB }
  }
  return analysisThread
}

function dropAnalysisThread(worker: Worker): void {
  if (analysisThread?.worker === worker) analysisThread = null
  void worker.terminate()
}

/**
 * Analysis on a worker thread fed through a ring of shared buffers, so SHA-256 (the slowest part
 * of a large file) and parsing run on two cores at once, and so an analysis that stops advancing
 * (a damaged file keeping a decoder busy without end) can be stopped while the hash and the byte
 * count finish: when the read loop has waited `budgetSeconds` for a slot or for the result with no
 * sign of progress from the analyzer, the thread is terminated and the file's result is what was
 * certain by then (`partial`), with `stopped` set. A thread that runs out of heap is stopped the same way.
 */
export function offloadSink(
  format: DetectedFormat,
  ctx: AnalyzerContext,
  chunkSize: number,
  { budgetSeconds = limitsOf(ctx).maxAnalysisSeconds, chunks = true }: { budgetSeconds?: number; chunks?: boolean } = {},
): ChunkSink {
  const heapMiB = limitsOf(ctx).maxAnalysisMemoryMiB
  const { worker, ring } = analysisThreadFor(chunkSize, heapMiB)
  const slots = Array.from({ length: RING_SLOTS }, (_, i) => Buffer.from(ring, i * chunkSize, chunkSize))
  const free: number[] = slots.map((_, i) => i)
  let waitingSlot: ((slot: number | null) => void) | null = null
  let partial: ContentAnalysis | null = null
  let stopped = false
  let settle: { resolve: (r: SinkResult) => void; reject: (e: Error) => void }
  const done = new Promise<SinkResult>((resolve, reject) => {
    settle = { resolve, reject }
  })

  // The watchdog runs only while the read loop waits on the analyzer; any message re-arms it.
  let timer: NodeJS.Timeout | null = null
  let waiting = false
  const rearm = (): void => {
    if (timer) clearTimeout(timer)
    timer = waiting ? setTimeout(() => stop({ limit: 'time', seconds: budgetSeconds }), budgetSeconds * 1000) : null
  }
  const wait = <T>(promise: Promise<T>): Promise<T> => {
    waiting = true
    rearm()
    return promise.finally(() => {
      waiting = false
      rearm()
    })
  }
  const stop = (why: NonNullable<SinkResult['stopped']>): void => {
    if (stopped) return
    stopped = true
    waiting = false
    rearm()
    worker.off('message', onMessage)
    worker.off('error', onError)
    dropAnalysisThread(worker)
    waitingSlot?.(null)
    settle.resolve({ analysis: partial ?? { findings: [] }, failure: null, limited: null, stopped: why })
  }
  const onError = (error: Error): void => {
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') stop({ limit: 'memory', mib: heapMiB })
    else settle.reject(error)
  }
  const onMessage = (reply: AnalysisReply): void => {
    if (waiting) rearm()
    if ('free' in reply) {
      const next = waitingSlot
      waitingSlot = null
      if (next) next(reply.free)
      else free.push(reply.free)
    } else if ('progress' in reply) {
      if (reply.progress) partial = reply.progress
    } else if ('crash' in reply) {
      settle.reject(new InternalError(`analysis worker failed: ${reply.crash}`))
    } else {
      settle.resolve({ analysis: reply.analysis, failure: reply.failure, limited: reply.limited })
    }
  }
  worker.on('error', onError)
  worker.on('message', onMessage)
  worker.ref()
  const post = (request: AnalysisRequest): void => worker.postMessage(request)
  post({ begin: { format, ctx } })
  // once stopped, the rest of the file is read for its hash into this thread's own buffer
  const ownBuffer = (): Buffer => threadReadBuffer(chunkSize)
  return {
    acquire() {
      // a reader that reads the file itself (Parquet) is sent no chunks: the hash loop never waits on it
      if (stopped || !chunks) return ownBuffer()
      const slot = free.shift()
      if (slot !== undefined) return slots[slot]!
      // A crashed worker rejects `done`, which must not leave the reader waiting for a slot.
      const freed = new Promise<number | null>((resolve) => (waitingSlot = resolve))
      const ended = done.then((): never => {
        throw new InternalError('analysis worker ended before the file was read')
      })
      return wait(Promise.race([freed, ended.catch((error: unknown) => (stopped ? null : Promise.reject(error)))])).then((s) => (s === null ? ownBuffer() : slots[s]!))
    },
    submit(buffer, length) {
      if (stopped || !chunks) return
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
      if (!stopped) post({ end: true })
      try {
        return await wait(done)
      } catch (error) {
        // a crashed thread is not reused
        dropAnalysisThread(worker)
        throw error
      } finally {
        if (timer) clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        if (!stopped) worker.unref()
      }
    },
  }
}
