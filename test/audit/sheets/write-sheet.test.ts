import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SHEET_COLUMNS } from '../../../src/audit/sheets/sheet-row.js'
import { sheetFormatOf, writeSheet } from '../../../src/audit/sheets/write-sheet.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'
import { NASTY_ROWS } from './nasty-rows.js'

afterEach(() => {
  vi.useRealTimers()
  removeTempDirs()
})

const annotation = { kind: 'annotation', force: false } as const

async function openXlsx(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  return workbook.getWorksheet('review')!
}

describe('sheetFormatOf', () => {
  it('names the format from the extension, ignoring case', () => {
    expect(sheetFormatOf('review.csv')).toBe('csv')
    expect(sheetFormatOf('out/review.jsonl')).toBe('jsonl')
    expect(sheetFormatOf('REVIEW.XLSX')).toBe('xlsx')
  })

  it('refuses any other extension', () => {
    expect(() => sheetFormatOf('review.txt')).toThrow(new UserError('review.txt: expected a sheet ending in .csv, .jsonl, .xlsx or .label-studio.json'))
    expect(() => sheetFormatOf('review')).toThrow(UserError)
  })
})

describe('writeSheet csv', () => {
  it('writes a BOM, a header, CRLF records and inert formula cells', async () => {
    const file = path.join(makeTempDir(), 'review.csv')
    await writeSheet(file, NASTY_ROWS, annotation)
    const bytes = readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    expect(text.startsWith(`${SHEET_COLUMNS.join(',')}\r\n`)).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text).toContain(`,PER,'=cmd|' /C calc'!A0,`)
    expect(text).toContain(`,'+1,'-1,'@SUM(A1),'\tleading tab,`)
    expect(text).toContain('"ann, ""the first"""')
    // No cell (at the start of a record or after a delimiter, quoted or not) starts with a trigger.
    expect(text).not.toMatch(/(^|[,\n])"?[=+\-@\t]/)
  })

  it('gives the same bytes for the same rows', async () => {
    const dir = makeTempDir()
    await writeSheet(path.join(dir, 'a.csv'), NASTY_ROWS, annotation)
    await writeSheet(path.join(dir, 'b.csv'), NASTY_ROWS, annotation)
    expect(readFileSync(path.join(dir, 'a.csv')).equals(readFileSync(path.join(dir, 'b.csv')))).toBe(true)
  })
})

describe('writeSheet jsonl', () => {
  it('writes one object per row with the columns in order, not neutralised', async () => {
    const file = path.join(makeTempDir(), 'review.jsonl')
    await writeSheet(file, NASTY_ROWS, annotation)
    const text = readFileSync(file, 'utf8')
    expect(text.charCodeAt(0)).not.toBe(0xfeff)
    const lines = text.split('\n')
    expect(lines).toHaveLength(NASTY_ROWS.length + 1)
    expect(lines.at(-1)).toBe('')
    const first = JSON.parse(lines[0]!) as Record<string, string>
    expect(Object.keys(first)).toEqual([...SHEET_COLUMNS])
    expect(first.preview).toBe("=cmd|' /C calc'!A0")
  })
})

describe('writeSheet xlsx', () => {
  it('writes string cells, a frozen bold header and one drop-down per column over every data row', async () => {
    const file = path.join(makeTempDir(), 'review.xlsx')
    await writeSheet(file, NASTY_ROWS, { ...annotation, labels: ['PER', 'LOC'], reviewers: ['rev', 'r2'] })
    // exceljs, an independent reader, sees what Excel would.
    const sheet = await openXlsx(file)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).values).toEqual([undefined, ...SHEET_COLUMNS])
    expect(sheet.getCell('A1').font?.bold).toBe(true)
    expect(sheet.getColumn(5).width).toBeGreaterThan(sheet.getColumn(1).width!)
    expect(sheet.autoFilter).toBe('A1:J6')
    for (let row = 2; row <= NASTY_ROWS.length + 1; row++) {
      expect(sheet.getCell(`F${row}`).dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: ['"correct,incorrect"'], showErrorMessage: true, errorStyle: 'stop' })
      expect(sheet.getCell(`G${row}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"PER,LOC"'], errorStyle: 'stop' })
      expect(sheet.getCell(`H${row}`).dataValidation).toMatchObject({ type: 'list', errorStyle: 'information' })
      expect(sheet.getCell(`I${row}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"rev,r2"'], errorStyle: 'stop' })
    }
    expect(sheet.getCell('F7').dataValidation).toBeUndefined()
    expect(sheet.getCell('E2').value).toBe("'=cmd|' /C calc'!A0")
    let cells = 0
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells++
        expect(cell.type).toBe(ExcelJS.ValueType.String)
        expect(cell.formula).toBeFalsy()
      })
    })
    expect(cells).toBeGreaterThan(NASTY_ROWS.length * 5)
  })

  it('offers pass/fail for content audits, and no corrected_label list', async () => {
    const file = path.join(makeTempDir(), 'review.xlsx')
    await writeSheet(file, NASTY_ROWS.slice(0, 1), { kind: 'content', force: false, labels: ['PER'] })
    const sheet = await openXlsx(file)
    expect(sheet.getCell('F2').dataValidation.formulae).toEqual(['"pass,fail"'])
    expect(sheet.getCell('G2').dataValidation).toBeUndefined()
  })

  it('gives the same bytes for the same rows and date, whatever the clock and time zone say', async () => {
    const dir = makeTempDir()
    const createdAt = new Date('2025-03-04T05:06:08Z')
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
    await writeSheet(path.join(dir, 'a.xlsx'), NASTY_ROWS, { ...annotation, createdAt })
    vi.setSystemTime(new Date('2031-06-07T08:09:10Z'))
    const zone = process.env.TZ
    process.env.TZ = 'Asia/Shanghai'
    try {
      await writeSheet(path.join(dir, 'b.xlsx'), NASTY_ROWS, { ...annotation, createdAt })
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
    vi.useRealTimers()
    expect(readFileSync(path.join(dir, 'a.xlsx')).equals(readFileSync(path.join(dir, 'b.xlsx')))).toBe(true)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(path.join(dir, 'a.xlsx'))
    expect(workbook.created.toISOString()).toBe('2025-03-04T05:06:08.000Z')
  })
})

describe('writeSheet overwriting', () => {
  it.each(['review.csv', 'review.jsonl', 'review.xlsx'])('refuses to replace %s without force and leaves it as it was', async (name) => {
    const file = path.join(makeTempDir(), name)
    writeFileSync(file, 'original')
    await expect(writeSheet(file, NASTY_ROWS, annotation)).rejects.toThrow(new UserError(`${file} already exists; pass --force to replace it`))
    expect(readFileSync(file, 'utf8')).toBe('original')
  })

  it('replaces an existing sheet with force', async () => {
    const file = path.join(makeTempDir(), 'review.csv')
    writeFileSync(file, 'original')
    await writeSheet(file, NASTY_ROWS, { ...annotation, force: true })
    expect(readFileSync(file, 'utf8')).toContain('audit_id,item_id')
  })

  it('refuses an unknown extension before writing anything', async () => {
    const dir = makeTempDir()
    await expect(writeSheet(path.join(dir, 'review.txt'), NASTY_ROWS, annotation)).rejects.toThrow(UserError)
  })
})
