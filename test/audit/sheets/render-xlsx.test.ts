import { strFromU8, unzipSync } from 'fflate'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { renderXlsx, type RenderXlsxOptions } from '../../../src/audit/sheets/render-xlsx.js'
import { parseXlsxSheet } from '../../../src/audit/sheets/parse-xlsx-sheet.js'
import type { SheetRow } from '../../../src/audit/sheets/sheet-row.js'
import { BLANK_ROW } from './nasty-rows.js'
import { overlapping, validationsOf, xlsxParts } from './xlsx-structure.js'

const ROWS: SheetRow[] = Array.from({ length: 12 }, (_, i) => ({
  ...BLANK_ROW,
  audit_id: 'a1',
  item_id: `item-${i}`,
  annotator: i % 2 === 0 ? '张伟' : 'ann-2',
  label: '地名',
  preview: `北京是中国的首都。第${i}行`,
}))

const SHA = 'ab'.repeat(32)
const GUIDE: RenderXlsxOptions['guide'] = {
  auditId: 'a1',
  kind: 'annotation',
  seed: 'seed-7',
  drawnOn: '2025-03-04',
  rules: { id: 'ner', version: '2.1', kind: 'functional', labels: ['人名', '地名', '机构名'], document: 'rules/ner.md', sha256: SHA },
}

function render(options: Partial<RenderXlsxOptions> = {}): Uint8Array {
  return renderXlsx(ROWS, {
    kind: 'annotation',
    language: 'zh',
    createdAt: new Date('2025-03-04T00:00:00Z'),
    labels: ['人名', '地名', '机构名'],
    reviewers: ['审核员甲', 'rev-b'],
    guide: GUIDE,
    ...options,
  })
}

describe('renderXlsx, unzipped', () => {
  it('has exactly one data validation per drop-down column, over the data rows, none overlapping, Chinese intact', () => {
    const parts = xlsxParts(render())
    const validations = validationsOf(parts['xl/worksheets/sheet1.xml']!)
    expect(validations.map((v) => v.sqref)).toEqual(['F2:F13', 'G2:G13', 'H2:H13', 'I2:I13'])
    expect(overlapping(validations)).toBe(false)
    expect(validations.every((v) => v.type === 'list')).toBe(true)
    expect(validations.map((v) => v.errorStyle)).toEqual(['stop', 'stop', 'information', 'stop'])
    expect(validations[0]!.formula).toBe('"正确,错误"')
    expect(validations[1]!.formula).toBe('"人名,地名,机构名"')
    expect(validations[2]!.formula).toBe('"标注错误,漏标,多标,边界或区域不准,规则不明确,其他"')
    expect(validations[3]!.formula).toBe('"审核员甲,rev-b"')
    // the header in Chinese, the Chinese previews as written
    const strings = parts['xl/sharedStrings.xml']!
    for (const text of ['审核编号', '结论', '更正标注', '北京是中国的首都。第11行', '张伟']) expect(strings).toContain(`<t>${text}</t>`)
  })

  it('puts a list Excel cannot hold inline on the hidden lists sheet, and the validation refers to its range', async () => {
    const labels = Array.from({ length: 60 }, (_, i) => `label ${i}, long name`)
    const bytes = render({ labels, language: 'en' })
    const parts = xlsxParts(bytes)
    expect(parts['xl/workbook.xml']).toContain('<sheet name="lists" sheetId="3" state="hidden" r:id="rId3"/>')
    const validations = validationsOf(parts['xl/worksheets/sheet1.xml']!)
    expect(validations.find((v) => v.sqref === 'G2:G13')!.formula).toBe('lists!$A$2:$A$61')
    // an independent reader finds the labels where the validation points
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer)
    const lists = workbook.getWorksheet('lists')!
    expect(lists.state).toBe('hidden')
    expect(Array.from({ length: 60 }, (_, i) => lists.getCell(`A${i + 2}`).value)).toEqual(labels)
    expect(workbook.worksheets[0]!.name).toBe('review')
  })

  it('offers the TC260-003 Appendix A risk classes A.1–A.5 for content audits, in the sheet language', () => {
    const en = validationsOf(xlsxParts(render({ kind: 'content', language: 'en', guide: null }))['xl/worksheets/sheet1.xml']!)
    // no corrected_label list: a content audit does not read it
    expect(en.map((v) => v.sqref)).toEqual(['F2:F13', 'H2:H13', 'I2:I13'])
    expect(en[0]!.formula).toBe('"pass,fail"')
    expect(en[1]!.formula.slice(1, -1).split(',').map((type) => type.slice(0, 3))).toEqual(['A.1', 'A.2', 'A.3', 'A.4', 'A.5'])
    expect(en[1]!.formula).toContain("A.4 violates others' rights (privacy or personal information)")
    const zh = validationsOf(xlsxParts(render({ kind: 'content', language: 'zh', guide: null }))['xl/worksheets/sheet1.xml']!)
    expect(zh[0]!.formula).toBe('"合格,不合格"')
    expect(zh[1]!.formula).toContain('A.4 侵犯他人合法权益（含隐私、个人信息）')
  })

  it('gives no drop-down where there is no list: no rules, no roster', () => {
    const validations = validationsOf(xlsxParts(render({ labels: [], reviewers: [] }))['xl/worksheets/sheet1.xml']!)
    expect(validations.map((v) => v.sqref)).toEqual(['F2:F13', 'H2:H13'])
  })

  it('writes an instructions sheet with the rules id, version, label set and the document sha256', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(render().slice().buffer as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['review', '说明'])
    const rows = new Map<string, string>()
    workbook.getWorksheet('说明')!.eachRow((row) => rows.set(String(row.getCell(1).value), String(row.getCell(2).value)))
    expect(rows.get('规则编号')).toBe('ner')
    expect(rows.get('规则版本')).toBe('2.1')
    expect(rows.get('规则文档')).toBe('rules/ner.md')
    expect(rows.get('规则文档 sha256')).toBe(SHA)
    expect(rows.get('随机种子')).toBe('seed-7')
    expect(rows.get('抽样日期')).toBe('2025-03-04')
    expect([rows.get('标注 1'), rows.get('标注 2'), rows.get('标注 3')]).toEqual(['人名', '地名', '机构名'])
    expect(rows.get('结论用词')).toContain('正确 / 错误')
  })

  it('keeps the review sheet first and active, so it is the one read back', async () => {
    const bytes = render()
    const parts = xlsxParts(bytes)
    expect(parts['xl/workbook.xml']).toContain('<workbookView activeTab="0"/>')
    expect(parts['xl/worksheets/sheet1.xml']).toContain('tabSelected="1"')
    const rows = await parseXlsxSheet('s.xlsx', bytes)
    expect(rows.map((row) => row.cells)).toEqual(ROWS)
  })

  it('stamps every zip entry and the document properties with createdAt', () => {
    const bytes = render({ createdAt: new Date('2025-03-04T05:06:08Z') })
    expect(strFromU8(unzipSync(bytes)['docProps/core.xml']!)).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-04T05:06:08Z</dcterms:created>')
    // DOS time 05:06:08 = (5 << 11) | (6 << 5) | 4, date 2025-03-04 = (45 << 9) | (3 << 5) | 4, in the first local header
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    expect([view.getUint16(10, true), view.getUint16(12, true)]).toEqual([(5 << 11) | (6 << 5) | 4, (45 << 9) | (3 << 5) | 4])
  })
})
