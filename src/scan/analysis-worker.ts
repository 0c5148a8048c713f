import { parentPort, workerData } from 'node:worker_threads'
import { createAnalyzer } from '../formats/registry.js'
import type { AnalyzerContext, ContentAnalysis, DetectedFormat } from '../formats/types.js'
import { createDecoder, type DecodeFailure, type DecodeLimit } from '../formats/decompress.js'
import { limitsOf } from '../formats/limits.js'

export interface AnalysisWorkerData {
  ring: SharedArrayBuffer
  chunkSize: number
  format: DetectedFormat
  ctx: AnalyzerContext
}

export type AnalysisRequest = { slot: number; length: number } | { end: true }
export type AnalysisReply = { free: number } | { analysis: ContentAnalysis; failure: DecodeFailure | null; limited: DecodeLimit | null } | { crash: string }

// Runs the analysis of one large file beside the thread that reads and hashes it: chunks arrive
// as slots of a shared ring buffer and are handed back as soon as they have been consumed.
const { ring, chunkSize, format, ctx } = workerData as AnalysisWorkerData
const port = parentPort!
const analyzer = createAnalyzer(format, ctx)
const decoder = analyzer.then((a) => (a && ctx.compression ? createDecoder(ctx.compression, (chunk) => a.push(chunk), limitsOf(ctx)) : null))
let queue: Promise<void> = Promise.resolve()

port.on('message', (request: AnalysisRequest) => {
  // Messages are handled strictly in order, even when decoding waits on zlib.
  queue = queue.then(() => handle(request)).catch((error: unknown) => {
    port.postMessage({ crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies AnalysisReply)
  })
})

async function handle(request: AnalysisRequest): Promise<void> {
  const a = await analyzer
  const d = await decoder
  if ('slot' in request) {
    const view = Buffer.from(ring, request.slot * chunkSize, request.length)
    if (d) await d.write(view)
    else a?.push(view)
    port.postMessage({ free: request.slot } satisfies AnalysisReply)
    return
  }
  const failure = d ? await d.end() : null
  const analysis = a ? await a.finish() : { findings: [] }
  port.postMessage({ analysis, failure, limited: d?.limited ?? null } satisfies AnalysisReply)
}
