import { prepareTokenCounter } from '../provenance/index.js'
import { statesLicence } from './detect.js'
import { createJsonAnalyzer } from './json.js'
import { createJsonlAnalyzer } from './jsonl.js'
import { createTextAnalyzer } from './text.js'
import type { AnalyzerContext, ContentAnalyzer, DetectedFormat } from './types.js'

/**
 * The analyzer for a detected format, or null when hashing is all there is to do. Analyzers with
 * libraries behind them (CSV, Parquet, Arrow, media) load lazily, so a dataset pays only for the
 * formats it has.
 */
export async function createAnalyzer(detected: DetectedFormat, ctx: AnalyzerContext): Promise<ContentAnalyzer | null> {
  const analyzer = await analyzerFor(detected, ctx)
  return analyzer && RECORD_FORMATS.has(detected.format) && !SELF_SIZED_FORMATS.has(detected.format) ? countingContent(analyzer) : analyzer
}

/** Formats whose records carry text: analysed for content facts, tokens and personal information. */
export const RECORD_FORMATS: ReadonlySet<string> = new Set(['jsonl', 'json', 'csv', 'tsv', 'text', 'parquet', 'arrow', 'arrow-stream'])

/**
 * Record formats whose analyzer sets the content size itself: their bytes on disk are encoded
 * (and for Parquet compressed) columns, not text, so the size the token estimate scales its sample
 * to is the rows' size as JSON text (the measure of the sampled records' bytes), estimated from the
 * rows analysed. The manifest entry carries it as `content.contentBytes`.
 */
export const SELF_SIZED_FORMATS: ReadonlySet<string> = new Set(['parquet', 'arrow', 'arrow-stream'])

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
  switch (detected.format) {
    case 'jsonl':
      return createJsonlAnalyzer(ctx)
    case 'json':
      return createJsonAnalyzer(ctx)
    case 'csv':
    case 'tsv':
      return (await import('./csv.js')).createCsvAnalyzer(ctx, detected.format)
    case 'document':
      // A CHANGELOG or CITATION states no licence: nothing to read beyond the hash.
      return statesLicence(ctx.relPath) ? (await import('./document.js')).createDocumentAnalyzer(ctx) : null
    case 'text':
      return createTextAnalyzer(ctx)
    case 'parquet':
      return detected.compression ? null : (await import('./parquet.js')).createParquetAnalyzer(ctx)
    case 'arrow':
    case 'arrow-stream':
      return (await import('./arrow.js')).createArrowAnalyzer(ctx, detected.format === 'arrow' ? 'file' : 'stream')
  }
  if (detected.modality === 'image') return (await import('./image.js')).createImageAnalyzer(ctx)
  if (detected.modality === 'audio' || detected.modality === 'video') {
    return (await import('./media.js')).createMediaAnalyzer(ctx)
  }
  return null
}
