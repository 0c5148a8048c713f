import type { FileEntry } from '../records/manifest-schema.js'
import { DATA_TYPES, type DataType, type ReportFigure } from '../records/report-schema.js'

/**
 * Files grouped by a key that may depend on the language of their records (the filing form's size
 * per type; the modality × format × language table). A file whose analysed records have
 * languages is split by their shares: a stratified estimate (strata = files) of its records and
 * bytes in each language, with the variance of a proportion from a simple random sample of n of N
 * records (finite population correction), summed over files. Bytes are allocated in proportion
 * to records, which assumes a file's records are of similar size. A file whose records were all
 * analysed adds no variance: its records per language are counted (measured), its bytes still
 * allocated (estimated).
 */
export interface SplitFigures {
  files: number
  bytes: ReportFigure
  records: ReportFigure
}

interface Accumulator {
  files: Set<string>
  bytes: number
  bytesVar: number
  records: number
  recordsVar: number
  /** a file was split by language: its bytes are allocated, not counted */
  split: boolean
  /** a split file was sampled: its records per language are estimated */
  sampled: boolean
}

export interface SplitOptions {
  z: number
  confidence: number
  from: string
}

/** `keyOf(file, language)`: the group of a file's records in `language` (null: the file has no text). */
export function splitFiles(files: readonly FileEntry[], keyOf: (file: FileEntry, language: string | null) => string, options: SplitOptions): Map<string, SplitFigures> {
  const groups = new Map<string, Accumulator>()
  const group = (key: string): Accumulator => {
    let a = groups.get(key)
    if (!a) groups.set(key, (a = { files: new Set(), bytes: 0, bytesVar: 0, records: 0, recordsVar: 0, split: false, sampled: false }))
    return a
  }
  for (const file of files) {
    const records = file.records ?? 0
    const languages = Object.entries(file.content?.languages ?? {}).filter((e): e is [string, number] => (e[1] ?? 0) > 0)
    const withText = languages.reduce((sum, [, n]) => sum + n, 0)
    if (withText === 0) {
      const a = group(keyOf(file, null))
      a.files.add(file.path)
      a.bytes += file.bytes
      a.records += records
      continue
    }
    // Records: the share of the analysed records (empty ones included) in each language, scaled to
    // the file's records; empty records are of no type. Bytes: the share among records with text.
    const analysed = Math.max(file.content?.records ?? 0, withText)
    const population = Math.max(records, analysed)
    const fpc = 1 - analysed / population
    for (const [language, n] of languages) {
      const a = group(keyOf(file, language))
      a.files.add(file.path)
      a.split ||= languages.length > 1 || fpc > 0
      a.sampled ||= fpc > 0
      a.records += population * (n / analysed)
      a.recordsVar += population ** 2 * shareVariance(n, analysed, fpc, options.z)
      a.bytes += file.bytes * (n / withText)
      a.bytesVar += file.bytes ** 2 * shareVariance(n, withText, fpc, options.z)
    }
  }
  const out = new Map<string, SplitFigures>()
  for (const [key, a] of groups) {
    out.set(key, { files: a.files.size, bytes: figureOf(a.split, a.bytes, a.bytesVar, 'bytes', options), records: figureOf(a.sampled, a.records, a.recordsVar, 'records', options) })
  }
  return out
}

/**
 * The variance of a share n / m of a simple random sample, with Agresti–Coull's adjusted share (a
 * sample all of one language still leaves the rest of the file uncertain, where p(1 − p) would
 * say it is certainly so) and the finite population correction.
 */
function shareVariance(n: number, m: number, fpc: number, z: number): number {
  const adjusted = (n + z ** 2 / 2) / (m + z ** 2)
  return ((adjusted * (1 - adjusted)) / (m + z ** 2)) * fpc
}

function figureOf(estimated: boolean, value: number, variance: number, unit: string, { z, confidence, from }: SplitOptions): ReportFigure {
  if (!estimated) return { kind: 'measured', value: Math.round(value), from: MEASURED_FROM }
  const se = Math.sqrt(variance)
  return {
    kind: 'estimated',
    value: Math.round(value),
    low: Math.max(0, Math.floor(value - z * se)),
    high: Math.ceil(value + z * se),
    confidence,
    method: `${unit} of each file with text split by the language shares of its analysed records (stratified by file; Agresti–Coull variance with finite population correction; normal interval${unit === 'bytes' ? '; the interval covers sampling error only, not the allocation by record count' : ''})`,
    from,
  }
}

/** Where a figure that needed no split comes from. */
const MEASURED_FROM = 'derived:manifest.files[] (bytes, records)'

const LANGUAGE_TYPE: Record<string, DataType> = { zh: 'zhText', en: 'enText', code: 'code' }
const MEDIA_TYPE: Record<string, DataType> = { image: 'image', audio: 'audio', video: 'video' }

/** The filing form's type of a file's records in `language`. */
export function dataTypeOf(file: FileEntry, language: string | null): DataType {
  return MEDIA_TYPE[file.modality] ?? (language === null ? 'other' : (LANGUAGE_TYPE[language] ?? 'other'))
}

/** The size per type, every type present (a type without files has zero, measured). */
export function sizeByType(files: readonly FileEntry[], options: SplitOptions): Record<DataType, SplitFigures> {
  const split = splitFiles(files, dataTypeOf, options)
  const zero = (): SplitFigures => ({ files: 0, bytes: { kind: 'measured', value: 0, from: MEASURED_FROM }, records: { kind: 'measured', value: 0, from: MEASURED_FROM } })
  return Object.fromEntries(DATA_TYPES.map((t) => [t, split.get(t) ?? zero()])) as Record<DataType, SplitFigures>
}
