import type { AnalysedFile } from '../records/file-record.js'
import type { Manifest } from '../records/manifest-schema.js'
import { densityPer10k, PiiTally } from './pii/index.js'
import type { TokenDraw } from './token-draw.js'
import { estimateTokens, LanguageCounts, normalQuantile } from './text/index.js'
import { estimateDuplicates, type DuplicateSampleJson } from './text/duplicate-sample.js'
import { summariseUrls } from './url-domains.js'

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
  let records = 0
  let empty = 0
  let withinFiles = 0
  let acrossFiles = 0
  let acrossSources = 0
  const firstSource = new Map<number, string | null>()
  const languages = new LanguageCounts()
  const pii = new PiiTally()
  let piiRecords = 0
  const samples: DuplicateSampleJson[] = []
  let uncoveredFiles = 0
  for (const file of files) {
    const { content, pii: filePii, duplicateKeys, duplicateSample } = file.facts
    if (duplicateSample) samples.push(duplicateSample)
    else if (content) uncoveredFiles++
    if (filePii) {
      piiRecords += filePii.records
      if (filePii.counts) pii.merge({ counts: filePii.counts, examples: filePii.examples ?? {} })
    }
    if (!content) continue
    records += content.records
    empty += content.empty
    withinFiles += content.duplicates
    languages.merge(content.languages)
    const source = sourceOf.get(file.path) ?? null
    for (const key of duplicateKeys) {
      if (!firstSource.has(key)) {
        firstSource.set(key, source)
        continue
      }
      acrossFiles++
      if (firstSource.get(key) !== source) acrossSources++
    }
  }
  const tally = pii.toJSON()
  const urls = summariseUrls(files.flatMap((f) => (f.facts.content ? [{ records: f.facts.content.records, urls: f.facts.content.urls }] : [])))
  const estimate = estimateDuplicates(samples, uncoveredFiles, confidence, normalQuantile(1 - (1 - confidence) / 2), exact ? Infinity : undefined)
  return {
    records,
    empty,
    duplicates: {
      withinFiles,
      acrossFiles,
      acrossSources,
      rate: records === 0 ? 0 : round6((withinFiles + acrossFiles) / records),
      ...(estimate && { estimate }),
    },
    languages: languages.toJSON(),
    tokens: tokenTotal(files, tokenDraw, confidence),
    personalInformation: { records: piiRecords, densityPer10k: densityPer10k(tally.counts, piiRecords), ...tally },
    ...(urls && { urls }),
  }
}

/** Exact when every record was tokenised; otherwise the estimate over the files the final scale draws. */
function tokenTotal(files: readonly AnalysedFile[], draw: TokenDraw | null, confidence: number): TokenTotal {
  let exact = 0
  let anyExact = false
  const sampled: Parameters<typeof estimateTokens>[0] = []
  for (const file of files) {
    const content = file.facts.content
    if (!content) continue
    if (content.tokens) {
      anyExact = true
      exact += content.tokens.exact
    } else if (draw !== null && file.tokenBytes !== null) {
      const contentBytes = file.tokenBytes
      const probability = contentBytes > 0 ? Math.min(1, contentBytes / draw.scale) : 0
      const sample = draw.drawn.has(file.path) ? file.tokenSample : null
      sampled.push({ contentBytes, probability, sample, totalRecords: file.records ?? content.records })
    }
  }
  if (anyExact) return { method: 'exact', encoding: TOKEN_ENCODING, total: exact }
  const estimate = draw === null ? null : estimateTokens(sampled, confidence)
  if (!estimate) return null
  return { ...estimate, encoding: TOKEN_ENCODING, confidence, inclusionBytes: draw!.scale }
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
