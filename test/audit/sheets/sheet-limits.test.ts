/**
 * Review sheets are read within bounds: the file's size, one row's size (an unclosed quote), the
 * number of rows, and an xlsx workbook's unpacked size, each refused with one UserError line.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { readSheet } from '../../../src/audit/sheets/read-sheet.js'
import { SHEET_COLUMNS } from '../../../src/audit/sheets/sheet-row.js'
import { DEFAULT_SHEET_LIMITS, rowsAllowed } from '../../../src/audit/sheets/sheet-limits.js'
import { zipUnpackedSize } from '../../../src/audit/sheets/zip-unpacked-size.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'

afterEach(() => removeTempDirs())

const HEADER = SHEET_COLUMNS.join(',')

function tempFile(name: string, content: string | Uint8Array): string {
  const file = path.join(makeTempDir(), name)
  writeFileSync(file, content)
  return file
}

function csvRows(n: number): string {
  return [HEADER, ...Array.from({ length: n }, (_, i) => `a1,i${i},,,,correct,,,rev,`)].join('\r\n') + '\r\n'
}

describe('review sheet limits', () => {
  it('refuses a file larger than maxBytes before reading it', async () => {
    const file = tempFile('review.csv', csvRows(50))
    await expect(readSheet(file, { ...DEFAULT_SHEET_LIMITS, maxBytes: 1000 })).rejects.toThrow(
      `${file}: is 1.4 KB, more than the 1.0 KB a review sheet may have; pass --max-sheet-bytes N to read it anyway`,
    )
  })

  it('refuses a CSV row that an unclosed quote makes larger than maxRowBytes', async () => {
    const file = tempFile('review.csv', `${HEADER}\r\na1,"i1${',x'.repeat(5000)}\r\n`)
    await expect(readSheet(file, { ...DEFAULT_SHEET_LIMITS, maxRowBytes: 1024 })).rejects.toThrow(/review\.csv: row 2: expected well-formed CSV \(a row is larger than a review sheet row may be/)
  })

  it('refuses more rows than the sample allows, in CSV and JSONL', async () => {
    await expect(readSheet(tempFile('review.csv', csvRows(12)), { ...DEFAULT_SHEET_LIMITS, maxRows: 10 })).rejects.toThrow(/review\.csv: more than 10 rows; expected the rows of the audit's sample/)
    expect(await readSheet(tempFile('review.csv', csvRows(10)), { ...DEFAULT_SHEET_LIMITS, maxRows: 10 })).toHaveLength(10)
    const line = JSON.stringify(Object.fromEntries(SHEET_COLUMNS.map((c) => [c, c === 'item_id' ? 'i' : 'x'])))
    await expect(readSheet(tempFile('review.jsonl', `${line}\n`.repeat(11)), { ...DEFAULT_SHEET_LIMITS, maxRows: 10 })).rejects.toThrow(/review\.jsonl: more than 10 rows/)
  })

  it('allows the sample plus a margin of 10% (at least 100)', () => {
    expect(rowsAllowed(13)).toBe(113)
    expect(rowsAllowed(4000)).toBe(4400)
  })

  it('refuses an xlsx workbook whose parts unpack to more than maxBytes, from its central directory', async () => {
    const zip = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(200_000), '[Content_Types].xml': new Uint8Array(1000) }, { level: 9 })
    expect(zip.length).toBeLessThan(5_000)
    expect(zipUnpackedSize(zip)).toBe(201_000)
    const file = tempFile('review.xlsx', zip)
    await expect(readSheet(file, { ...DEFAULT_SHEET_LIMITS, maxBytes: 100_000 })).rejects.toThrow(`${file}: unpacks to 201.0 KB, more than the 100.0 KB a review sheet may have`)
  })
})
