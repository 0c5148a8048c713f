import { parentPort, workerData } from 'node:worker_threads'
import { createAnalyzer } from '../formats/registry.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer, DetectedFormat } from '../formats/types.js'
import { createDecoder, type DecodeLimit, type Decoder } from '../formats/decompress.js'
import { limitsOf } from '../formats/limits.js'

export interface AnalysisWorkerData {
  ring: SharedArrayBuffer
  chunkSize: number
}

export type AnalysisRequest = { begin: { format: DetectedFormat; ctx: AnalyzerContext } } | { slot: number; length: number } | { end: true }
export type AnalysisReply =
  | { free: number }
  /** the analyzer is still working; `partial` is what it already knows for certain (Parquet: the footer's facts) */
  | { progress: ContentAnalysis | null }
  | { analysis: ContentAnalysis; failure: string | null; limited: DecodeLimit | null }
  | { crash: string }

// Runs the analysis of one file at a time beside the thread that reads and hashes it: chunks arrive
// as slots of a shared ring buffer and are handed back as soon as they have been consumed. The
// thread lives on for the next file its scanning thread sends, until that thread stops it (a file
// whose analysis overran --max-analysis-seconds: see chunk-sink.ts).
const { ring, chunkSize } = workerData as AnalysisWorkerData
const port = parentPort!
// hyparquet leaves the promise of a column chunk it has not assembled without a handler (its
// rowgroup.js): when that chunk is damaged (a snappy page cut short), the rejection would end this
// thread. The read that was awaited settles on its own (hyparquet awaits the assembled columns with
// allSettled), and an analysis that never does is stopped by the time budget, so such a rejection
// is nothing to act on here.
process.on('unhandledRejection', () => {})
let current: Promise<{ analyzer: ContentAnalyzer | null; decoder: Decoder | null }> | null = null
let queue: Promise<void> = Promise.resolve()

port.on('message', (request: AnalysisRequest) => {
  // Messages are handled strictly in order, even when decoding waits on zlib.
  queue = queue.then(() => handle(request)).catch((error: unknown) => {
    current = null
    port.postMessage({ crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies AnalysisReply)
  })
})

function begin(format: DetectedFormat, ctx: AnalyzerContext): void {
  const onProgress = (partial?: ContentAnalysis): void => port.postMessage({ progress: partial ?? null } satisfies AnalysisReply)
  current = createAnalyzer(format, { ...ctx, onProgress }).then(async (analyzer) => ({
    analyzer,
    decoder: analyzer && ctx.compression ? await createDecoder(ctx.compression, (chunk) => analyzer.push(chunk), limitsOf(ctx)) : null,
  }))
  // a failure to create the analyzer is reported at the next request, as any other
  current.catch(() => {})
}

async function handle(request: AnalysisRequest): Promise<void> {
  if ('begin' in request) return begin(request.begin.format, request.begin.ctx)
  if (!current) throw new Error('analysis request before any file began')
  const { analyzer, decoder } = await current
  if ('slot' in request) {
    const view = Buffer.from(ring, request.slot * chunkSize, request.length)
    if (decoder) await decoder.write(view)
    else analyzer?.push(view)
    port.postMessage({ free: request.slot } satisfies AnalysisReply)
    return
  }
  current = null
  const failure = decoder ? await decoder.end() : null
  const analysis = analyzer ? await analyzer.finish() : { findings: [] }
  port.postMessage({ analysis, failure: failure?.message ?? null, limited: decoder?.limited ?? null } satisfies AnalysisReply)
}
