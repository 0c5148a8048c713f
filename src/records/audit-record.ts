import path from 'node:path'
import { z } from 'zod'
import { findingSchema } from '../findings/finding.js'
import { parseRecord, readRecordText, type RecordKind } from './read-json-record.js'
import { INSPECTION_LEVELS } from './inspection-levels.js'

/**
 * `.tdgov/audits/<audit-id>.json`: everything needed to re-derive the sample (plan, seed, rank
 * method, population size and fingerprint, the sha256 of every input) and, once the sheet is
 * scored, the result. Its only dates are days (drawn_on, scored_on), which --as-of or
 * SOURCE_DATE_EPOCH pin, so the same inputs give the same record.
 */
export const AUDIT_RECORD_VERSION = 4

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

const count = z.number().int().nonnegative()
const share = z.number().min(0).max(1)
const interval = z.tuple([share, share]).readonly()

export const AUDIT_KINDS = ['annotation', 'content'] as const

/** What to do with a unit (item, annotator) that an export holds more than once: keep its first or last copy, or refuse the export. */
export const REPEAT_POLICIES = ['first', 'last', 'refuse'] as const
export type RepeatPolicy = (typeof REPEAT_POLICIES)[number]
export const DEFAULT_REPEAT_POLICY: RepeatPolicy = 'first'

/** How many repeated units an audit lists by name. */
export const REPEAT_EXAMPLES = 10

export const repeatReportSchema = z
  .object({
    policy: z.enum(REPEAT_POLICIES).describe('--repeats: which copy of a repeated unit the population keeps'),
    units: count.describe('distinct units (item, annotator) found more than once, compared exactly'),
    copies: count.describe('occurrences beyond one per unit: left out of the population'),
    differing: count.describe('repeated units whose copies differ in their labels (compared as sets)'),
    examples: z
      .array(
        z
          .object({
            item_id: z.string(),
            annotator: z.string().nullable(),
            occurrences: count,
            labels_differ: z.boolean(),
            places: z.array(z.string()).describe('the first three: file and place in it'),
          })
          .strict(),
      )
      .describe(`the first ${REPEAT_EXAMPLES} repeated units, in reading order`),
  })
  .strict()

export type RepeatReport = z.output<typeof repeatReportSchema>
export type AuditKind = (typeof AUDIT_KINDS)[number]

const planSchema = z
  .object({
    method: z.enum(['iso-2859-1', 'cochran', 'fixed-size', 'ratio']),
    aql: z.number().nullable(),
    level: z.enum(INSPECTION_LEVELS).nullable(),
    margin: z.number().nullable(),
    confidence: z.number().nullable(),
    proportion: z.number().nullable(),
    ratio: z.number().nullable(),
    population: count,
    code_letter: z.string().nullable(),
    plan_sample_size: count,
    sample_size: count,
    accept: count.nullable(),
    reject: count.nullable(),
    full_inspection: z.boolean(),
  })
  .strict()

const accuracySchema = z
  .object({
    reviewed: count,
    correct: count,
    accuracy: share.nullable(),
    wilson: interval.nullable(),
  })
  .strict()

export const auditResultSchema = z
  .object({
    sheet_sha256: z.string().describe('the scored sheet, as read'),
    reviewed: count,
    unreviewed: count,
    defects: count.describe('incorrect (annotation audits) or fail (content audits) verdicts'),
    accuracy: share.nullable().describe('correct / reviewed (the pass rate for content audits)'),
    confidence: z.number(),
    wilson: interval.nullable(),
    clopper_pearson: interval.nullable(),
    lower_bound: share.nullable().describe('one-sided Wilson lower bound at the confidence level'),
    weighted_accuracy: share.nullable().describe('stratified samples: strata weighted by population share'),
    weighted_interval: interval.nullable().describe('stratified samples: normal-approximation interval of the weighted accuracy, with finite population correction'),
    verification_ratio: share.describe('reviewed units / population units: the human verification ratio of the filing form'),
    decision: z.enum(['accept', 'reject', 'incomplete']),
    rule: z.string().describe('the rule the decision applied, in words'),
    per_class: z.record(z.string(), accuracySchema),
    per_annotator: z.record(z.string(), accuracySchema),
    confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(count)) }).strict().describe('rows reviewer, columns annotator'),
    error_types: z.record(z.string(), count),
    cohen_kappa: z.number().nullable().describe('annotator vs reviewer'),
    reviewer_is_annotator: z.array(z.object({ row: count, item_id: z.string(), annotator: z.string() }).strict()),
    reviewers: z.record(z.string(), count).describe('reviewed rows per reviewer'),
    reviewer_missing: count.describe('reviewed rows that name no reviewer'),
    corrections: z.record(z.string(), count).describe('corrected labels (annotation audits) or risk categories (content audits) on rows not judged correct'),
    scored_on: day.describe('the day the sheet was scored (UTC), for policy.audit_max_age_days'),
    harmful_rate: share.nullable().describe('content audits: fail share'),
    harmful_upper_bound: share.nullable().describe('content audits: one-sided Wilson upper bound of the fail share'),
    source_rejected: z.boolean().nullable().describe('content audits: the fail share exceeds the harmful-rate threshold'),
    thresholds: z.object({ target_accuracy: share.nullable(), pass_rate_min: share.nullable(), harmful_rate_max: share.nullable() }).strict(),
    findings: z.array(findingSchema),
  })
  .strict()

export const auditRecordSchema = z
  .object({
    tdgov_audit: z.literal(AUDIT_RECORD_VERSION),
    id: z.string(),
    kind: z.enum(AUDIT_KINDS),
    tool: z.string().describe('tdgov version that drew the sample'),
    drawn_on: day
      .nullable()
      .describe('the day the sample was drawn (UTC; --as-of, else SOURCE_DATE_EPOCH, else today): annotators and reviewers are judged trained or not at this date, so reading the record later changes nothing; null in records before version 4'),
    inputs: z
      .array(z.object({ path: z.string(), format: z.string(), bytes: count, sha256: z.string() }).strict())
      .describe('what was sampled; a changed input makes the audit stale'),
    adapter: z
      .object({
        columns: z.object({ item: z.string(), annotator: z.string(), label: z.string() }).strict(),
        classes: z.string().nullable().describe('--classes, relative to the project root; null: classes.txt found next to or above the label files'),
      })
      .strict()
      .nullable()
      .describe('annotation audits: how the exports were read (--item-column, --annotator-column, --label-column, --classes), so the sample can be re-drawn; null for content audits, and for records of version 2, which did not store it'),
    source: z.string().nullable().describe('content audits: the declared source sampled'),
    rules: z
      .object({ id: z.string(), version: z.string(), kind: z.string(), document: z.string(), sha256: z.string().nullable() })
      .strict()
      .nullable(),
    plan: planSchema,
    seed: z.string(),
    rank_method: z.string(),
    stratify: z.enum(['label', 'annotator', 'source']).nullable(),
    population: z
      .object({
        units: count,
        fingerprint: z.string(),
        fingerprint_method: z.string(),
        strata: z.record(z.string(), z.object({ units: count, sampled: count }).strict()).nullable(),
        labels: z.record(z.string(), count),
        annotators: z.record(z.string(), count),
        tallies_capped: z.boolean(),
      })
      .strict(),
    repeats: repeatReportSchema
      .nullable()
      .default(null)
      .describe('units the exports hold more than once and how they were resolved; null in records drawn before tdgov looked for them'),
    sheet: z.object({ path: z.string(), format: z.enum(['csv', 'jsonl', 'xlsx', 'label-studio']) }).strict(),
    sample: z
      .array(
        z
          .object({
            item_id: z.string(),
            annotator: z.string().nullable(),
            label: z.string(),
            preview_sha256: z.string().describe('the preview cell as written, so an edited preview is noticed'),
            rank: z.string(),
            stratum: z.string().nullable(),
          })
          .strict(),
      )
      .describe('in sheet order'),
    findings: z.array(findingSchema).describe('labels, annotators and rules checked when the sample was drawn'),
    result: auditResultSchema.nullable(),
  })
  .strict()

export type AuditRecord = z.output<typeof auditRecordSchema>
export type AuditResult = z.output<typeof auditResultSchema>

export const AUDITS_DIR = path.join('.tdgov', 'audits')

const AUDIT_RECORD: RecordKind = { what: 'audit record', versionKey: 'tdgov_audit', version: AUDIT_RECORD_VERSION, remedy: 'tdgov audit sample' }

/** Version 3 lacks `drawn_on`, version 2 also `adapter`; everything else is the same, so they are read with nulls. */
const auditRecordV3Schema = auditRecordSchema.omit({ drawn_on: true, repeats: true }).extend({ tdgov_audit: z.literal(3) })
const auditRecordV2Schema = auditRecordSchema.omit({ adapter: true, drawn_on: true, repeats: true }).extend({ tdgov_audit: z.literal(2) })
const AUDIT_RECORD_V3: RecordKind = { ...AUDIT_RECORD, version: 3 }
const AUDIT_RECORD_V2: RecordKind = { ...AUDIT_RECORD, version: 2 }

/**
 * Reads and validates an audit record; a missing, malformed or other-version one is the user's
 * error. Records of versions 2 and 3 are read as version 4: `drawn_on: null` (training is then
 * judged at the day of reading, as those versions were) and, for version 2, `adapter: null` (its
 * sample stands; only a re-draw of a generic CSV/JSONL or YOLO export cannot know its columns or classes).
 */
export function readAuditRecord(file: string): AuditRecord {
  const text = readRecordText(file, AUDIT_RECORD)
  const version = versionOf(text)
  if (version === 2) {
    const old = parseRecord(text, file, auditRecordV2Schema, AUDIT_RECORD_V2)
    return { ...old, tdgov_audit: AUDIT_RECORD_VERSION, adapter: null, drawn_on: null, repeats: null }
  }
  if (version === 3) {
    const old = parseRecord(text, file, auditRecordV3Schema, AUDIT_RECORD_V3)
    return { ...old, tdgov_audit: AUDIT_RECORD_VERSION, drawn_on: null, repeats: null }
  }
  return parseRecord(text, file, auditRecordSchema, AUDIT_RECORD)
}

function versionOf(text: string): unknown {
  try {
    const json: unknown = JSON.parse(text)
    return typeof json === 'object' && json !== null && 'tdgov_audit' in json ? json.tdgov_audit : undefined
  } catch {
    // parseRecord reports the malformed JSON
    return undefined
  }
}

/** The record's text: keys in schema order, two-space indent, final newline. */
export function renderAuditRecord(record: AuditRecord): string {
  return JSON.stringify(auditRecordSchema.parse(record), null, 2) + '\n'
}
