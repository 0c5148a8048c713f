import { writeFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { cellText } from '../../../src/audit/sheets/cell-text.js'
import { DEFAULT_SHEET_LIMITS } from '../../../src/audit/sheets/sheet-limits.js'
import { readSheet } from '../../../src/audit/sheets/read-sheet.js'
import { SHEET_COLUMNS, type SheetRow } from '../../../src/audit/sheets/sheet-row.js'
import { writeSheet } from '../../../src/audit/sheets/write-sheet.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'
import { BLANK_ROW, NASTY_ROWS } from './nasty-rows.js'
import { handWorkbook } from './xlsx-fixture.js'

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
    await writeSheet(file, NASTY_ROWS, { kind: 'annotation', force: false })
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

describe('readSheet xlsx as other spreadsheets write it', () => {
  const header = SHEET_COLUMNS.map((column) => `<c t="inlineStr"><is><t>${column}</t></is></c>`).join('')

  it('places cells without references by position, reads inline strings, skips phonetic runs, keeps row numbers', async () => {
    const file = tempFile(
      'review.xlsx',
      handWorkbook({
        prefix: 'x',
        sheetData: `<x:row>${header}</x:row><x:row r="4"><x:c t="s"><x:v>0</x:v></x:c><x:c r="B4" t="s"><x:v>1</x:v></x:c><x:c r="F4" t="inlineStr"><x:is><x:r><x:t>cor</x:t></x:r><x:r><x:t>rect</x:t></x:r></x:is></x:c><x:c t="str"><x:f>A1</x:f><x:v>LOC</x:v></x:c></x:row>`,
        sharedStrings: ['<si><t>a1</t></si>', '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>とうきょう</t></rPh><phoneticPr fontId="1"/></si>'],
      }),
    )
    expect(await readSheet(file)).toEqual([{ row: 4, cells: { ...BLANK_ROW, audit_id: 'a1', item_id: '東京', verdict: 'correct', corrected_label: 'LOC' } }])
  })

  it('turns numbers, booleans, errors and dates into the text Excel shows', async () => {
    // cellXfs: 0 General, 1 built-in 14 (m/d/yyyy), 2 custom yyyy-mm-dd hh:mm, 3 custom with quoted text only, 4 built-in 31 (yyyy年m月d日)
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm"/><numFmt numFmtId="165" formatCode="0&quot; days&quot;"/></numFmts>' +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs>'
    const cells = [
      '<c r="A2"><v>0.30000000000000004</v></c>',
      '<c r="B2" s="3"><v>12</v></c>',
      '<c r="C2" t="b"><v>1</v></c>',
      '<c r="D2" t="e"><v>#N/A</v></c>',
      '<c r="E2" s="1"><v>45000</v></c>',
      '<c r="G2" s="2"><v>45000.5</v></c>',
      '<c r="H2" s="4"><v>45658</v></c>',
      '<c r="J2"><v>1.23456789012345678E+20</v></c>',
    ].join('')
    const file = tempFile('review.xlsx', handWorkbook({ sheetData: `<row r="1">${header}</row><row r="2">${cells}</row>`, styles }))
    // Excel: serial 45000 is 2023-03-15, 45658 is 2025-01-01; 15 significant digits.
    expect((await readSheet(file))[0]!.cells).toEqual({
      audit_id: '0.3',
      item_id: '12',
      annotator: 'TRUE',
      label: '#N/A',
      preview: '2023-03-15',
      verdict: '',
      corrected_label: '2023-03-15T12:00:00',
      error_type: '2025-01-01',
      reviewer: '',
      note: '123456789012346000000',
    })
  })

  it('counts dates from 1904 when the workbook says so', async () => {
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
    const file = tempFile('review.xlsx', handWorkbook({ sheetData: `<row r="1">${header}</row><row r="2"><c r="J2" s="1"><v>0</v></c></row>`, styles, workbookPr: '<workbookPr date1904="1"/>' }))
    expect((await readSheet(file))[0]!.cells.note).toBe('1904-01-01')
  })

  it('decodes _xHHHH_ escapes in shared and inline strings', async () => {
    const file = tempFile(
      'review.xlsx',
      handWorkbook({
        sheetData: `<row r="1">${header}</row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="J2" t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row>`,
        sharedStrings: ['<si><t>a_x0009_b_x000D_</t></si>'],
      }),
    )
    expect((await readSheet(file))[0]!.cells).toMatchObject({ audit_id: 'a\tb\r', note: '_x0041_' })
  })

  it('refuses a worksheet that is not well-formed XML, naming the part', async () => {
    const file = tempFile('review.xlsx', handWorkbook({ sheetData: `<row r="1">${header}</row><row r="2"><c r="A2"><v>1</c></row>` }))
    await expect(readSheet(file)).rejects.toThrow(new RegExp(`^${escape(file)}: expected an xlsx workbook, but it cannot be opened \\(book/sheets/one\\.xml is not well-formed XML at line 1`))
  })

  it('refuses a row larger than a sheet row may be, and rows past the limit', async () => {
    const big = 'x'.repeat(2000)
    const file = tempFile('review.xlsx', handWorkbook({ sheetData: `<row r="1">${header}</row><row r="2"><c r="E2" t="inlineStr"><is><t>${big}</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c></row>` }))
    await expect(readSheet(file, { ...DEFAULT_SHEET_LIMITS, maxRowBytes: 1000 })).rejects.toThrow(new UserError(`${file}: row 2: larger than a review sheet row may be (1000 bytes)`))
    await expect(readSheet(file, { ...DEFAULT_SHEET_LIMITS, maxRows: 1 })).rejects.toThrow(`${file}: more than 1 rows`)
  })
})

describe('cellText', () => {
  const context = { sharedStrings: ['zero', 'one'], dateStyles: new Set([7]), date1904: false }
  const cell = (type: string | null, value: string, style = 0, inline = '') => cellText({ type, value, inline, style }, context)

  it('turns every kind of cell into the text a reviewer sees', () => {
    expect(cell(null, '')).toBe('')
    expect(cell('s', '1')).toBe('one')
    expect(cell('s', '9')).toBe('')
    expect(cell('inlineStr', '', 0, 'inline')).toBe('inline')
    expect(cell('str', 'formula_x0020_text')).toBe('formula text')
    expect(cell(null, '0.30000000000000004')).toBe('0.3')
    expect(cell('n', '42')).toBe('42')
    expect(cell('b', '1')).toBe('TRUE')
    expect(cell('b', '0')).toBe('FALSE')
    expect(cell('e', '#DIV/0!')).toBe('#DIV/0!')
    expect(cell('d', '2024-02-29T13:05:07')).toBe('2024-02-29T13:05:07')
    // Excel: 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01 (60 is Lotus's 1900-02-29), 60000 is 2064-04-08.
    expect(cell(null, '1', 7)).toBe('1900-01-01')
    expect(cell(null, '59', 7)).toBe('1900-02-28')
    expect(cell(null, '61', 7)).toBe('1900-03-01')
    expect(cell(null, '60000.25', 7)).toBe('2064-04-08T06:00:00')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
