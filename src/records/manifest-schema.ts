import { z } from 'zod'
import { findingSchema, type Finding } from '../findings/finding.js'
import { LANGUAGE_CLASSES, PII_TYPES } from './vocabulary.js'

export const MANIFEST_VERSION = 2

const count = z.number().int().nonnegative()

export const fieldSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    nulls: count.optional().describe('null or missing values; absent when the format cannot tell'),
    empty: count.optional().describe('values present but empty: blank strings, empty arrays and objects; absent when none'),
  })
  .strict()

const share = z.number().min(0).max(1)
const languageCounts = z.partialRecord(z.enum(LANGUAGE_CLASSES), count)
const piiCounts = z.partialRecord(z.enum(PII_TYPES), count)
const piiExamples = z.partialRecord(z.enum(PII_TYPES), z.array(z.string()).max(3))

export const tokenSampleSchema = z
  .object({
    n: count.describe('records tokenised'),
    sumX: count.describe('their bytes'),
    sumY: count.describe('their tokens'),
    sumXX: z.number().nonnegative(),
    sumYY: z.number().nonnegative(),
    sumXY: z.number().nonnegative(),
  })
  .strict()

export const tokenFactsSchema = z.object({ exact: count.describe('tokens of every record (--tokens exact)') }).strict()

const piiSchema = z
  .object({
    records: count.describe('records searched: the sample, or every record with --pii full'),
    densityPer10k: z.number().nonnegative().optional().describe('personal values per 10,000 records searched; absent when nothing was found'),
    counts: piiCounts.optional().describe('absent when nothing was found'),
    examples: piiExamples.optional().describe('masked; never a raw value'),
  })
  .strict()

export const licenceStatementSchema = z
  .object({
    from: z.enum(['licence-text', 'dataset-card', 'croissant']),
    stated: z.array(z.string()),
    ids: z.array(z.string()).describe('SPDX ids where there is one'),
    similarity: z.number().min(0).max(1).optional(),
  })
  .strict()

const contentSchema = z
  .object({
    records: count.describe('records analysed: the seeded sample, or all with --deep'),
    empty: count,
    duplicates: count.describe('analysed records repeating an earlier one of this file (normalised text)'),
    languages: languageCounts,
    length: z
      .object({ min: count, p50: count, p90: count, p99: count, max: count, mean: z.number().nonnegative() })
      .strict()
      .optional()
      .describe('characters of record text'),
    licences: z.record(z.string(), count).optional().describe('per-record licence field values'),
    contentBytes: count.optional().describe('decompressed size, for compressed files; for Parquet and Arrow, the rows\' size as JSON text, estimated from the rows analysed: the token estimate scales its sample to it'),
    tokens: tokenFactsSchema.optional(),
  })
  .strict()

export const fileEntrySchema = z
  .object({
    path: z.string().describe('POSIX path relative to the scanned directory'),
    source: z.string().nullable().optional().describe('the declared source whose paths match first; null when none does'),
    bytes: count,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: z
      .string()
      .describe('jsonl, json, csv, tsv, parquet, arrow, arrow-stream, text, document (LICENSE, README, …), a media type (png, wav, mp4, …), empty or binary'),
    compression: z.enum(['gzip', 'zstd']).nullable(),
    modality: z.enum(['text', 'tabular', 'image', 'audio', 'video', 'other']),
    records: count.optional(),
    schema: z
      .object({
        fields: z.array(fieldSchema),
        sampledRecords: count
          .optional()
          .describe('records the types and null counts come from, when only a sample was parsed'),
      })
      .strict()
      .optional(),
    media: z
      .object({
        width: count.optional(),
        height: count.optional(),
        durationSeconds: z.number().nonnegative().optional(),
      })
      .strict()
      .optional(),
    content: contentSchema.optional(),
    pii: piiSchema.optional(),
    licence: licenceStatementSchema.optional(),
    findings: z.array(findingSchema),
  })
  .strict()

const tally = z.object({ files: count, bytes: count, records: count }).strict()

const licenceUse = z.enum(['commercial', 'non-commercial', 'academic-only', 'unspecified'])

const piiSummarySchema = z
  .object({
    records: count,
    densityPer10k: z.number().nonnegative().describe('personal values per 10,000 records searched'),
    counts: piiCounts,
    examples: piiExamples.describe('masked; never a raw value'),
  })
  .strict()

const sourceSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    domestic: z.boolean().nullable(),
    files: count,
    bytes: count,
    records: count,
    licence: z
      .object({
        declared: z.string().nullable(),
        contract: z.string().nullable(),
        detected: z.array(z.object({ id: z.string(), from: z.array(z.string()).describe('where it is stated (first 5)') }).strict()),
        use: licenceUse.describe('most restrictive of declared and detected; unknown counts as restrictive'),
        attribution: z.boolean(),
        shareAlike: z.boolean(),
      })
      .strict(),
    personalInformation: piiSummarySchema.extend({ basis: z.string().nullable() }).strict(),
    languages: languageCounts,
    modalities: z.record(z.string(), count).describe('files per modality'),
  })
  .strict()

const tokenTotalSchema = z.union([
  z.object({ method: z.literal('exact'), encoding: z.string(), total: count }).strict(),
  z
    .object({
      method: z.string(),
      encoding: z.string(),
      estimate: count,
      low: count,
      high: count,
      confidence: share,
      tokenisedFiles: count,
      tokenisedBytes: count,
      inclusionBytes: count.describe('a file of X content bytes is drawn with probability min(1, X / inclusionBytes)'),
    })
    .strict(),
])

const contentSummarySchema = z
  .object({
    records: count.describe('records analysed across the dataset'),
    empty: count,
    duplicates: z
      .object({
        withinFiles: count,
        acrossFiles: count.describe('analysed records whose normalised text first appeared in an earlier file (path order)'),
        acrossSources: count,
        rate: share,
      })
      .strict(),
    languages: languageCounts.describe('analysed records by language'),
    tokens: tokenTotalSchema.nullable(),
    personalInformation: piiSummarySchema,
  })
  .strict()

export const manifestSchema = z
  .object({
    manifest: z.literal('tdgov/manifest'),
    version: z.literal(MANIFEST_VERSION),
    tool: z.object({ name: z.literal('tdgov'), version: z.string() }).strict(),
    scan: z
      .object({
        deep: z.boolean(),
        sampleSize: count.describe('records parsed per file for the schema unless deep'),
        pii: z.enum(['off', 'sample', 'full']),
        tokens: z.enum(['off', 'estimate', 'exact']),
      })
      .strict(),
    config: z
      .object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict()
      .nullable()
      .describe('the tdgov.yaml the files were checked against'),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 over the sorted lines "path \\0 sha256 \\n" of every file'),
    totals: z
      .object({
        files: count,
        bytes: count,
        records: count,
        byFormat: z.record(z.string(), tally),
        byModality: z.record(z.string(), tally),
        bySource: z
          .record(z.string(), tally)
          .describe('"(undeclared)": data files of no source; "(documentation)": LICENSE, README and the like outside every source'),
        byKind: z.record(z.string(), tally),
        byOrigin: z.object({ domestic: tally, foreign: tally, unspecified: tally }).strict(),
        findings: z.object({ error: count, warning: count, info: count }).strict(),
      })
      .strict(),
    sources: z.array(sourceSummarySchema),
    content: contentSummarySchema,
    diversity: z
      .array(z.object({ modality: z.string(), language: z.string().nullable(), sources: z.array(z.string()) }).strict())
      .describe('sources per modality × language (TC260-003 §5.1: several per cell)'),
    files: z.array(fileEntrySchema),
    findings: z
      .array(findingSchema)
      .describe('findings about paths that are not scanned files (links, unreadable entries) and about the dataset against tdgov.yaml'),
  })
  .strict()

export type Manifest = z.infer<typeof manifestSchema>
export type FileEntry = z.infer<typeof fileEntrySchema>
export type ManifestFinding = Finding
export { findingSchema }
export type TokenFacts = z.infer<typeof tokenFactsSchema>
export type TokenSample = z.infer<typeof tokenSampleSchema>
export type LicenceStatement = z.infer<typeof licenceStatementSchema>
export type ContentFactsEntry = z.infer<typeof contentSchema>
export type PiiFacts = z.infer<typeof piiSchema>

/** The manifest without its file list and findings: totals, sources, content, diversity. */
export type ManifestHeader = Omit<Manifest, 'files' | 'findings'>

/** What the rules read of a file entry (its schema, media and content facts are left out). */
export type ManifestFileView = Pick<FileEntry, 'path' | 'bytes' | 'sha256' | 'format' | 'modality' | 'records' | 'pii' | 'licence'> & {
  source?: string | null | undefined
  findings?: readonly Finding[]
}
