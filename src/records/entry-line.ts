import type { FileRecord } from './file-record.js'
import type { TokenSample } from './manifest-schema.js'

type EntryHead = [
  sha256: string,
  bytes: number,
  records: number | null,
  format: string,
  modality: string,
  errors: number,
  warnings: number,
  infos: number,
  tokenBytes: number | null,
  tokenKey: number | null,
  tokenSample: TokenSample | null,
]

/**
 * A file's record as one line: the facts the totals need as a JSON array, its facts' JSON and its
 * manifest entry, separated by tabs (JSON escapes tabs). The scan cache and shard partials keep
 * records this way, so a record read back is the record that was written, byte for byte.
 */
export function encodeEntry(r: FileRecord): string {
  const { error, warning, info } = r.findings
  const head: EntryHead = [r.sha256, r.bytes, r.records, r.format, r.modality, error, warning, info, r.tokenBytes, r.tokenKey, r.tokenSample]
  return `${JSON.stringify(head)}\t${r.factsJson}\t${r.json}`
}

/** The record of `path` from its line; throws (a SyntaxError or TypeError) when the line is not one. */
export function decodeEntry(path: string, line: string): FileRecord {
  const tab = line.indexOf('\t')
  const tab2 = line.indexOf('\t', tab + 1)
  if (tab < 0 || tab2 < 0) throw new TypeError('expected three tab-separated parts')
  const [sha256, bytes, records, format, modality, error, warning, info, tokenBytes, tokenKey, tokenSample] = JSON.parse(line.slice(0, tab)) as EntryHead
  return { path, sha256, bytes, records, format, modality, findings: { error, warning, info }, factsJson: line.slice(tab + 1, tab2), tokenBytes, tokenKey, tokenSample, json: line.slice(tab2 + 1) }
}
