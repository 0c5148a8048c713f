import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { z } from 'zod'
import { findingSchema } from '../findings/finding.js'
import { UserError } from '../util/errors.js'
import { decodeEntry, encodeEntry } from './entry-line.js'
import type { FileRecord } from './file-record.js'
import { manifestSchema } from './manifest-schema.js'

/**
 * A shard's part of a scan (`tdgov scan --shard K/N`): what `tdgov merge` needs to write the
 * manifest the unsharded scan writes. Line 1 is this header; then one line per file, its path as
 * a JSON string, a tab, and its record as the scan cache keeps it (entry-line.ts), in path order.
 */
export const PARTIAL_VERSION = 1

const count = z.number().int().nonnegative()

export const partialHeaderSchema = z
  .object({
    tdgov_partial: z.literal(PARTIAL_VERSION),
    tool: z.string().describe('the tdgov version that scanned; merge needs the same'),
    shard: z
      .object({ index: z.number().int().positive().describe('K, 1-based'), count: z.number().int().positive().describe('N') })
      .strict()
      .refine((s) => s.index <= s.count, 'expected the shard index to be at most the count'),
    root: z
      .object({
        path: z.string().describe('the dataset root, absolute, as the scan saw it'),
        config: z.string().nullable().describe('sha256 of the tdgov.yaml the scan read, or null'),
        config_file: z.string().nullable().describe('that tdgov.yaml, absolute; merge reads it again'),
      })
      .strict(),
    options: z.string().describe('everything the per-file facts depend on (tool version, scan options, limits, content fields)'),
    scan: manifestSchema.shape.scan,
    files: count,
    findings: z.array(findingSchema).describe("the walk's findings in this shard (links, unreadable folders and files)"),
  })
  .strict()

export type PartialHeader = z.output<typeof partialHeaderSchema>

/** The partial's text, through `write`: the header, then the records in path order. */
export function writePartialLines(header: PartialHeader, records: Iterable<FileRecord>, write: (text: string) => void): void {
  write(`${JSON.stringify(header)}\n`)
  for (const record of records) write(`${JSON.stringify(record.path)}\t${encodeEntry(record)}\n`)
}

export interface Partial {
  file: string
  header: PartialHeader
}

/**
 * Reads a partial line by line, giving each record to `onRecord` as it is read; anything else is
 * a UserError naming the file and the line.
 */
export async function readPartial(file: string, onRecord: (record: FileRecord) => void): Promise<Partial> {
  let header: PartialHeader | null = null
  let records = 0
  let line = 0
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  try {
    for await (const text of lines) {
      line++
      if (header === null) {
        header = parseHeader(file, text)
        continue
      }
      if (text === '') continue
      onRecord(parseRecord(file, line, text))
      records++
    }
  } catch (error) {
    if (error instanceof UserError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError(`${file}: cannot read the partial manifest${code === undefined ? '' : ` (${code})`}`)
  }
  if (header === null) throw new UserError(`${file}: empty; expected a partial manifest written by tdgov scan --shard`)
  if (records !== header.files) throw new UserError(`${file}: holds ${records} files, its header says ${header.files}; the partial is cut or edited`)
  return { file, header }
}

function parseHeader(file: string, text: string): PartialHeader {
  // A manifest is indented JSON: its first line is the brace alone.
  if (text.trim() === '{') throw new UserError(`${file}: a JSON document such as a manifest, not a partial; merge takes the partials that tdgov scan --shard K/N writes`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new UserError(`${file}: line 1: expected the header of a partial manifest written by tdgov scan --shard`)
  }
  if (typeof json === 'object' && json !== null && 'manifest' in json) {
    throw new UserError(`${file}: a manifest, not a partial; merge takes the partials that tdgov scan --shard K/N writes`)
  }
  const version = typeof json === 'object' && json !== null && 'tdgov_partial' in json ? json.tdgov_partial : undefined
  if (version === undefined) throw new UserError(`${file}: line 1 is not the header of a partial; merge takes the partials that tdgov scan --shard K/N writes`)
  if (version !== PARTIAL_VERSION) throw new UserError(`${file}: a partial of version ${JSON.stringify(version)}; this tdgov merges version ${PARTIAL_VERSION}, written by the same tdgov version's scan --shard`)
  const parsed = partialHeaderSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UserError(`${file}: line 1: ${issue.path.join('.') || '(header)'}: ${issue.message}; expected a partial manifest written by tdgov scan --shard`)
  }
  return parsed.data
}

function parseRecord(file: string, line: number, text: string): FileRecord {
  const tab = text.indexOf('\t')
  try {
    const path = JSON.parse(text.slice(0, tab)) as unknown
    if (tab < 0 || typeof path !== 'string') throw new TypeError('no path')
    return decodeEntry(path, text.slice(tab + 1))
  } catch {
    throw new UserError(`${file}: line ${line}: expected a file's record (path, tab, entry); the partial is damaged`)
  }
}
