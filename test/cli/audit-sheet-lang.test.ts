import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSheet } from '../../src/audit/sheets/index.js'
import { renderXlsx } from '../../src/audit/sheets/render-xlsx.js'
import type { AuditRecord } from '../../src/records/audit-record.js'
import { BLANK_ROW } from '../audit/sheets/nasty-rows.js'
import { overlapping, validationsOf, xlsxParts } from '../audit/sheets/xlsx-structure.js'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const LABELS = ['cat', 'dog', 'bird']
const ZH_HEADER = '审核编号,条目编号,标注员,标注,预览,结论,更正标注,错误类型,审核员,备注'

function ok(result: ExecResult): ExecResult {
  expect(result.status, `tdgov failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

/** 60 annotations by two annotators, with Chinese text in the previews. */
function project(language: string | null): string {
  const dir = makeTempDir()
  writeTree(dir, {
    'rules.md': '# 标注规则 v3\n',
    'tdgov.yaml': `dataset: {name: t, intended_use: research${language === null ? '' : `, language: ${language}`}}
labelling_rules:
  - {id: animals, version: "3", kind: functional, labels: [cat, dog, bird], document: rules.md}
annotators:
  - {id: ann0, role: annotator, affiliation: internal, trained_on: 2026-01-10, assessment: passed}
  - {id: ann1, role: annotator, affiliation: internal, trained_on: 2026-01-10, assessment: passed}
  - {id: 审核员甲, role: reviewer, affiliation: internal, trained_on: 2026-01-10, assessment: passed}
  - {id: rev-b, role: both, affiliation: outsourced, trained_on: 2026-01-10, assessment: passed}
policy: {training_valid_days: 36500}
`,
    'ann.jsonl':
      Array.from({ length: 60 }, (_, i) => JSON.stringify({ item: `img-${String(i).padStart(3, '0')}`, annotator: `ann${i % 2}`, label: LABELS[i % 3], text: `照片 ${i}：一只动物` })).join('\n') + '\n',
  })
  return dir
}

const sample = (dir: string, sheet: string, ...extra: string[]): Promise<ExecResult> =>
  runCli(['audit', 'sample', 'ann.jsonl', '--size', '20', '--seed', 'lang', '--sheet', sheet, '--as-of', '2026-02-01', '--json', ...extra], { cwd: dir })

/** The score as JSON; exit 1 is a reject decision, which these small samples with defects get. */
async function score(dir: string, sheet: string): Promise<Record<string, unknown>> {
  const result = await runCli(['audit', 'score', sheet, '--json'], { cwd: dir })
  expect([0, 1], `tdgov failed:\n${result.stderr}`).toContain(result.status)
  return JSON.parse(result.stdout) as Record<string, unknown>
}

/** Fills a CSV sheet in place: the rows `wrong` picks get `bad` (and corrected label dog), the others `good`. */
function fillCsv(file: string, good: string, bad: string, wrong: (row: number) => boolean): void {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
  const filled = lines.map((line, i) => {
    if (i === 0 || line === '') return line
    const cells = line.split(',')
    cells[5] = wrong(i) ? bad : good
    cells[6] = wrong(i) ? 'dog' : ''
    cells[8] = 'rev-b'
    return cells.join(',')
  })
  writeFileSync(file, '\uFEFF' + filled.join('\r\n'))
}

describe('audit sample --sheet-lang', () => {
  it('follows dataset.language: a zh-CN project gets Chinese headers; 正确/错误 score as correct/incorrect', async () => {
    const dir = project('zh-CN')
    const out = JSON.parse(ok(await sample(dir, 's.csv')).stdout) as { id: string }
    const file = path.join(dir, 's.csv')
    expect(readFileSync(file, 'utf8').slice(1).split('\r\n')[0]).toBe(ZH_HEADER)
    fillCsv(file, '正确', '错误', (row) => row % 5 === 0)
    expect(await score(dir, 's.csv')).toMatchObject({ id: out.id, reviewed: 20, defects: 4, corrections: { dog: 4 } })
    const record = JSON.parse(readFileSync(path.join(dir, '.tdgov', 'audits', `${out.id}.json`), 'utf8')) as AuditRecord
    expect(record.result).toMatchObject({ reviewed: 20, defects: 4 })
    // the record keeps the English words: per_class is keyed by the gold labels, not by verdicts
    expect(JSON.stringify(record.result)).not.toContain('正确')
  })

  it('--sheet-lang en overrides it; the English sheet still accepts the Chinese words', async () => {
    const dir = project('[zh, en]')
    ok(await sample(dir, 's.csv', '--sheet-lang', 'en'))
    const file = path.join(dir, 's.csv')
    expect(readFileSync(file, 'utf8').slice(1).split('\r\n')[0]).toBe('audit_id,item_id,annotator,label,preview,verdict,corrected_label,error_type,reviewer,note')
    fillCsv(file, '正确', 'incorrect', (row) => row === 2)
    expect(await score(dir, 's.csv')).toMatchObject({ reviewed: 20, defects: 1 })
  })

  it('falls back to LANG when tdgov.yaml says nothing, and refuses another language', async () => {
    const dir = project(null)
    ok(await runCli(['audit', 'sample', 'ann.jsonl', '--size', '20', '--seed', 'lang', '--sheet', 's.csv'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } }))
    expect(readFileSync(path.join(dir, 's.csv'), 'utf8').slice(1).split('\r\n')[0]).toBe(ZH_HEADER)
    // the summary names the words the sheet offers
    const drawn = ok(await runCli(['audit', 'sample', 'ann.jsonl', '--size', '20', '--seed', 'lang', '--sheet', 'u.csv', '--sheet-lang', 'zh'], { cwd: dir }))
    expect(drawn.stdout).toContain('(fill in verdict: 正确 / 错误; reviewer; corrected_label)')
    const refused = await sample(dir, 't.csv', '--sheet-lang', 'fr')
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('expected --sheet-lang zh or en')
  })

  it('keeps English keys in a JSONL sheet, and accepts 错误 in it', async () => {
    const dir = project('zh')
    ok(await sample(dir, 's.jsonl'))
    const file = path.join(dir, 's.jsonl')
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, string>)
    expect(Object.keys(rows[0]!)).toContain('verdict')
    writeFileSync(file, rows.map((row, i) => JSON.stringify({ ...row, verdict: i < 3 ? '错误' : '正确', corrected_label: i < 3 ? 'bird' : '', reviewer: 'rev-b' })).join('\n') + '\n')
    expect(await score(dir, 's.jsonl')).toMatchObject({ reviewed: 20, defects: 3 })
  })
})

/** Puts an inline string in an empty (styled, self-closed) cell of sheet1.xml, as a reviewer typing would. */
function typeInto(xml: string, ref: string, text: string): string {
  return xml.replace(new RegExp(`<c r="${ref}" s="(\\d+)"/>`), `<c r="${ref}" s="$1" t="inlineStr"><is><t>${text}</t></is></c>`)
}

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0

describe('the xlsx sheet, end to end', () => {
  let dir: string
  let id: string
  beforeAll(async () => {
    dir = project('zh-CN')
    id = (JSON.parse(ok(await sample(dir, 's.xlsx')).stdout) as { id: string }).id
  })

  it('has one drop-down per column holding the roster reviewers and the rules label set, an instructions sheet with the rules sha256', () => {
    const parts = xlsxParts(readFileSync(path.join(dir, 's.xlsx')))
    const validations = validationsOf(parts['xl/worksheets/sheet1.xml']!)
    expect(validations.map((v) => [v.sqref, v.formula])).toEqual([
      ['F2:F21', '"正确,错误"'],
      ['G2:G21', '"cat,dog,bird"'],
      ['H2:H21', '"标注错误,漏标,多标,边界或区域不准,规则不明确,其他"'],
      ['I2:I21', '"审核员甲,rev-b"'],
    ])
    expect(overlapping(validations)).toBe(false)
    expect(parts['xl/workbook.xml']).toContain('<sheet name="说明" sheetId="2" r:id="rId2"/>')
    const record = JSON.parse(readFileSync(path.join(dir, '.tdgov', 'audits', `${id}.json`), 'utf8')) as AuditRecord
    expect(record.rules!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(parts['xl/sharedStrings.xml']).toContain(`<t>${record.rules!.sha256}</t>`)
    expect(parts['xl/sharedStrings.xml']).toContain('照片')
    expect(parts['docProps/core.xml']).toContain('2026-02-01T00:00:00Z')
  })

  it.skipIf(!soffice)('still scores after LibreOffice opens and re-saves it (skipped when soffice is not installed)', async () => {
    // Fill verdicts by editing the XML, as the cells a reviewer types would be saved.
    const entries = unzipSync(readFileSync(path.join(dir, 's.xlsx')))
    let xml = strFromU8(entries['xl/worksheets/sheet1.xml']!)
    for (let row = 2; row <= 21; row++) {
      xml = typeInto(xml, `F${row}`, row <= 4 ? '错误' : '正确')
      if (row <= 4) xml = typeInto(xml, `G${row}`, 'bird')
      xml = typeInto(xml, `I${row}`, '审核员甲')
    }
    entries['xl/worksheets/sheet1.xml'] = strToU8(xml)
    const filled = path.join(dir, 'filled.xlsx')
    writeFileSync(filled, zipSync(entries))

    const out = path.join(dir, 'libreoffice')
    mkdirSync(out)
    const profile = `file://${makeTempDir()}/lo-profile`
    const converted = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, filled], { encoding: 'utf8', timeout: 120_000 })
    expect(converted.status, converted.stderr).toBe(0)
    const resaved = path.join(out, 'filled.xlsx')
    const parts = xlsxParts(readFileSync(resaved))
    expect(parts['xl/workbook.xml']).not.toContain('tdgov') // written by LibreOffice, not by us
    const validations = validationsOf(parts['xl/worksheets/sheet1.xml']!)
    expect(validations.map((v) => v.sqref)).toEqual(['F2:F21', 'G2:G21', 'H2:H21', 'I2:I21'])
    expect(overlapping(validations)).toBe(false)

    copyFileSync(resaved, path.join(dir, 'resaved.xlsx'))
    expect(await score(dir, 'resaved.xlsx')).toMatchObject({ id, reviewed: 20, unreviewed: 0, defects: 3, reviewers: { 审核员甲: 20 }, corrections: { bird: 3 } })
  }, 180_000)

  it.skipIf(!soffice)('keeps a drop-down that refers to the hidden lists sheet through a LibreOffice re-save (skipped when soffice is not installed)', async () => {
    const labels = Array.from({ length: 40 }, (_, i) => `类别 ${i}, 长名称`)
    const file = path.join(dir, 'lists.xlsx')
    writeFileSync(file, renderXlsx([{ ...BLANK_ROW, audit_id: 'a', item_id: 'i', verdict: '错误', corrected_label: labels[7]! }], { kind: 'annotation', language: 'zh', createdAt: new Date(0), labels, reviewers: [], guide: null }))
    const out = path.join(dir, 'libreoffice-lists')
    mkdirSync(out)
    const converted = spawnSync('soffice', [`-env:UserInstallation=file://${makeTempDir()}/lo-profile`, '--headless', '--convert-to', 'xlsx', '--outdir', out, file], { encoding: 'utf8', timeout: 120_000 })
    expect(converted.status, converted.stderr).toBe(0)
    const parts = xlsxParts(readFileSync(path.join(out, 'lists.xlsx')))
    expect(validationsOf(parts['xl/worksheets/sheet1.xml']!).map((v) => [v.sqref.replace(/:.*/, ''), v.formula])).toContainEqual(['G2', 'lists!$A$2:$A$41'])
    expect(parts['xl/workbook.xml']).toMatch(/<sheet name="lists" sheetId="\d+" state="hidden"/)
    // LibreOffice saves these as rich text, one run per script (类别 / 7, / 长名称); the reader joins the runs.
    expect(parts['xl/sharedStrings.xml']).toContain('<rFont val="Calibri"/>')
    const rows = await readSheet(path.join(out, 'lists.xlsx'))
    expect(rows.map((row) => row.cells)).toEqual([{ ...BLANK_ROW, audit_id: 'a', item_id: 'i', verdict: '错误', corrected_label: '类别 7, 长名称' }])
  }, 180_000)
})
