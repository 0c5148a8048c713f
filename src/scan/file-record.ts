import type { Severity } from '../findings/codes.js'
import type { ContentFactsEntry, FileEntry, LicenceStatement, PiiFacts, TokenSample } from './manifest-schema.js'

/**
 * A manifest entry as the scan carries it: the facts the totals need, plus the entry already
 * serialised. Cached and worker-produced entries travel and are written as that one string, so an
 * unchanged tree of 100k files is rescanned without parsing or re-serialising 100k objects.
 */
export interface FileRecord {
  path: string
  sha256: string
  bytes: number
  records: number | null
  format: string
  modality: string
  findings: Record<Severity, number>
  facts: FileFacts
  /** the entry as one line of compact JSON, keys in manifest order */
  json: string
}

/** What provenance totals read of a file, kept beside the entry so they need not parse it. */
export interface FileFacts {
  content: ContentFactsEntry | null
  pii: PiiFacts | null
  licence: LicenceStatement | null
  /**
   * distinct normalised-text keys of the analysed records (not in the manifest): a plain array,
   * because a typed array per file costs its own buffer in every message between threads
   */
  duplicateKeys: number[]
  /** the tokenised sample of its records, once the file has been drawn for the token estimate */
  tokenSample: TokenSample | null
}

export function toFileRecord(entry: FileEntry, duplicateKeys: number[] = []): FileRecord {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const finding of entry.findings) findings[finding.severity]++
  return {
    path: entry.path,
    sha256: entry.sha256,
    bytes: entry.bytes,
    records: entry.records ?? null,
    format: entry.format,
    modality: entry.modality,
    findings,
    facts: { content: entry.content ?? null, pii: entry.pii ?? null, licence: entry.licence ?? null, duplicateKeys, tokenSample: null },
    json: JSON.stringify(entry),
  }
}

/** Facts as the cache stores them: the keys as base64 of their float64 bytes. */
export type StoredFacts = [content: ContentFactsEntry | null, pii: PiiFacts | null, licence: LicenceStatement | null, keys: string, tokenSample: TokenSample | null]

export function storeFacts(facts: FileFacts): StoredFacts {
  const packed = Float64Array.from(facts.duplicateKeys)
  const keys = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('base64')
  return [facts.content, facts.pii, facts.licence, keys, facts.tokenSample]
}

export function restoreFacts([content, pii, licence, keys, tokenSample]: StoredFacts): FileFacts {
  const bytes = Buffer.from(keys, 'base64')
  // Copied into a fresh buffer: Float64Array needs 8-byte alignment, which a pooled Buffer may not have.
  const packed = new Float64Array(bytes.length / 8)
  new Uint8Array(packed.buffer).set(bytes)
  return { content, pii, licence, duplicateKeys: Array.from(packed), tokenSample }
}
