import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import path from 'node:path'
import type { AnnotationItem, AnnotationFormat } from '../../formats/annotations/item.js'
import { ANNOTATION_FORMATS, DEFAULT_COLUMNS, fileKeys } from '../../formats/annotations/item.js'
import { readAnnotationFileAs } from '../../formats/annotations/read-annotations.js'
import { DEFAULT_REPEAT_POLICY, type AuditRecord, type RepeatReport } from '../../records/audit-record.js'
import type { LoadedConfig } from '../../records/load-config.js'
import { UserError } from '../../util/errors.js'
import { readDataItemsAt } from '../data-items.js'
import { labelCell } from '../label-cell.js'
import { drawSample, type DrawResult } from '../sampling/draw-sample.js'
import { unitKey } from '../sampling/rank.js'
import { stratumFunction } from '../strata.js'
import { planRequestOf, type RecordDifference } from './record-consistency.js'

export interface RedrawOptions {
  /** the project root the record's input paths are relative to */
  root: string
  /** folders holding copies of the exports, searched before the root (by the recorded path, then by file name) */
  exportDirs: readonly string[]
  /** tdgov.yaml, for `--stratify source` (its sources map files to strata) */
  config: LoadedConfig | null
}

/** Where each recorded input was found, with the sha256 it was checked to have. */
export interface LocatedInput {
  path: string
  file: string
  sha256: string
}

export type Redraw =
  | { status: 'identical'; inputs: LocatedInput[]; units: number; fingerprint: string; sampled: number }
  | { status: 'different'; inputs: LocatedInput[]; units: number; fingerprint: string; differences: RecordDifference[] }
  | { status: 'not-possible'; reason: string }

/** Generic CSV/JSONL name their columns and YOLO its classes by flags; a version 2 record did not store them. */
const NEEDS_ADAPTER_OPTIONS: readonly string[] = ['csv', 'jsonl', 'yolo']

/**
 * Draws the record's sample again from its exports: the same files (found by path and checked by
 * sha256), read as the formats the record names with the options it stored, under the same seed,
 * plan and strata, and compares the population and every sampled row with the record. Says why
 * when it cannot: an export missing or changed, or a record that does not store how to read it.
 */
export async function redrawSample(record: AuditRecord, options: RedrawOptions): Promise<Redraw> {
  const request = planRequestOf(record.plan)
  if (typeof request === 'string') return { status: 'not-possible', reason: `the record holds ${request}` }
  const located: LocatedInput[] = []
  for (const input of record.inputs) {
    const found = await locate(input, options)
    if (typeof found === 'string') return { status: 'not-possible', reason: found }
    located.push(found)
  }
  const readUnits = unitReader(record, located, options)
  if (typeof readUnits === 'string') return { status: 'not-possible', reason: readUnits }
  const physical = new Map(located.map((input) => [input.file, input.path]))
  const stratumOf = stratumFunction(record.stratify, options.config, (file) => physical.get(file) ?? file)
  let drawn: DrawResult
  try {
    // Records from before repeats were looked for are re-drawn under the default, and refused below if the exports hold any.
    const placeOf = (item: AnnotationItem): string => `${physical.get(item.source_file) ?? item.source_file}: ${item.location}`
    drawn = await drawSample(readUnits, { seed: record.seed, plan: request, stratumOf, repeats: record.repeats?.policy ?? DEFAULT_REPEAT_POLICY, placeOf })
  } catch (error) {
    // The exports are the recorded bytes, so a refusal means this tdgov reads them otherwise than the one that drew.
    if (error instanceof UserError) return { status: 'not-possible', reason: `reading the exports failed: ${error.message}` }
    throw error
  }
  if (record.repeats === null && drawn.repeats.units > 0) {
    return {
      status: 'not-possible',
      reason: `the exports hold ${drawn.repeats.units} repeated units, and the record was drawn before tdgov resolved repeats (its population counts every copy); draw the sample again`,
    }
  }
  const differences = compareDraw(record, drawn)
  const population = { inputs: located, units: drawn.population.units, fingerprint: drawn.population.fingerprint }
  return differences.length === 0 ? { status: 'identical', ...population, sampled: drawn.sample.length } : { status: 'different', ...population, differences }
}

async function locate(input: AuditRecord['inputs'][number], options: RedrawOptions): Promise<LocatedInput | string> {
  const candidates = [
    ...options.exportDirs.flatMap((dir) => [path.resolve(dir, input.path), path.resolve(dir, path.basename(input.path))]),
    path.resolve(options.root, input.path),
  ]
  const seen = new Set<string>()
  const changed: string[] = []
  for (const file of candidates) {
    if (seen.has(file)) continue
    seen.add(file)
    const size = sizeOf(file)
    if (size === null) continue
    // The size is recorded too: a file of another size cannot have the recorded sha256.
    if (size !== input.bytes) {
      changed.push(`${file} has ${size} bytes, the record ${input.bytes}`)
      continue
    }
    const sha256 = await sha256Of(file)
    if (sha256 === input.sha256) return { path: input.path, file, sha256 }
    changed.push(`${file} has sha256 ${sha256}, the record ${input.sha256}`)
  }
  if (changed.length > 0) return `${input.path}: ${changed[0]} (the export changed since the sample was drawn)`
  const where = [...options.exportDirs, options.root].join(', ')
  return `${input.path}: not found in ${where}; pass --exports DIR with the exports the sample was drawn from`
}

function sizeOf(file: string): number | null {
  try {
    const stat = statSync(file)
    return stat.isFile() ? stat.size : null
  } catch {
    return null
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function unitReader(record: AuditRecord, located: readonly LocatedInput[], options: RedrawOptions): (() => AsyncIterable<AnnotationItem>) | string {
  if (record.kind === 'content') return () => readDataItemsAt(located.map((input) => ({ file: input.file, relPath: input.path })))
  const formats: AnnotationFormat[] = []
  for (const input of record.inputs) {
    const format = ANNOTATION_FORMATS.find((f) => f === input.format)
    if (format === undefined) return `${input.path}: the record names its format "${input.format}", which this tdgov does not read`
    if (record.adapter === null && NEEDS_ADAPTER_OPTIONS.includes(format)) {
      return `${input.path}: read as ${format}, whose column names or classes file a version 2 record does not store; draw the sample again to record them`
    }
    formats.push(format)
  }
  const columns = record.adapter?.columns ?? DEFAULT_COLUMNS
  const recordedClasses = record.adapter?.classes ?? null
  const classes = recordedClasses === null ? null : locateClasses(recordedClasses, options)
  // Fallback ids name a file by as much of its recorded path as tells it apart, as when it was drawn.
  const keys = fileKeys(record.inputs.map((input) => input.path))
  return async function* () {
    for (const [i, input] of located.entries()) {
      yield* readAnnotationFileAs(input.file, formats[i]!, {
        columns,
        ...(classes !== null && { classes }),
        fileKey: keys.get(input.path)!,
      })
    }
  }
}

/**
 * The recorded --classes file, looked for as the exports are: in the export folders, then under
 * the root. It is not hashed, but it names the labels, which the population fingerprint covers.
 */
function locateClasses(classes: string, options: RedrawOptions): string {
  const candidates = [...options.exportDirs.flatMap((dir) => [path.resolve(dir, classes), path.resolve(dir, path.basename(classes))]), path.resolve(options.root, classes)]
  return candidates.find((file) => sizeOf(file) !== null) ?? path.resolve(options.root, classes)
}

/**
 * The population first (size, fingerprint, strata), then the sample as sets of units, since one
 * swapped row shifts every later position: rows of the record the draw does not select, units the
 * draw selects that the record lacks, and only when both agree, order, labels and strata.
 */
function compareDraw(record: AuditRecord, drawn: DrawResult): RecordDifference[] {
  const out: RecordDifference[] = []
  const differ = (field: string, expected: unknown, found: unknown): void => {
    if (String(expected) !== String(found)) out.push({ field, expected: String(expected), found: String(found) })
  }
  differ('population.units', drawn.population.units, record.population.units)
  differ('population.fingerprint', drawn.population.fingerprint, record.population.fingerprint)
  differ('population.strata', JSON.stringify(drawn.population.strata), JSON.stringify(record.population.strata))
  if (record.repeats !== null) {
    // Counts only: the places name files where they were found, which --exports may move.
    const counts = (r: RepeatReport): string => `${r.units} repeated units, ${r.copies} copies left out, ${r.differing} with different labels`
    differ('repeats', counts(drawn.repeats), counts(record.repeats))
  }
  differ('sample.length', drawn.sample.length, record.sample.length)
  const drawnKeys = new Set(drawn.sample.map((unit) => unitKey(unit.item.item_id, unit.item.annotator)))
  const recordKeys = new Set(record.sample.map((unit) => unitKey(unit.item_id, unit.annotator)))
  record.sample.forEach((unit, i) => {
    if (!drawnKeys.has(unitKey(unit.item_id, unit.annotator))) {
      out.push({ field: `sample[${i}]`, expected: 'no such row (the re-drawn sample does not hold it)', found: describe(unit.item_id, unit.annotator, unit.rank) })
    }
  })
  for (const unit of drawn.sample) {
    if (!recordKeys.has(unitKey(unit.item.item_id, unit.item.annotator))) {
      out.push({ field: 'sample', expected: 'it (the re-drawn sample holds it)', found: `without ${describe(unit.item.item_id, unit.item.annotator, unit.rank)}` })
    }
  }
  if (out.length > 0) return out
  drawn.sample.forEach((expected, i) => {
    const found = record.sample[i]!
    differ(`sample[${i}]`, describe(expected.item.item_id, expected.item.annotator, expected.rank), describe(found.item_id, found.annotator, found.rank))
    differ(`sample[${i}].label`, labelCell(expected.item.labels), found.label)
    differ(`sample[${i}].stratum`, expected.stratum, found.stratum)
  })
  return out
}

function describe(itemId: string, annotator: string | null, rank: string): string {
  return `item "${itemId}"${annotator === null ? '' : ` by "${annotator}"`} rank ${rank}`
}
