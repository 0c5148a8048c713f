import { prepareTokenCounter } from '../provenance/index.js'
import { statesLicence } from './detect.js'
import { createJsonAnalyzer } from './json.js'
import { createJsonlAnalyzer } from './jsonl.js'
import { createTextAnalyzer } from './text.js'
import { transcoding } from './encoding.js'
import type { AnalyzerContext, ContentAnalyzer, DetectedFormat } from './types.js'

/**
 * The analyzer for a detected format, or null when hashing is all there is to do. Analyzers with
 * libraries behind them (CSV, Parquet, Arrow, media) load lazily, so a dataset pays only for the
 * formats it has.
 */
export async function createAnalyzer(detected: DetectedFormat, ctx: AnalyzerContext): Promise<ContentAnalyzer | null> {
  const analyzer = await analyzerFor(detected, ctx)
  const plain = analyzer && RECORD_FORMATS.has(detected.format) ? countingContent(analyzer) : analyzer
  // Text in UTF-16 or GB18030 reaches its analyzer (and the content count) as UTF-8, on either thread.
  const decoded = plain && detected.encoding ? transcoding(plain, detected.encoding) : plain
  // An annotation export is counted by its adapter, over the plain analysis (kept as the fallback).
  if (detected.annotation) return (await import('./annotations/scan-annotations.js')).createAnnotationAnalyzer(detected.annotation, decoded, ctx)
  return decoded
}

/** Formats whose records carry text: analysed for content facts, tokens and personal information. */
export const RECORD_FORMATS: ReadonlySet<string> = new Set(['jsonl', 'json', 'csv', 'tsv', 'text'])

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
    case 'lfs-pointer':
    case 'annex-pointer':
    case 'dvc-pointer':
      return (await import('./pointer.js')).createPointerAnalyzer(ctx, detected.format)
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
