import type { Severity } from '../findings/codes.js'
import type { ContentFactsEntry, LicenceStatement, PiiFacts, TokenSample } from './manifest-schema.js'

/** A file's part of the dataset-wide duplicate sample (see provenance/text/duplicate-sample.ts). */
export interface DuplicateSampleFacts {
  threshold: number
  /** sampling key, full key and number of records, per distinct sampled text (duplicate-sample.ts) */
  keys: number[]
  offered: number
}

/**
 * A manifest entry as the scan carries it: the facts the totals need, plus the entry already
 * serialised. Cached and worker-produced entries travel and are written as that one string, so an
 * unchanged tree of 100k files is rescanned without parsing or re-serialising 100k objects.
 */
export interface FileRecord {
  /** its analysis was stopped by the time budget, which another run may not be: never kept in the cache */
  transient?: true
  path: string
  sha256: string
  bytes: number
  records: number | null
  format: string
  modality: string
  findings: Record<Severity, number>
  /**
   * What provenance totals read of the file (FileFacts), as JSON. Held as one string per file until
   * the totals are computed: 100k files' facts as objects cost the collecting thread more in
   * garbage collection than everything else it does.
   */
  factsJson: string
  /** the bytes the token estimate scales this file's sample to; null when it has no text to count */
  tokenBytes: number | null
  /** the uniform number in [0, 1) that decides whether the file is drawn (a hash of its path) */
  tokenKey: number | null
  /** the tokenised sample of its records, once the file has been drawn for the token estimate */
  tokenSample: TokenSample | null
  /** the entry as one line of compact JSON, keys in manifest order */
  json: string
}

/** What provenance totals read of a file. */
export interface FileFacts {
  content: ContentFactsEntry | null
  pii: PiiFacts | null
  licence: LicenceStatement | null
  /** distinct normalised-text keys (52-bit integers) of the analysed records; not in the manifest */
  duplicateKeys: number[]
  /** null when the reader could not offer every record (sampled Parquet rows) */
  duplicateSample: DuplicateSampleFacts | null
  /**
   * the records of the file's plain format, which its token sample was drawn from, when `records`
   * counts something else (an annotation export's items); not in the manifest
   */
  tokenRecords?: number
}

/** A record with its facts parsed, for the dataset's totals. */
export type AnalysedFile = FileRecord & { facts: FileFacts }

