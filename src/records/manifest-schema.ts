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

const domainBytes = { records: count, bytes: count.describe('UTF-8 bytes of the records as read: the JSON line, the CSV record, a Parquet or Arrow row as JSON'), bytesSquared: count.describe('Σ of each record\'s bytes squared: the sampling variance of an estimate scaled from the analysed records') }

export const urlFactsSchema = z
  .object({
    recordsWithUrl: count.describe(
      'analysed records (content.records says how many, the sample or all with --deep) with a URL field: a top-level url, link, source_url, source, href, uri, website, page_url or *_url field holding a string that begins with http: or https:',
    ),
    domains: z
      .array(z.object({ domain: z.string().describe('registrable domain (ICANN section of the public suffix list); never the URL itself'), ...domainBytes }).strict())
      .max(256)
      .describe('the analysed records with a URL field by registrable domain, at most 256: most bytes first, ties by domain'),
    noDomain: z.object(domainBytes).strict().describe('records whose URL has no registrable domain: it does not parse, is an IP address or localhost, or has no ICANN suffix'),
    other: z
      .object({ domains: count.describe('domains folded; with more than 16,384 in one file a domain folded twice counts twice'), ...domainBytes })
      .strict()
      .optional()
      .describe('the domains past the 256 listed, summed; absent when none was folded'),
  })
  .strict()

const contentSchema = z
  .object({
    records: count.describe('records analysed: the seeded sample, or all with --deep'),
    empty: count,
    duplicates: count.describe('analysed records repeating an earlier one of this file (normalised text)'),
    languages: languageCounts,
    fields: z
      .array(z.string())
      .optional()
      .describe('the content fields language, length, duplicates and tokens were measured on (`key`, `key.sub`, `key[].sub` in a list of objects, or `*`: every string of the fields that are not identifiers, when text is only nested); absent when records are plain text'),
    length: z
      .object({ min: count, p50: count, p90: count, p99: count, max: count, mean: z.number().nonnegative() })
      .strict()
      .optional()
      .describe('characters of record text'),
    licences: z.record(z.string(), count).optional().describe('per-record licence field values'),
    urls: urlFactsSchema.optional().describe('bytes of the analysed records by the registrable domain of their URL field; absent when no analysed record has one'),
    contentBytes: count.optional().describe('decompressed size in UTF-8, for compressed files and text not in UTF-8; for Parquet and Arrow, the rows\' size as JSON text, estimated from the rows analysed: the token estimate scales its sample to it'),
    tokens: tokenFactsSchema.optional(),
  })
  .strict()

export const annotationFactsSchema = z
  .object({
    format: z.string().describe('the adapter that read it: label-studio, coco, cvat, voc, yolo, doccano, prodigy or conll'),
    items: count.describe(
      'labelled units, as `tdgov audit` samples them, and the entry `records`: images for COCO, VOC, CVAT and YOLO; annotations of tasks for Label Studio (one per task and annotator, cancelled ones left out); lines for doccano (one per user in v1.0 exports) and Prodigy; sentences for CoNLL',
    ),
    annotations: count.describe(
      'labels the items carry, summed: COCO annotation objects, VOC objects, CVAT shapes and tags, YOLO boxes, Label Studio label values, doccano and Prodigy labels or spans, CoNLL entities',
    ),
    labels: count.describe('distinct label values used, the empty label left out; for COCO the categories its annotations use (declared but unused categories are not counted)'),
    annotators: count.optional().describe('distinct annotators the export names; absent when it names none (COCO, VOC, YOLO and CoNLL usually)'),
    modalities: z
      .object({ text: count, image: count, audio: count, video: count })
      .partial()
      .strict()
      .optional()
      .describe('Label Studio: items by what their task shows (a media file by its extension, else the data key, else prose is text); absent for the other formats, whose modality is the format’s'),
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
      .describe(
        'jsonl, json, csv, tsv, parquet, arrow, arrow-stream, text, xml, document (LICENSE, README, …), a media type (png, wav, mp4, …), empty or binary; ' +
          'not data: tooling (.gitattributes, .gitignore, .dvc/…, .huggingface/…) and pointers to content that is not present: lfs-pointer (Git LFS), annex-link and annex-pointer (git-annex), dvc-pointer (a .dvc file); these have no records',
      ),
    compression: z.enum(['gzip', 'zstd']).nullable(),
    encoding: z
      .string()
      .optional()
      .describe('the text encoding when it is not UTF-8 (utf-16le, utf-16be, gb18030): records, fields and facts were read from the decoded text'),
    modality: z
      .enum(['text', 'tabular', 'image', 'audio', 'video', 'annotation', 'other'])
      .describe('annotation: an export an annotation adapter reads (its counts in `annotation`)'),
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
    annotation: annotationFactsSchema.optional().describe('the counts of an annotation export; its `schema` is not written'),
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

export const folderLicenceSchema = z
  .object({
    folder: z.string().describe('POSIX path relative to the scanned directory; "." for the directory itself'),
    from: z
      .array(z.string())
      .describe(
        'the files in the folder that state its licence (LICENSE texts, dataset cards, Croissant), in path order; empty when no folder at or above it states one. ' +
          'A licence text that matches no SPDX text counts: its terms are unknown, so the folder is unspecified',
      ),
    ids: z.array(z.string()).describe('the licences they state: canonical ids, SPDX where there is one, sorted'),
    use: licenceUse.describe('most restrictive of the licences stated; unspecified when none is, or one is unknown'),
    attribution: z.boolean(),
    shareAlike: z.boolean(),
    files: count.describe('data files (not documentation) whose nearest licence statement is this folder’s, or, without one, in this folder'),
    bytes: count,
    records: count,
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
        rate: share.describe('(withinFiles + acrossFiles) / records, over the analysed records only'),
        estimate: z
          .object({
            method: z.literal('content-hash sample'),
            rate: share.describe('estimated share of records with text that repeat an earlier one, dataset-wide'),
            low: share,
            high: share,
            confidence: share,
            threshold: z.number().min(0).max(1).describe('each distinct text was in the sample with this probability; 1 = every record (exact)'),
            sampledRecords: count,
            sampledDuplicates: count,
            records: count.describe('records with text the sample was drawn from'),
            uncoveredFiles: count.describe('files whose records were not all read (Parquet and Arrow outside --deep): not in the estimate'),
          })
          .strict()
          .optional()
          .describe('dataset-wide exact-duplicate rate from a content-hash sample of every record (all copies of a sampled text are seen together); exact when threshold is 1'),
      })
      .strict(),
    languages: languageCounts.describe('analysed records by language'),
    tokens: tokenTotalSchema.nullable(),
    personalInformation: piiSummarySchema,
    urls: z
      .object({
        files: count.describe('files with an analysed record with a URL field'),
        analysed: count.describe('records analysed in those files'),
        recordsWithUrl: count,
        domains: z
          .array(z.object({ domain: z.string(), records: count, bytes: count }).strict())
          .max(1000)
          .describe('the files\' domains summed (path order), at most 1,000: most bytes first, ties by domain'),
        noDomain: z.object({ records: count, bytes: count }).strict(),
        other: z
          .object({ domains: count.describe('domains folded, in the files or here: a domain folded in several files counts in each'), records: count, bytes: count })
          .strict()
          .optional()
          .describe('the domains not listed, summed; absent when none was folded'),
      })
      .strict()
      .optional()
      .describe('the files\' content.urls summed, over the analysed records only (not scaled to the files\' records; the report estimates); absent when no analysed record has a URL field'),
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
        limits: z
          .object({
            maxRecordBytes: count.describe('longest line or record parsed, in bytes (RECORD_TOO_LONG beyond)'),
            maxDepth: count.describe('deepest nesting of JSON arrays and objects parsed (NESTING_TOO_DEEP beyond)'),
            maxDecompressedBytes: count.describe('decompressed bytes read per compressed file; 0 for no limit (DECOMPRESSION_LIMIT beyond)'),
            maxDecompressionRatio: z.number().positive().describe('decompressed bytes per compressed byte, past the first 64 MiB (DECOMPRESSION_LIMIT beyond)'),
            maxFields: count.describe('distinct fields recorded in one file’s schema (FIELDS_CAPPED beyond)'),
            maxAnalysisSeconds: z
              .number()
              .positive()
              .optional()
              .describe('longest a file’s analysis could stand still before it was stopped (ANALYSIS_STOPPED beyond); absent in manifests of tdgov before this limit'),
            maxAnalysisMemoryMiB: count
              .optional()
              .describe('heap of a file’s analysis thread in MiB, 0 for none (ANALYSIS_STOPPED beyond); absent in manifests of tdgov before this limit'),
          })
          .strict()
          .optional()
          .describe('how far the readers went into each file; absent in manifests of tdgov before these limits'),
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
          .describe(
            '"(undeclared)": data files of no source; "(documentation)": LICENSE, README and the like outside every source; "(tooling)": tooling and pointer files outside every source',
          ),
        byKind: z.record(z.string(), tally),
        byOrigin: z.object({ domestic: tally, foreign: tally, unspecified: tally }).strict(),
        findings: z.object({ error: count, warning: count, info: count }).strict(),
      })
      .strict(),
    sources: z.array(sourceSummarySchema),
    licences: z
      .array(folderLicenceSchema)
      .optional()
      .describe(
        'what the files themselves state, folder by folder: each licence statement covers the data files below its folder down to the next statement; ' +
          'data files under none are grouped by the highest folder that holds no statement. Facts, with or without tdgov.yaml: a declared source’s licence (sources[].licence) stays what the rules check. ' +
          'Always written by tdgov scan; absent in manifests of earlier versions',
      ),
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
export type AnnotationFacts = z.infer<typeof annotationFactsSchema>
export type FolderLicence = z.infer<typeof folderLicenceSchema>
export type UrlFactsEntry = z.infer<typeof urlFactsSchema>

/** The manifest without its file list and findings: totals, sources, content, diversity. */
export type ManifestHeader = Omit<Manifest, 'files' | 'findings'>

/** What the rules read of a file entry (its schema, media and content facts are left out). */
export type ManifestFileView = Pick<FileEntry, 'path' | 'bytes' | 'sha256' | 'format' | 'modality' | 'records' | 'pii' | 'licence'> & {
  source?: string | null | undefined
  findings?: readonly Finding[]
}
