import { prepareTokenCounter } from '../provenance/index.js'
import { formatNamed, FORMATS } from './descriptors/index.js'
import { transcoding } from './encoding.js'
import type { AnalyzerContext, ContentAnalyzer, DetectedFormat } from './types.js'
import { lazyModule } from '../util/lazy-module.js'

const scanAnnotations = lazyModule(() => import('./annotations/scan-annotations.js'))

/**
 * The analyzer for a detected format (its descriptor's reader), or null when hashing is all there
 * is to do. Readers load lazily, so a dataset pays only for the formats it has.
 */
export async function createAnalyzer(detected: DetectedFormat, ctx: AnalyzerContext): Promise<ContentAnalyzer | null> {
  const analyzer = await analyzerFor(detected, ctx)
  const plain = analyzer && RECORD_FORMATS.has(detected.format) && !COLUMNAR_FORMATS.has(detected.format) ? countingContent(analyzer) : analyzer
  // Text in UTF-16 or GB18030 reaches its analyzer (and the content count) as UTF-8, on either thread.
  const decoded = plain && detected.encoding ? transcoding(plain, detected.encoding) : plain
  // An annotation export is counted by its adapter, over the plain analysis (kept as the fallback).
  if (detected.annotation) return (await scanAnnotations()).createAnnotationAnalyzer(detected.annotation, decoded, ctx)
  return decoded
}

/** Formats whose records carry text: analysed for content facts, tokens and personal information. */
export const RECORD_FORMATS: ReadonlySet<string> = new Set(FORMATS.filter((f) => f.records).map((f) => f.name))

/** Whether a large file of this format is parsed on a second thread (the descriptor's `offload`). */
export function parsedOnSecondThread(format: string, everyRecordParsed: boolean): boolean {
  const offload = formatNamed(format)?.offload ?? 'never'
  return offload === 'always' || (offload === 'every-record' && everyRecordParsed)
}

/** Whether files of this format are analysed on a thread the scan can stop (the descriptor's `guarded`). */
export function analysedOnGuardedThread(format: string): boolean {
  return formatNamed(format)?.guarded === true
}

/** Whether the format's reader reads the file from disk itself, so the scan's chunks need not reach it (the descriptor's `readsFromDisk`). */
export function readsFromDisk(format: string): boolean {
  return formatNamed(format)?.readsFromDisk === true
}

/**
 * Record formats stored as encoded columns (Parquet, Arrow: their descriptors say binary): read by
 * offset, row group or batch at a time, not streamed; and their analyzer sets the content size
 * itself, since their bytes on disk are not text: the size the token estimate scales its sample to
 * is the rows' size as JSON text, estimated from the rows analysed (`content.contentBytes`).
 */
export const COLUMNAR_FORMATS: ReadonlySet<string> = new Set(FORMATS.filter((f) => f.binary && f.records).map((f) => f.name))

/** Counts the content an analyzer is given: the size the token estimate scales its sample to. */
function countingContent(analyzer: ContentAnalyzer): ContentAnalyzer {
  let bytes = 0
  return {
    push(chunk) {
      bytes += chunk.length
      analyzer.push(chunk)
    },
    async finish() {
      const analysis = await analyzer.finish()
      if (analysis.facts) analysis.facts.contentBytes = bytes
      return analysis
    },
  }
}

async function analyzerFor(detected: DetectedFormat, ctx: AnalyzerContext): Promise<ContentAnalyzer | null> {
  if (ctx.tokens === 'exact' && RECORD_FORMATS.has(detected.format)) await prepareTokenCounter()
  const format = formatNamed(detected.format)
  if (format) return format.reader(ctx, detected)
  if (detected.modality === 'image') return (await import('./image.js')).createImageAnalyzer(ctx)
  if (detected.modality === 'audio' || detected.modality === 'video') {
    return (await import('./media.js')).createMediaAnalyzer(ctx)
  }
  return null
}
