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
import { UserError } from '../../../src/util/errors.js'
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

  it('refuses a JSONL line past maxRowBytes, counted in bytes, naming its line and the limit', async () => {
    const line = JSON.stringify(Object.fromEntries(SHEET_COLUMNS.map((c) => [c, c === 'note' ? 'é'.repeat(600) : 'x'])))
    // 600 × 2 bytes of é plus the rest: over 1,024 bytes, under 1,024 characters
    expect(line.length).toBeLessThan(1024 + 200)
    const file = tempFile('review.jsonl', `\n${line}\n`)
    await expect(readSheet(file, { ...DEFAULT_SHEET_LIMITS, maxRowBytes: 1024 })).rejects.toThrow(new UserError(`${file}: line 2: longer than a review sheet row may be (1024 bytes)`))
    expect(await readSheet(file, { ...DEFAULT_SHEET_LIMITS, maxRowBytes: 4096 })).toHaveLength(1)
  })

  it('stops at the row limit without reading the rest: a bad byte past the first MiB is never seen', async () => {
    const rows = csvRows(50_000)
    expect(rows.length).toBeGreaterThan(1 << 20)
    const bad = Buffer.concat([Buffer.from(rows), Buffer.from([0xff, 0x0a])])
    await expect(readSheet(tempFile('review.csv', bad), { ...DEFAULT_SHEET_LIMITS, maxRows: 10 })).rejects.toThrow(/more than 10 rows/)
    // and without a limit, the bad byte is on line 50,002 (header, 50,000 rows, then it)
    await expect(readSheet(tempFile('review.csv', bad))).rejects.toThrow(/review\.csv: line 50002: expected UTF-8 text/)
  })

  it('takes the row limit from the first filled row when none is given (a sheet scored without --record)', async () => {
    const seen: string[] = []
    const limits = { ...DEFAULT_SHEET_LIMITS, rowsAfterFirst: (first: { cells: { item_id: string } }) => (seen.push(first.cells.item_id), 5) }
    await expect(readSheet(tempFile('review.csv', csvRows(7)), limits)).rejects.toThrow(/review\.csv: more than 5 rows/)
    expect(seen).toEqual(['i0'])
    const line = (i: number): string => JSON.stringify(Object.fromEntries(SHEET_COLUMNS.map((c) => [c, c === 'item_id' ? `i${i}` : 'x'])))
    const jsonl = ['', ...Array.from({ length: 7 }, (_, i) => line(i))].join('\n')
    await expect(readSheet(tempFile('review.jsonl', jsonl), limits)).rejects.toThrow(/review\.jsonl: more than 5 rows/)
    expect(await readSheet(tempFile('review.csv', csvRows(5)), limits)).toHaveLength(5)
  })

  it('skips a JSONL sheet of blank lines without holding them', async () => {
    const line = JSON.stringify(Object.fromEntries(SHEET_COLUMNS.map((c) => [c, c === 'item_id' ? 'i' : 'x'])))
    const rows = await readSheet(tempFile('review.jsonl', '\n'.repeat(3_000_000) + '\r\n' + line + '\n'), DEFAULT_SHEET_LIMITS)
    expect(rows).toEqual([{ row: 3_000_002, cells: expect.objectContaining({ item_id: 'i' }) }])
  })
})
