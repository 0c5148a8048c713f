import { createHash } from 'node:crypto'
import type { FindingCode } from '../../src/findings/codes.js'
import { makeFinding, type Finding, type FindingArgs, type FindingLocation } from '../../src/findings/finding.js'
import { MANIFEST_VERSION, type FileEntry, type Manifest } from '../../src/records/manifest-schema.js'

type Source = Manifest['sources'][number]
type Tally = { files: number; bytes: number; records: number }

export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A file entry whose sha256 is that of `hashed` (the path by default): give another to edit the file. */
export function fileEntry(path: string, overrides: Partial<FileEntry> & { hashed?: string } = {}): FileEntry {
  const { hashed, ...rest } = overrides
  return {
    path,
    bytes: 100,
    sha256: sha(hashed ?? path),
    format: 'jsonl',
    compression: null,
    modality: 'text',
    records: 10,
    findings: [],
    ...rest,
  }
}

export function source(id: string, overrides: Partial<Omit<Source, 'licence' | 'personalInformation'>> & {
  licence?: Partial<Source['licence']>
  pii?: Partial<Source['personalInformation']>
} = {}): Source {
  const { licence, pii, ...rest } = overrides
  return {
    id,
    name: `Source ${id}`,
    kind: 'self-collected',
    domestic: true,
    files: 1,
    bytes: 100,
    records: 10,
    licence: { declared: 'CC-BY-4.0', contract: null, detected: [], use: 'commercial', attribution: true, shareAlike: false, ...licence },
    personalInformation: { basis: 'consent', records: 10, densityPer10k: 0, counts: {}, examples: {}, ...pii },
    languages: {},
    modalities: { text: 1 },
    ...rest,
  }
}

export function finding(code: FindingCode, location: FindingLocation, args: FindingArgs = {}): Finding {
  return makeFinding({ code, args, location })
}

export function fileFinding(code: FindingCode, path: string, args: FindingArgs = {}, line?: number): Finding {
  return finding(code, { kind: 'file', path, ...(line !== undefined && { line }) }, args)
}

/**
 * A schema-valid manifest over `files`; totals by format and modality are computed from them,
 * `bySource` from their `source` (as the scan counts it) unless given.
 */
export function buildManifest(files: FileEntry[], overrides: Partial<Manifest> = {}): Manifest {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const byFormat: Record<string, Tally> = {}
  const byModality: Record<string, Tally> = {}
  const bySource: Record<string, Tally> = {}
  for (const f of sorted) {
    add(byFormat, f.format, f)
    add(byModality, f.modality, f)
    if (f.source !== undefined) add(bySource, f.source ?? (f.format === 'document' ? '(documentation)' : '(undeclared)'), f)
  }
  const hash = createHash('sha256')
  for (const f of sorted) hash.update(`${f.path}\0${f.sha256}\n`)
  const tally = { domestic: zero(), foreign: zero(), unspecified: zero() }
  return {
    manifest: 'tdgov/manifest',
    version: MANIFEST_VERSION,
    tool: { name: 'tdgov', version: '0.1.0' },
    scan: { deep: false, sampleSize: 1000, pii: 'sample', tokens: 'estimate' },
    config: null,
    fingerprint: hash.digest('hex'),
    totals: {
      files: sorted.length,
      bytes: sorted.reduce((n, f) => n + f.bytes, 0),
      records: sorted.reduce((n, f) => n + (f.records ?? 0), 0),
      byFormat,
      byModality,
      bySource,
      byKind: {},
      byOrigin: tally,
      findings: { error: 0, warning: 0, info: 0 },
    },
    sources: [],
    content: {
      records: 0,
      empty: 0,
      duplicates: { withinFiles: 0, acrossFiles: 0, acrossSources: 0, rate: 0 },
      languages: {},
      tokens: null,
      personalInformation: { records: 0, densityPer10k: 0, counts: {}, examples: {} },
    },
    diversity: [],
    files: sorted,
    findings: [],
    ...overrides,
  }
}

function add(into: Record<string, Tally>, key: string, f: FileEntry): void {
  const t = (into[key] ??= zero())
  t.files++
  t.bytes += f.bytes
  t.records += f.records ?? 0
}

function zero(): Tally {
  return { files: 0, bytes: 0, records: 0 }
}

export const ESTIMATE = {
  method: 'poisson-pps-ratio',
  encoding: 'o200k_base',
  estimate: 1000,
  low: 900,
  high: 1100,
  confidence: 0.95,
  tokenisedFiles: 1,
  tokenisedBytes: 100,
  inclusionBytes: 16384,
} as const
