import { createHash } from 'node:crypto'
import type { Severity } from '../findings/codes.js'
import { toolVersion } from '../util/version.js'
import { compareStrings } from './walk.js'
import { MANIFEST_VERSION, type FileEntry, type Manifest, type ManifestFinding } from './manifest-schema.js'

export interface ManifestInput {
  files: FileEntry[]
  findings: ManifestFinding[]
  deep: boolean
  sampleSize: number
}

/** Assembles the manifest: files in path order, totals, fingerprint; nothing that varies between runs. */
export function buildManifest(input: ManifestInput): Manifest {
  const files = [...input.files].sort((a, b) => compareStrings(a.path, b.path))
  const findings = [...input.findings].sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.code, b.code))
  return {
    manifest: 'tdgov/manifest',
    version: MANIFEST_VERSION,
    tool: { name: 'tdgov', version: toolVersion() },
    scan: { deep: input.deep, sampleSize: input.sampleSize },
    fingerprint: fingerprint(files),
    totals: totals(files, findings),
    files,
    findings,
  }
}

/** SHA-256 over the sorted lines `path \0 sha256 \n`: changes when any file is added, removed or edited. */
export function fingerprint(files: readonly FileEntry[]): string {
  const hash = createHash('sha256')
  for (const file of files) hash.update(`${file.path}\0${file.sha256}\n`)
  return hash.digest('hex')
}

type Tally = { files: number; bytes: number; records: number }

function totals(files: readonly FileEntry[], datasetFindings: readonly ManifestFinding[]): Manifest['totals'] {
  const byFormat = new Map<string, Tally>()
  const byModality = new Map<string, Tally>()
  const findingCounts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  let bytes = 0
  let records = 0
  for (const file of files) {
    bytes += file.bytes
    records += file.records ?? 0
    add(byFormat, file.format, file)
    add(byModality, file.modality, file)
    for (const finding of file.findings) findingCounts[finding.severity]++
  }
  for (const finding of datasetFindings) findingCounts[finding.severity]++
  return {
    files: files.length,
    bytes,
    records,
    byFormat: sortedRecord(byFormat),
    byModality: sortedRecord(byModality),
    findings: findingCounts,
  }
}

function add(tallies: Map<string, Tally>, key: string, file: FileEntry): void {
  const tally = tallies.get(key) ?? { files: 0, bytes: 0, records: 0 }
  tally.files++
  tally.bytes += file.bytes
  tally.records += file.records ?? 0
  tallies.set(key, tally)
}

function sortedRecord(tallies: Map<string, Tally>): Record<string, Tally> {
  return Object.fromEntries([...tallies].sort(([a], [b]) => compareStrings(a, b)))
}

/** Two-space JSON with a final newline: the bytes that are written and compared. */
export function serializeManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n'
}
