import { startOfDay } from '../util/record-date.js'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { LabellingRuleConfig } from '../records/config-schema.js'
import type { LoadedConfig } from '../records/load-config.js'
import { maskPreview } from '../provenance/pii/index.js'
import { toPosix } from '../util/walk.js'
import { readRulesDocument } from '../records/rules-document.js'
import { insideOf, writeFileAtomic } from '../util/atomic-write.js'
import { UserError } from '../util/errors.js'
import { toolVersion } from '../util/version.js'
import { listAnnotationFiles, readAnnotationFiles } from '../formats/annotations/read-annotations.js'
import { AUDIT_RECORD_VERSION, AUDITS_DIR, readAuditRecord, renderAuditRecord, type AuditKind, type AuditRecord, type RepeatPolicy } from '../records/audit-record.js'
import { readDataItems, sourceFiles } from './data-items.js'
import { contentPreview, cutPreview, type AdapterOptions, type AnnotationFormat, type AnnotationItem } from '../formats/annotations/item.js'
import { hashInputs } from './hash-inputs.js'
import { labelCell } from './label-cell.js'
import { stratumFunction } from './strata.js'
import type { PlanRequest } from './plan.js'
import { auditFindings } from './audit-findings.js'
import { drawSample, type DrawPass, type DrawResult, type StratifyBy } from './sampling/draw-sample.js'
import { FINGERPRINT_METHOD } from './sampling/population-fingerprint.js'
import { RANK_METHOD } from './sampling/rank.js'
import { previewHash } from './score/check-sheet.js'
import { labelStudioConfigFile, sheetFormatOf, writeSheet, type SheetLanguage } from './sheets/index.js'
import type { SheetRow } from './sheets/sheet-row.js'

export interface SampleAuditInput {
  /** the project: where tdgov.yaml and .tdgov/ live; record paths are relative to it */
  root: string
  /** annotation exports (files or directories); empty for a data-item audit */
  inputs: string[]
  /** data-item audit of this declared source */
  source: string | null
  format: AnnotationFormat | 'auto'
  adapterOptions: AdapterOptions
  plan: PlanRequest
  seed: string
  stratify: StratifyBy | null
  rules: string | null
  id: string | null
  sheet: string | null
  /** the review sheet's headers, verdict words and instructions (default English) */
  sheetLanguage?: SheetLanguage
  force: boolean
  config: LoadedConfig | null
  /** the day the sample is drawn (YYYY-MM-DD, UTC): recorded, and training is judged at it */
  drawnOn: string
  /** a unit the exports hold more than once: keep its first or last copy, or refuse the exports */
  repeats: RepeatPolicy
  onProgress?: (units: number, pass: DrawPass) => void
}

export interface SampleAuditOutput {
  record: AuditRecord
  recordFile: string
  sheetFile: string
  /** a Label Studio sheet's labelling config, to create the review project with; else null */
  configFile: string | null
}

const AUDIT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** Draws the sample, writes the review sheet and the audit record, and returns the record. */
export async function sampleAudit(input: SampleAuditInput): Promise<SampleAuditOutput> {
  const kind: AuditKind = input.source === null ? 'annotation' : 'content'
  const rules = chooseRules(input, kind)
  const { files, readUnits, formats } = await population(input)
  const stratumOf = stratumFunction(input.stratify, input.config, (file) => relativeTo(input.root, file))
  const hashing = hashInputs(files)
  let drawn: DrawResult
  try {
    drawn = await drawSample(readUnits, {
      seed: input.seed,
      plan: input.plan,
      stratumOf,
      repeats: input.repeats,
      placeOf: (item) => `${relativeTo(input.root, item.source_file)}: ${item.location}`,
      ...(input.onProgress && { onProgress: input.onProgress }),
    })
  } catch (error) {
    hashing.cancel()
    throw error
  }
  if (drawn.population.units === 0) throw new UserError(`${files.join(', ')}: no items to sample; expected at least one labelled item`)
  const hashed = await hashing.digests
  const inputsRecord = files.map((file, i) => ({
    path: relativeTo(input.root, file),
    // the format each file was read as (data-item audits read records of any format)
    format: kind === 'content' ? 'data' : (formats.get(file) ?? 'unknown'),
    bytes: hashed[i]!.bytes,
    sha256: hashed[i]!.sha256,
  }))
  const id = input.id ?? derivedId(kind, drawn, input)
  if (!AUDIT_ID.test(id)) throw new UserError(`--id ${id}: expected letters, digits, ".", "_" or "-" (at most 64)`)
  const recordFile = path.join(input.root, AUDITS_DIR, `${id}.json`)
  const sheetFile = input.sheet ?? path.join(input.root, AUDITS_DIR, `${id}.csv`)
  const format = sheetFormatOf(sheetFile)
  refuseToReplaceScored(recordFile, input.force)

  const rows = drawn.sample.map(({ item }): SheetRow => ({
    audit_id: id,
    item_id: item.item_id,
    annotator: item.annotator ?? '',
    label: labelCell(item.labels),
    // Reviewers see the text with personal values masked, conservatively (src/provenance/pii/
    // mask-preview.ts); masking comes before the cut, so a value is never left half-visible at
    // the end. Only sampled units pay for either.
    // Content-safety reviewers judge the record itself: up to 2,000 characters of its content
    // fields, marked when cut (formats/annotations/item.ts).
    preview: kind === 'content' ? contentPreview(maskPreview(item.preview), item.contentLength ?? item.preview.length) : cutPreview(maskPreview(item.preview)),
    verdict: '',
    corrected_label: '',
    error_type: '',
    reviewer: '',
    note: '',
  }))
  const document = rules === null ? null : rulesDocument(input, rules)
  const record: AuditRecord = {
    tdgov_audit: AUDIT_RECORD_VERSION,
    id,
    kind,
    tool: toolVersion(),
    drawn_on: input.drawnOn,
    inputs: inputsRecord,
    adapter:
      kind === 'content'
        ? null
        : {
            columns: { ...input.adapterOptions.columns },
            classes: input.adapterOptions.classes === undefined ? null : relativeTo(input.root, input.adapterOptions.classes),
          },
    source: input.source,
    rules: rules === null ? null : { id: rules.id, version: rules.version, kind: rules.kind, ...document! },
    plan: drawn.plan,
    seed: input.seed,
    rank_method: RANK_METHOD,
    stratify: input.stratify,
    population: { ...drawn.population, fingerprint_method: FINGERPRINT_METHOD },
    repeats: drawn.repeats,
    sheet: { path: relativeTo(input.root, sheetFile), format },
    sample: drawn.sample.map(({ item, rank, stratum }, i) => ({
      item_id: item.item_id,
      annotator: item.annotator,
      label: rows[i]!.label,
      preview_sha256: previewHash(rows[i]!.preview),
      rank,
      stratum,
    })),
    findings: [],
    result: null,
  }
  record.findings = auditFindings(input.root, record, relativeTo(input.root, recordFile), input.config, startOfDay(input.drawnOn))
  await writeSheet(sheetFile, rows, {
    kind,
    language: input.sheetLanguage ?? 'en',
    force: input.force,
    ...insideOf(input.root, sheetFile),
    // The day drawn, so the workbook's dates say when the audit was drawn and the bytes stay the same.
    createdAt: new Date(`${input.drawnOn}T00:00:00Z`),
    labels: rules?.labels ?? [],
    reviewers: rosterReviewers(input.config),
    guide: {
      auditId: id,
      kind,
      seed: input.seed,
      drawnOn: input.drawnOn,
      rules: record.rules === null ? null : { ...record.rules, labels: rules?.labels ?? [] },
    },
  })
  writeFileAtomic(recordFile, renderAuditRecord(record), insideOf(input.root, recordFile))
  return { record, recordFile, sheetFile, configFile: format === 'label-studio' ? labelStudioConfigFile(sheetFile) : null }
}

/** The roster's reviewers (role reviewer or both), in roster order: the sheet's reviewer drop-down. */
function rosterReviewers(config: LoadedConfig | null): string[] {
  return (config?.config.annotators ?? []).filter((person) => person.role !== 'annotator').map((person) => person.id)
}

interface Population {
  files: string[]
  readUnits: () => AsyncIterable<AnnotationItem>
  /** filled while reading: the format each annotation file was read as */
  formats: Map<string, AnnotationFormat>
}

async function population(input: SampleAuditInput): Promise<Population> {
  const formats = new Map<string, AnnotationFormat>()
  if (input.source !== null) {
    if (input.inputs.length > 0) throw new UserError('--source samples the records of a declared source; give no annotation files with it')
    if (input.config === null) throw new UserError(`--source ${input.source}: needs tdgov.yaml in ${input.root} (or --config) to know the source's files`)
    const relFiles = await sourceFiles(input.root, input.config.config, input.source)
    return { files: relFiles.map((f) => path.join(input.root, f)), readUnits: () => readDataItems(input.root, relFiles), formats }
  }
  if (input.inputs.length === 0) throw new UserError('expected annotation exports to sample (files or directories), or --source ID for a data-item audit')
  const files = await listAnnotationFiles(input.inputs)
  return { files, readUnits: () => readAnnotationFiles(files, input.format, input.adapterOptions, formats), formats }
}

/** The rules the labels were made under: --rules, or the only rule set of the audit's kind. */
function chooseRules(input: SampleAuditInput, kind: AuditKind): LabellingRuleConfig | null {
  const declared = input.config?.config.labelling_rules ?? []
  if (input.rules !== null) {
    const found = declared.find((rule) => rule.id === input.rules)
    if (found === undefined) {
      throw new UserError(`--rules ${input.rules}: no such labelling rules in tdgov.yaml (declared: ${declared.map((r) => r.id).join(', ') || 'none'})`)
    }
    return found
  }
  const ofKind = declared.filter((rule) => rule.kind === (kind === 'content' ? 'safety' : 'functional'))
  if (ofKind.length > 1) throw new UserError(`tdgov.yaml declares ${ofKind.length} ${ofKind[0]!.kind} labelling rules; pass --rules ID to say which this export follows`)
  return ofKind[0] ?? null
}

function rulesDocument(input: SampleAuditInput, rules: LabellingRuleConfig): { document: string; sha256: string | null } {
  const config = input.config ? input.config.file : path.join(input.root, 'tdgov.yaml')
  return { document: rules.document, sha256: readRulesDocument(config, rules.document).sha256 }
}

/** Same population, plan, seed and strata → same id, so a repeated draw names the same audit. */
function derivedId(kind: AuditKind, drawn: DrawResult, input: SampleAuditInput): string {
  const basis = JSON.stringify([drawn.population.fingerprint, drawn.plan, input.seed, input.stratify, input.source])
  return `${kind}-${createHash('sha256').update(basis).digest('hex').slice(0, 12)}`
}

/** A scored audit is evidence; drawing over it needs --force. */
function refuseToReplaceScored(recordFile: string, force: boolean): void {
  if (force || !existsSync(recordFile)) return
  const existing = readAuditRecord(recordFile)
  if (existing.result !== null) {
    throw new UserError(`${recordFile}: audit ${existing.id} has been scored already; pass --force to draw it again (the result will be lost) or --id for a new audit`)
  }
}

/** POSIX path relative to the project root, or absolute when outside it. */
export function relativeTo(root: string, file: string): string {
  const rel = path.relative(root, file)
  return rel.startsWith('..') || path.isAbsolute(rel) ? toPosix(path.resolve(file)) : toPosix(rel)
}
