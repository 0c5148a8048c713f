import type { Finding } from '../findings/finding.js'
import { fileEntrySchema, MANIFEST_VERSION, manifestSchema, type FileEntry, type Manifest, type ManifestFileView, type ManifestHeader } from './manifest-schema.js'
import { describeIssue, parseRecord, readRecordText, type RecordKind } from './read-json-record.js'
import { UserError } from '../util/errors.js'

const MANIFEST: RecordKind = { what: 'manifest', versionKey: 'version', version: MANIFEST_VERSION, remedy: 'tdgov scan' }

/** Reads and validates `.tdgov/manifest.json` (or any manifest file). */
export function readManifest(file: string): Manifest {
  return parseManifest(readRecordText(file, MANIFEST), file)
}

/** Validates a manifest's text; `name` is what messages call it (a path, or REV:path). */
export function parseManifest(text: string, name: string): Manifest {
  return parseRecord(text, name, manifestSchema, MANIFEST)
}

export interface ManifestView {
  header: ManifestHeader
  files: ManifestFileView[]
  findings: Finding[]
}

/**
 * Reads a manifest for the rules: every entry is validated, but only what the rules read of it is
 * kept (not its schema, media or content facts). The scan writes one entry per line, so entries
 * are parsed and dropped one at a time and a 100k-file manifest never lives as one object graph;
 * a manifest laid out otherwise is parsed whole.
 */
export function readManifestView(file: string): ManifestView {
  const text = readRecordText(file, MANIFEST)
  const lines = entryLines(text)
  if (lines === null) {
    const { files, findings, ...header } = parseManifest(text, file)
    return { header, files: files.map(toView), findings }
  }
  const { files: none, findings, ...header } = parseRecord(lines.rest, file, manifestSchema, MANIFEST)
  void none
  const files = lines.entries.map((line, i) => {
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      throw new UserError(`${file}: files[${i}]: not valid JSON; expected a manifest written by tdgov`)
    }
    const parsed = fileEntrySchema.safeParse(json)
    if (!parsed.success) throw new UserError(`${file}: ${describeIssue(parsed.error.issues[0]!, ['files', i])}; expected a manifest written by tdgov`)
    return toView(parsed.data)
  })
  return { header, files, findings }
}

function toView(entry: FileEntry): ManifestFileView {
  return {
    path: entry.path,
    bytes: entry.bytes,
    sha256: entry.sha256,
    format: entry.format,
    modality: entry.modality,
    ...(entry.records !== undefined && { records: entry.records }),
    ...(entry.pii && { pii: entry.pii }),
    ...(entry.licence && { licence: entry.licence }),
    ...(entry.source !== undefined && { source: entry.source }),
    findings: entry.findings,
  }
}

const FILES_OPEN = ',\n  "files": [\n    '
const FILES_CLOSE = '\n  ],\n  "findings": '
const ENTRY_SEPARATOR = ',\n    '

/** The scan's layout: the entry lines, and the document without them; null for any other layout. */
function entryLines(text: string): { entries: string[]; rest: string } | null {
  const open = text.indexOf(FILES_OPEN)
  if (open === -1) return null
  const close = text.indexOf(FILES_CLOSE, open)
  if (close === -1) return null
  const body = text.slice(open + FILES_OPEN.length, close)
  // Each entry is one line of compact JSON, which holds no raw newline: a separator inside a
  // string would be escaped as \n, so splitting on it is exact.
  return { entries: body.split(ENTRY_SEPARATOR), rest: `${text.slice(0, open)},\n  "files": [],\n  "findings": ${text.slice(close + FILES_CLOSE.length)}` }
}
