/**
 * Hand-made RuleRecords for the rule tests: tdgov.yaml from YAML text (written to a temp directory
 * and read with loadConfig, so locations are the real ones), a manifest header and file views, and
 * schema-valid audit records.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import { configRecords } from '../../../src/check/config-records.js'
import type { ManifestFileView, ManifestHeader, RuleRecords, TreeChanges } from '../../../src/check/rule-records.js'
import type { Rule } from '../../../src/check/rule.js'
import { runRules } from '../../../src/check/run-rules.js'
import type { Finding, FindingArgs, FindingLocation } from '../../../src/findings/finding.js'
import { AUDIT_RECORD_VERSION, auditRecordSchema, type AuditRecord, type AuditResult } from '../../../src/records/audit-record.js'
import { loadConfig } from '../../../src/records/load-config.js'
import { FINGERPRINT_METHOD } from '../../../src/audit/sampling/population-fingerprint.js'
import { Ranker, RANK_METHOD, rankHex, unitKey } from '../../../src/audit/sampling/rank.js'
import { makeTempDir, writeTree, type TreeSpec } from '../../helpers/tmp.js'

export { removeTempDirs } from '../../helpers/tmp.js'

/** The day every rule test runs on, unless it says otherwise. */
export const TODAY = new Date('2025-06-01T12:00:00Z')

/** A YAML document from its lines: line N of the file is argument N, so locations can be counted by hand. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** The shortest valid tdgov.yaml body line: a commercial dataset. */
export const DATASET = 'dataset: { name: test set, intended_use: commercial }'

/** A stable fake sha256 for a name. */
export function sha(name: string): string {
  return createHash('sha256').update(name).digest('hex')
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

// --- manifest ------------------------------------------------------------------------------

type SourceSummary = ManifestHeader['sources'][number]
type ContentSummary = ManifestHeader['content']

/** A source's summary in the manifest header: `files` files, declared licence and PII as given. */
export function sourceSummary(
  id: string,
  options: { kind?: string; files?: number; declared?: string | null; detected?: { id: string; from: string[] }[]; densityPer10k?: number; basis?: string | null } = {},
): SourceSummary {
  const files = options.files ?? 1
  return {
    id,
    name: `source ${id}`,
    kind: options.kind ?? 'self-collected',
    domestic: true,
    files,
    bytes: files * 100,
    records: files * 10,
    licence: { declared: options.declared ?? null, contract: null, detected: options.detected ?? [], use: 'commercial', attribution: true, shareAlike: false },
    personalInformation: { basis: options.basis ?? null, records: files * 10, densityPer10k: options.densityPer10k ?? 0, counts: {}, examples: {} },
    languages: {},
    modalities: { text: files },
  }
}

export function contentSummary(options: { records?: number; rate?: number } = {}): ContentSummary {
  return {
    records: options.records ?? 100,
    empty: 0,
    duplicates: { withinFiles: 0, acrossFiles: 0, acrossSources: 0, rate: options.rate ?? 0 },
    languages: {},
    tokens: null,
    personalInformation: { records: 0, densityPer10k: 0, counts: {}, examples: {} },
  }
}

const TALLY = { files: 0, bytes: 0, records: 0 }

/** A manifest header; `config` defaults to the tdgov.yaml the records load (so the manifest is not stale). */
export function manifestHeader(overrides: Partial<ManifestHeader> = {}): ManifestHeader {
  return {
    manifest: 'tdgov/manifest',
    version: 2,
    tool: { name: 'tdgov', version: '0.1.0' },
    scan: { deep: false, sampleSize: 1000, pii: 'sample', tokens: 'off' },
    config: null,
    fingerprint: '0'.repeat(64),
    totals: {
      files: 0,
      bytes: 0,
      records: 0,
      byFormat: {},
      byModality: {},
      bySource: {},
      byKind: {},
      byOrigin: { domestic: TALLY, foreign: TALLY, unspecified: TALLY },
      findings: { error: 0, warning: 0, info: 0 },
    },
    sources: [],
    content: contentSummary(),
    diversity: [],
    ...overrides,
  }
}

/** A file entry as the rules see it; its sha256 is sha(path) unless given. */
export function file(filePath: string, source: string | null, overrides: Partial<ManifestFileView> = {}): ManifestFileView {
  return { path: filePath, source, bytes: 100, sha256: sha(filePath), format: 'jsonl', modality: 'text', records: 10, findings: [], ...overrides }
}

// --- audits --------------------------------------------------------------------------------

/** A scored result: accepted, 10 of 10 correct, scored on 2025-05-20, unless overridden. */
export function scored(overrides: Partial<AuditResult> = {}): AuditResult {
  return {
    sheet_sha256: 'c'.repeat(64),
    reviewed: 10,
    unreviewed: 0,
    defects: 0,
    accuracy: 1,
    confidence: 0.95,
    wilson: [0.72, 1],
    clopper_pearson: [0.69, 1],
    lower_bound: 0.76,
    weighted_accuracy: null,
    weighted_interval: null,
    verification_ratio: 0.1,
    decision: 'accept',
    rule: 'fixed-size sample: accuracy lower bound against the target',
    per_class: {},
    per_annotator: {},
    confusion: { labels: [], matrix: [] },
    error_types: {},
    cohen_kappa: null,
    reviewer_is_annotator: [],
    reviewers: {},
    reviewer_missing: 0,
    corrections: {},
    scored_on: '2025-05-20',
    harmful_rate: null,
    harmful_upper_bound: null,
    source_rejected: null,
    thresholds: { target_accuracy: null, pass_rate_min: null, harmful_rate_max: null },
    findings: [],
    ...overrides,
  }
}

export interface AuditInput {
  /** the record's drawn_on (null: a record before version 4, judged at the gate's day) */
  drawnOn?: string
  id?: string
  kind?: AuditRecord['kind']
  /** sampled files: path and sha256 (default sha(path)) */
  inputs?: { path: string; sha256?: string }[]
  source?: string | null
  rules?: AuditRecord['rules']
  labels?: Record<string, number>
  annotators?: Record<string, number>
  result?: AuditResult | null
}

/** A schema-valid audit record stored at .tdgov/audits/<id>.json; by default an unscored annotation audit of ann/export.json. */
export function audit(input: AuditInput = {}): { record: AuditRecord; path: string } {
  const id = input.id ?? 'audit-1'
  const inputs = (input.inputs ?? [{ path: 'ann/export.json' }]).map((i) => ({ path: i.path, format: 'json', bytes: 100, sha256: i.sha256 ?? sha(i.path) }))
  const record: AuditRecord = {
    tdgov_audit: AUDIT_RECORD_VERSION,
    id,
    kind: input.kind ?? 'annotation',
    tool: 'tdgov 0.1.0',
    drawn_on: input.drawnOn ?? null,
    inputs,
    adapter: null,
    source: input.source ?? null,
    rules: input.rules ?? null,
    plan: {
      method: 'fixed-size',
      aql: null,
      level: null,
      margin: null,
      confidence: null,
      proportion: null,
      ratio: null,
      population: 100,
      code_letter: null,
      plan_sample_size: 10,
      sample_size: 10,
      accept: null,
      reject: null,
      full_inspection: false,
    },
    seed: 'seed-1',
    rank_method: RANK_METHOD,
    stratify: null,
    population: {
      units: 100,
      fingerprint: 'f'.repeat(64),
      fingerprint_method: FINGERPRINT_METHOD,
      strata: null,
      labels: input.labels ?? {},
      annotators: input.annotators ?? {},
      tallies_capped: false,
    },
    repeats: null,
    sheet: { path: `.tdgov/audits/${id}.csv`, format: 'csv' },
    sample: SAMPLE,
    findings: [],
    result: input.result ?? null,
  }
  return { record: auditRecordSchema.parse(record), path: `.tdgov/audits/${id}.json` }
}

/**
 * The 10 of `item-0` … `item-99` seed-1 ranks first, as tdgov draws them: a record consistent with
 * its plan, so AUDIT_RECORD_INCONSISTENT stays out of the other rules' tests.
 */
const SAMPLE: AuditRecord['sample'] = (() => {
  const ranker = new Ranker('seed-1')
  return Array.from({ length: 100 }, (_, i) => ({ item_id: `item-${i}`, rank: rankHex(ranker.rank(unitKey(`item-${i}`, null))) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, 10)
    .map(({ item_id, rank }) => ({ item_id, annotator: null, label: 'positive', preview_sha256: sha(item_id), rank, stratum: null }))
})()

/** Where an audit's findings point (the record, or one of its sheet rows). */
export function auditAt(id: string, row?: number): FindingLocation {
  return { kind: 'audit', id, path: `.tdgov/audits/${id}.json`, ...(row !== undefined && { row }) }
}

export function fileAt(filePath: string): FindingLocation {
  return { kind: 'file', path: filePath }
}

/** tdgov.yaml at a YAML path, with the 1-based line and column counted by hand. */
export function configAt(yamlPath: string, line: number, column: number): FindingLocation {
  return { kind: 'config', path: 'tdgov.yaml', yamlPath, line, column }
}

// --- records -------------------------------------------------------------------------------

export interface RecordsInput {
  /** tdgov.yaml as text; null for a project without one */
  config: string | null
  /** other files of the project (labelling-rules documents), relative to tdgov.yaml */
  tree?: TreeSpec
  /** the manifest; omitted or null: none */
  manifest?: { header?: Partial<ManifestHeader>; files?: ManifestFileView[] } | null
  audits?: { record: AuditRecord; path: string }[]
  changes?: TreeChanges | null
  today?: Date
}

export interface Built {
  records: RuleRecords
  root: string
  /** sha256 of the tdgov.yaml written; null without one */
  configSha256: string | null
}

/**
 * RuleRecords as `check` would build them: the config loaded from a temp directory by loadConfig
 * and configRecords (locations, hash, labelling-rules documents as on disk), plus the manifest,
 * audits and tree given. The manifest header's `config` names the same tdgov.yaml unless given.
 */
export function build(input: RecordsInput): Built {
  const root = makeTempDir('tdgov-rules-')
  if (input.config !== null) writeTree(root, { 'tdgov.yaml': input.config })
  if (input.tree) writeTree(root, input.tree)
  const loaded = input.config === null ? null : loadConfig(root, path.join(root, 'tdgov.yaml'))
  const base = configRecords(root, loaded, input.today ?? TODAY)
  const configSha256 = loaded?.sha256 ?? null
  const manifest =
    input.manifest === undefined || input.manifest === null
      ? null
      : {
          header: manifestHeader({ config: configSha256 === null ? null : { file: 'tdgov.yaml', sha256: configSha256 }, ...input.manifest.header }),
          files: input.manifest.files ?? [],
        }
  return { records: { ...base, manifest, audits: input.audits ?? [], tree: input.changes ?? null }, root, configSha256 }
}

export function records(input: RecordsInput): RuleRecords {
  return build(input).records
}

/** The rule's findings over the records, as [code, args, location]. */
export function run(rule: Rule, records: RuleRecords): [Finding['code'], FindingArgs, FindingLocation][] {
  return runRules([rule], records).map((f) => [f.code, f.args, f.location])
}
