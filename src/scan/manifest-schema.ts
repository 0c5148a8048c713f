import { z } from 'zod'
import { FINDING_CODES } from '../findings/codes.js'

export const MANIFEST_VERSION = 1

const count = z.number().int().nonnegative()

export const findingSchema = z
  .object({
    code: z.enum(FINDING_CODES),
    severity: z.enum(['error', 'warning', 'info']),
    path: z.string().describe('POSIX path relative to the scanned directory'),
    line: count.min(1).optional().describe('1-based line (or record) in the decompressed content'),
    offset: count.optional().describe('byte offset in the decompressed content'),
    message: z.string(),
  })
  .strict()

export const fieldSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    nulls: count.optional().describe('null or missing values; absent when the format cannot tell'),
  })
  .strict()

export const fileEntrySchema = z
  .object({
    path: z.string().describe('POSIX path relative to the scanned directory'),
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
    findings: z.array(findingSchema),
  })
  .strict()

const tally = z.object({ files: count, bytes: count, records: count }).strict()

export const manifestSchema = z
  .object({
    manifest: z.literal('tdgov/manifest'),
    version: z.literal(MANIFEST_VERSION),
    tool: z.object({ name: z.literal('tdgov'), version: z.string() }).strict(),
    scan: z
      .object({
        deep: z.boolean(),
        sampleSize: count.describe('records parsed per file for the schema unless deep'),
      })
      .strict(),
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
        findings: z.object({ error: count, warning: count, info: count }).strict(),
      })
      .strict(),
    files: z.array(fileEntrySchema),
    findings: z.array(findingSchema).describe('findings about paths that are not scanned files: links, unreadable entries'),
  })
  .strict()

export type Manifest = z.infer<typeof manifestSchema>
export type FileEntry = z.infer<typeof fileEntrySchema>
export type ManifestFinding = z.infer<typeof findingSchema>
