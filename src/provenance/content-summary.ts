import type { AnalysedFile } from '../records/file-record.js'
import type { Manifest } from '../records/manifest-schema.js'
import { densityPer10k, PiiTally } from './pii/index.js'
import type { TokenDraw } from './token-draw.js'
import { estimateTokens, LanguageCounts, normalQuantile } from './text/index.js'
import { DuplicateSamples } from './text/duplicate-sample.js'
import { FirstSources } from './first-sources.js'
import { DatasetUrlTally } from './url-domains.js'

export type ContentSummary = Manifest['content']
export type TokenTotal = ContentSummary['tokens']

export const TOKEN_ENCODING = 'o200k_base'

/**
 * Dataset-wide content figures from the files' facts: duplicates across files and sources (by the
 * analysed records' normalised-text keys, first occurrence in path order), language mix, personal
 * information, the token estimate and the URL domains. `files` must be in path order.
 */
export function summariseContent(
  files: readonly AnalysedFile[],
  sourceOf: Map<string, string | null>,
  tokenDraw: TokenDraw | null,
  confidence = 0.95,
  /** --deep: the duplicate sample keeps every record, so the estimate is the exact count */
  exact = false,
): ContentSummary {
  const tally = new ContentTally(tokenDraw, confidence, exact)
  for (const file of files) tally.add(file, sourceOf.get(file.path) ?? null)
  return tally.result()
}

/**
 * summariseContent one file at a time (in path order), for a pass that gathers other figures
 * too. What it holds grows with the number of distinct analysed texts (the first source of each
 * duplicate key), not with the files' records or facts.
 */
export class ContentTally {
  private records = 0
  private empty = 0
  private withinFiles = 0
  private acrossFiles = 0
  private acrossSources = 0
  private readonly firstSource = new FirstSources()
  private readonly languages = new LanguageCounts()
  private readonly pii = new PiiTally()
  private piiRecords = 0
  private readonly samples: DuplicateSamples
  private uncoveredFiles = 0
  private readonly urls = new DatasetUrlTally()
  private readonly tokens: TokenTally

  constructor(
    tokenDraw: TokenDraw | null,
    private readonly confidence = 0.95,
    /** --deep: the duplicate sample keeps every record, so the estimate is the exact count */
    exact = false,
  ) {
    this.samples = new DuplicateSamples(exact ? Infinity : undefined)
    this.tokens = new TokenTally(tokenDraw, confidence)
  }

  add(file: AnalysedFile, source: string | null): void {
    const { content, pii: filePii, duplicateKeys, duplicateSample } = file.facts
    if (duplicateSample) this.samples.add(duplicateSample)
    else if (content) this.uncoveredFiles++
    if (filePii) {
      this.piiRecords += filePii.records
      if (filePii.counts) this.pii.merge({ counts: filePii.counts, examples: filePii.examples ?? {} })
    }
    this.tokens.add(file)
    if (!content) return
    this.urls.add(content.records, content.urls)
    this.records += content.records
    this.empty += content.empty
    this.withinFiles += content.duplicates
    this.languages.merge(content.languages)
    for (const key of duplicateKeys) {
      const otherSource = this.firstSource.seen(key, source)
      if (otherSource === undefined) continue
      this.acrossFiles++
      if (otherSource) this.acrossSources++
    }
  }

  result(): ContentSummary {
    const { records, withinFiles, acrossFiles, confidence } = this
    const tally = this.pii.toJSON()
    const urls = this.urls.result()
    const estimate = this.samples.estimate(this.uncoveredFiles, confidence, normalQuantile(1 - (1 - confidence) / 2))
    return {
      records,
      empty: this.empty,
      duplicates: {
        withinFiles,
        acrossFiles,
        acrossSources: this.acrossSources,
        rate: records === 0 ? 0 : round6((withinFiles + acrossFiles) / records),
        ...(estimate && { estimate }),
      },
      languages: this.languages.toJSON(),
      tokens: this.tokens.result(),
      personalInformation: { records: this.piiRecords, densityPer10k: densityPer10k(tally.counts, this.piiRecords), ...tally },
      ...(urls && { urls }),
    }
  }
}

/**
 * Exact when every record was tokenised; otherwise the estimate over the files the final scale
 * draws. The files it did not draw enter the estimate only through their bytes, so they are kept
 * as one sum (exact: sizes are integers), and memory stays the size of the draw.
 */
class TokenTally {
  private exact = 0
  private anyExact = false
  private readonly sampled: Parameters<typeof estimateTokens>[0] = []
  private undrawnBytes = 0

  constructor(
    private readonly draw: TokenDraw | null,
    private readonly confidence: number,
  ) {}

  add(file: AnalysedFile): void {
    const content = file.facts.content
    if (!content) return
    if (content.tokens) {
      this.anyExact = true
      this.exact += content.tokens.exact
    } else if (this.draw !== null && file.tokenBytes !== null) {
      const contentBytes = file.tokenBytes
      const sample = this.draw.drawn.has(file.path) ? file.tokenSample : null
      if (sample === null) {
        this.undrawnBytes += contentBytes
        return
      }
      const probability = contentBytes > 0 ? Math.min(1, contentBytes / this.draw.scale) : 0
      this.sampled.push({ contentBytes, probability, sample, totalRecords: file.records ?? content.records })
    }
  }

  result(): TokenTotal {
    const { draw, confidence } = this
    if (this.anyExact) return { method: 'exact', encoding: TOKEN_ENCODING, total: this.exact }
    if (draw === null) return null
    // estimateTokens counts a file without a sample by its bytes alone.
    const undrawn = this.undrawnBytes > 0 ? [{ contentBytes: this.undrawnBytes, probability: 0, sample: null, totalRecords: 0 }] : []
    const estimate = estimateTokens([...this.sampled, ...undrawn], confidence)
    if (!estimate) return null
    return { ...estimate, encoding: TOKEN_ENCODING, confidence, inclusionBytes: draw.scale }
  }
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
