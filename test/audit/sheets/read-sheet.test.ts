import { writeFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { cellText } from '../../../src/audit/sheets/cell-text.js'
import { readSheet } from '../../../src/audit/sheets/read-sheet.js'
import { ANNOTATION_VERDICTS, SHEET_COLUMNS, type SheetRow } from '../../../src/audit/sheets/sheet-row.js'
import { writeSheet } from '../../../src/audit/sheets/write-sheet.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'
import { BLANK_ROW, NASTY_ROWS } from './nasty-rows.js'

afterEach(() => removeTempDirs())

const HEADER = SHEET_COLUMNS.join(',')

function tempFile(name: string, content?: string | Uint8Array): string {
  const file = path.join(makeTempDir(), name)
  if (content !== undefined) writeFileSync(file, content)
  return file
}

describe('round trip', () => {
  // JSONL has no header line, so its rows are numbered by line from 1; the others from 2.
  it.each([
    ['csv', 2],
    ['jsonl', 1],
    ['xlsx', 2],
  ])('reads back exactly what %s wrote, numbering rows from %i', async (format, first) => {
    const file = tempFile(`review.${format}`)
    await writeSheet(file, NASTY_ROWS, { verdicts: ANNOTATION_VERDICTS, force: false })
    const rows = await readSheet(file)
    expect(rows.map((read) => read.cells)).toEqual(NASTY_ROWS)
    expect(rows.map((read) => read.row)).toEqual(NASTY_ROWS.map((_, index) => index + first))
  })
})

describe('readSheet csv', () => {
  it('reads a sheet saved with semicolons, without a BOM, with LF line ends', async () => {
    const file = tempFile('review.csv', `${SHEET_COLUMNS.join(';')}\na1;i1;ann;PER;"x; y";correct;;;rev;"a\nb"\n`)
    expect(await readSheet(file)).toEqual([
      { row: 2, cells: { ...BLANK_ROW, audit_id: 'a1', item_id: 'i1', annotator: 'ann', label: 'PER', preview: 'x; y', verdict: 'correct', reviewer: 'rev', note: 'a\nb' } },
    ])
  })

  it('reads a tab-separated sheet', async () => {
    const file = tempFile('review.csv', `${SHEET_COLUMNS.join('\t')}\r\na1\ti1\t\t\t\tincorrect\tLOC\t\t\t\r\n`)
    expect((await readSheet(file))[0]!.cells).toMatchObject({ item_id: 'i1', verdict: 'incorrect', corrected_label: 'LOC' })
  })

  it('finds the columns wherever the user moved them and ignores extra ones', async () => {
    const header = ['Note', 'verdict', 'extra', ...SHEET_COLUMNS.filter((column) => column !== 'note' && column !== 'verdict')]
    const file = tempFile('review.csv', `\uFEFF${header.join(',')}\r\nok,incorrect,x,a1,i1,ann,PER,text,LOC,wrong,rev\r\n`)
    expect(await readSheet(file)).toEqual([
      {
        row: 2,
        cells: { audit_id: 'a1', item_id: 'i1', annotator: 'ann', label: 'PER', preview: 'text', verdict: 'incorrect', corrected_label: 'LOC', error_type: 'wrong', reviewer: 'rev', note: 'ok' },
      },
    ])
  })

  it('trims only the reviewer short answers, skips blank rows and counts records, not lines', async () => {
    const csv = [HEADER, ` a1 , i1 ,,,"multi\nline", correct , LOC ,\tx , rev , note `, '', ',,,,,,,,,', ' , ,,,,,,,,', 'a1,i2,,,,incorrect,,,,'].join('\r\n')
    const rows = await readSheet(tempFile('review.csv', csv))
    expect(rows).toEqual([
      { row: 2, cells: { audit_id: ' a1 ', item_id: ' i1 ', annotator: '', label: '', preview: 'multi\nline', verdict: 'correct', corrected_label: 'LOC', error_type: 'x', reviewer: 'rev', note: ' note ' } },
      { row: 6, cells: { ...BLANK_ROW, audit_id: 'a1', item_id: 'i2', verdict: 'incorrect' } },
    ])
  })

  it('restores neutralised cells a spreadsheet saved back', async () => {
    const file = tempFile('review.csv', `${HEADER}\r\na1,'+44,,,'=A1,correct,,,,'-- fine\r\n`)
    expect((await readSheet(file))[0]!.cells).toMatchObject({ item_id: '+44', preview: '=A1', note: '-- fine' })
  })

  it('names the missing column', async () => {
    const file = tempFile('review.csv', `${SHEET_COLUMNS.filter((column) => column !== 'verdict').join(',')}\r\n`)
    await expect(readSheet(file)).rejects.toThrow(new UserError(`${file}: row 1: missing column "verdict"`))
  })

  it('names every missing column and a repeated one', async () => {
    const missing = tempFile('review.csv', 'audit_id,item_id,annotator,label,preview,verdict,corrected_label,error_type\r\n')
    await expect(readSheet(missing)).rejects.toThrow(`${missing}: row 1: missing columns "reviewer", "note"`)
    const twice = tempFile('review.csv', `${HEADER},verdict\r\n`)
    await expect(readSheet(twice)).rejects.toThrow(`${twice}: row 1: column "verdict" appears twice`)
  })

  it('refuses an empty file, broken quoting and text that is not UTF-8', async () => {
    const empty = tempFile('review.csv', '')
    await expect(readSheet(empty)).rejects.toThrow(`${empty}: row 1: expected a header row`)
    const unclosed = tempFile('review.csv', `${HEADER}\r\na1,i1,,,,correct,,,,\r\na1,"i2,,,,,,,,\r\n`)
    await expect(readSheet(unclosed)).rejects.toThrow(new RegExp(`^${escape(unclosed)}: row 3: expected well-formed CSV`))
    const latin1 = tempFile('review.csv', Buffer.concat([Buffer.from(`${HEADER}\r\na1,`), Buffer.from([0xe9]), Buffer.from(',,,,,,,,\r\n')]))
    await expect(readSheet(latin1)).rejects.toThrow(`${latin1}: line 2: expected UTF-8 text`)
  })

  it('says when the file cannot be read', async () => {
    const file = tempFile('missing.csv')
    await expect(readSheet(file)).rejects.toThrow(new UserError(`${file}: cannot read the sheet (ENOENT)`))
  })
})

describe('readSheet jsonl', () => {
  const line = (cells: Partial<SheetRow>): string => JSON.stringify({ ...BLANK_ROW, ...cells })

  it('numbers rows by line, skips blank lines and turns numbers and null into text', async () => {
    const text = [line({ item_id: 'i1', verdict: ' correct ' }), '', JSON.stringify({ ...BLANK_ROW, item_id: 42, note: null, extra: [1] })].join('\r\n')
    expect(await readSheet(tempFile('review.jsonl', text))).toEqual([
      { row: 1, cells: { ...BLANK_ROW, item_id: 'i1', verdict: 'correct' } },
      { row: 3, cells: { ...BLANK_ROW, item_id: '42' } },
    ])
  })

  it('keeps a leading apostrophe, since JSONL is never neutralised', async () => {
    expect((await readSheet(tempFile('review.jsonl', line({ item_id: "'=x" }))))[0]!.cells.item_id).toBe("'=x")
  })

  it.each(['{"audit_id": ', '[1, 2]', '"text"', 'null'])('refuses line 4 %j', async (bad) => {
    const file = tempFile('review.jsonl', [line({ item_id: 'a' }), line({ item_id: 'b' }), '', bad, line({ item_id: 'c' })].join('\n'))
    await expect(readSheet(file)).rejects.toThrow(new UserError(`${file}: line 4: expected a JSON object`))
  })

  it('refuses a line without a column or with an object for a cell', async () => {
    const missing = tempFile('review.jsonl', JSON.stringify({ audit_id: 'a1', item_id: 'i1' }))
    await expect(readSheet(missing)).rejects.toThrow(`${missing}: line 1: missing key "annotator"`)
    const nested = tempFile('review.jsonl', JSON.stringify({ ...BLANK_ROW, note: { text: 'x' } }))
    await expect(readSheet(nested)).rejects.toThrow(`${nested}: line 1: "note" is an object; expected text`)
  })
})

describe('readSheet xlsx', () => {
  it('refuses a file that is not an xlsx workbook', async () => {
    const file = tempFile('review.xlsx', `${HEADER}\r\n`)
    await expect(readSheet(file)).rejects.toThrow(new RegExp(`^${escape(file)}: expected an xlsx workbook, but it cannot be opened`))
    await expect(readSheet(file)).rejects.toBeInstanceOf(UserError)
  })

  it('reads what a reviewer typed: numbers, rich text, links, formulas, dates; reordered columns; blank rows', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('notes').getCell('A1').value = 'not this one'
    const sheet = workbook.addWorksheet('review')
    const header = ['note', ...SHEET_COLUMNS.filter((column) => column !== 'note')]
    sheet.addRow(header)
    sheet.addRow([{ richText: [{ text: 'rich ' }, { text: 'note', font: { bold: true } }] }, 'a1', 12, 'ann', 'PER', 'text', 'incorrect ', 'LOC', 'x', { text: 'rev', hyperlink: 'mailto:rev@example.org' }])
    sheet.addRow([])
    sheet.addRow([new Date(Date.UTC(2025, 4, 6)), 'a1', 'i2', '', '', '', { formula: 'LOWER("CORRECT")', result: 'correct' }, '', '', 'rev'])
    const file = tempFile('review.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()))
    expect(await readSheet(file)).toEqual([
      { row: 2, cells: { audit_id: 'a1', item_id: '12', annotator: 'ann', label: 'PER', preview: 'text', verdict: 'incorrect', corrected_label: 'LOC', error_type: 'x', reviewer: 'rev', note: 'rich note' } },
      { row: 4, cells: { ...BLANK_ROW, audit_id: 'a1', item_id: 'i2', verdict: 'correct', reviewer: 'rev', note: '2025-05-06' } },
    ])
  })

  it('reads the first worksheet when none is named review', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Sheet1')
    sheet.addRow([...SHEET_COLUMNS])
    sheet.addRow(['a1', 'i1'])
    const file = tempFile('review.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()))
    expect(await readSheet(file)).toEqual([{ row: 2, cells: { ...BLANK_ROW, audit_id: 'a1', item_id: 'i1' } }])
  })
})

describe('cellText', () => {
  it('turns every kind of exceljs value into the text a reviewer sees', () => {
    expect(cellText(null)).toBe('')
    expect(cellText(undefined)).toBe('')
    expect(cellText(0.1 + 0.2)).toBe('0.3')
    expect(cellText(42)).toBe('42')
    expect(cellText(true)).toBe('TRUE')
    expect(cellText(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29')
    expect(cellText(new Date(Date.UTC(2024, 1, 29, 13, 5, 7)))).toBe('2024-02-29T13:05:07')
    expect(cellText({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab')
    expect(cellText({ text: 'link', hyperlink: 'https://example.org' })).toBe('link')
    expect(cellText({ formula: '1+1', result: 2 })).toBe('2')
    expect(cellText({ formula: 'A1' })).toBe('')
    expect(cellText({ sharedFormula: 'A2', result: 'x' })).toBe('x')
    expect(cellText({ error: '#N/A' })).toBe('#N/A')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
