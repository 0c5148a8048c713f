import { open } from 'node:fs/promises'
import { stringPathOf, type FsPath } from '../util/recorded-name.js'
import { chooseContentFields, contentStrings, type AnalysedRecord, type ContentFieldChoice } from '../provenance/index.js'
import { detectCompression } from './detect.js'
import { detectFormat } from './detect-format.js'
import { createDecoder, decompressHead } from './decompress.js'
import { COLUMNAR_FORMATS, createAnalyzer, RECORD_FORMATS } from './registry.js'
import type { FindingDraft } from '../findings/finding.js'
import type { DetectedFormat } from './types.js'

const CHUNK = 1 << 20

/** A file's records as the scan's readers parse them, or null when its format holds none. */
export interface FileRecords {
  format: DetectedFormat
  records: AsyncIterable<AnalysedRecord>
  /** what the reader found, complete once `records` is exhausted (CSV_UNTERMINATED_QUOTE, RECORD_TOO_LONG, …) */
  findings: FindingDraft[]
}

/**
 * Reads every record of a file through the scan's own readers: the same format detection, the
 * same decompression, the same line splitter, CSV state machine and streaming JSON walker, so an
 * audit's items are the records the manifest counted. Records come out as each chunk is read,
 * so memory stays bounded by a chunk's records. Null when the file's format holds no text records
 * (media, binary, documentation).
 */
export async function readFileRecords(path: FsPath, relPath: string): Promise<FileRecords | null> {
  const handle = await open(path, 'r')
  const absPath = stringPathOf(path, handle.fd)
  try {
    const first = Buffer.alloc(CHUNK)
    const { bytesRead } = await handle.read(first, 0, CHUNK, 0)
    const head = first.subarray(0, bytesRead)
    const compression = detectCompression(head)
    const format = await detectFormat(compression ? await decompressHead(compression, head) : head, relPath, compression)
    if (!RECORD_FORMATS.has(format.format)) {
      await handle.close()
      return null
    }
    if (COLUMNAR_FORMATS.has(format.format) && !format.compression) {
      // Parquet and Arrow are read by offset, row group (record batch) by row group, not streamed.
      await handle.close()
      return { format, records: columnarRecords(absPath, format.format), findings: [] }
    }
    const findings: FindingDraft[] = []
    return { format, records: streamRecords(handle, absPath, relPath, format, head, findings), findings }
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** The rows of a Parquet or Arrow file as records, their text from their content fields (as the scan measures them). */
async function* columnarRecords(absPath: string, format: string): AsyncGenerator<AnalysedRecord> {
  // A column that cannot be decoded is left out here; the scan reports it as COLUMN_UNREADABLE.
  const options = { onColumnUnreadable: () => undefined }
  const rows = format === 'parquet' ? (await import('./parquet-rows.js')).readParquetRows(absPath, options) : (await import('./arrow-rows.js')).readArrowRows(absPath, options)
  let choice: ContentFieldChoice | null = null
  for await (const { index, row } of rows) {
    choice ??= chooseContentFields(row)
    yield { index, value: row, text: contentStrings(row, choice.fields).join('\n') }
  }
}

async function* streamRecords(
  handle: Awaited<ReturnType<typeof open>>,
  absPath: string,
  relPath: string,
  format: DetectedFormat,
  head: Buffer,
  findings: FindingDraft[],
): AsyncGenerator<AnalysedRecord> {
  try {
    const { size } = await handle.stat()
    const queue: AnalysedRecord[] = []
    const analyzer = await createAnalyzer(format, {
      absPath,
      relPath,
      bytes: size,
      compression: format.compression,
      // every record, parsed, and nothing else measured
      deep: true,
      sampleSize: 0,
      pii: 'off',
      tokens: 'off',
      onRecord: (record) => queue.push(record),
    })
    if (!analyzer) return
    const decoder = format.compression ? await createDecoder(format.compression, (chunk) => analyzer.push(chunk)) : null
    const feed = async (chunk: Buffer): Promise<void> => {
      if (decoder) await decoder.write(chunk)
      else analyzer.push(chunk)
    }
    await feed(head)
    yield* queue.splice(0)
    for (let position = head.length; head.length === CHUNK; ) {
      const buffer = Buffer.alloc(CHUNK)
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position)
      if (bytesRead === 0) break
      position += bytesRead
      await feed(buffer.subarray(0, bytesRead))
      yield* queue.splice(0)
      if (bytesRead < CHUNK) break
    }
    // A corrupt stream ends the records where decoding stopped; the scan reports it as a finding.
    await decoder?.end()
    findings.push(...(await analyzer.finish()).findings)
    yield* queue.splice(0)
  } finally {
    await handle.close()
  }
}
