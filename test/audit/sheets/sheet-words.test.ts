import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readSheet } from '../../../src/audit/sheets/read-sheet.js'
import { canonicalVerdict, defaultSheetLanguage } from '../../../src/audit/sheets/sheet-words.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'
import { BLANK_ROW } from './nasty-rows.js'

afterEach(() => removeTempDirs())

describe('defaultSheetLanguage', () => {
  it.each([
    ['zh', undefined, 'zh'],
    ['zh-CN', 'en_US.UTF-8', 'zh'],
    ['zh-Hans', undefined, 'zh'],
    [['fr', 'zh-TW', 'en'], undefined, 'zh'],
    [['en-GB', 'zh'], 'zh_CN.UTF-8', 'en'],
    [['fr'], 'zh_CN.UTF-8', 'zh'],
    [undefined, 'zh_CN.UTF-8', 'zh'],
    [undefined, 'en_GB.UTF-8', 'en'],
    [undefined, 'C.UTF-8', 'en'],
    [undefined, undefined, 'en'],
  ] as const)('dataset.language %j with LANG %j → %s', (declared, lang, expected) => {
    expect(defaultSheetLanguage(declared, lang)).toBe(expected)
  })
})

describe('canonicalVerdict', () => {
  it('takes either language, English in any case, and only the kind’s own words', () => {
    expect(canonicalVerdict('annotation', '正确')).toBe('correct')
    expect(canonicalVerdict('annotation', '错误')).toBe('incorrect')
    expect(canonicalVerdict('annotation', 'Incorrect')).toBe('incorrect')
    expect(canonicalVerdict('content', '合格')).toBe('pass')
    expect(canonicalVerdict('content', '不合格')).toBe('fail')
    expect(canonicalVerdict('content', 'FAIL')).toBe('fail')
    expect(canonicalVerdict('content', '正确')).toBeNull()
    expect(canonicalVerdict('annotation', '合格')).toBeNull()
    expect(canonicalVerdict('annotation', '对')).toBeNull()
  })
})

describe('Chinese headers', () => {
  it('are read in a CSV, mixed with English ones, in any order', async () => {
    const file = path.join(makeTempDir(), 'review.csv')
    writeFileSync(file, '\uFEFF备注,结论,audit_id,条目编号,标注员,标注,预览,更正标注,错误类型,审核员\r\n好,错误,a1,i1,张伟,地名,北京,人名,漏标,审核员甲\r\n')
    expect(await readSheet(file)).toEqual([
      { row: 2, cells: { ...BLANK_ROW, audit_id: 'a1', item_id: 'i1', annotator: '张伟', label: '地名', preview: '北京', verdict: '错误', corrected_label: '人名', error_type: '漏标', reviewer: '审核员甲', note: '好' } },
    ])
  })

  it('count once whichever language names a column', async () => {
    const file = path.join(makeTempDir(), 'review.csv')
    writeFileSync(file, 'audit_id,item_id,annotator,label,preview,verdict,结论,corrected_label,error_type,reviewer,note\r\n')
    await expect(readSheet(file)).rejects.toThrow(new UserError(`${file}: row 1: column "verdict" appears twice; expected it once`))
  })

  it('are read as JSONL keys', async () => {
    const file = path.join(makeTempDir(), 'review.jsonl')
    writeFileSync(file, JSON.stringify({ 审核编号: 'a1', 条目编号: 'i1', 标注员: '', 标注: 'x', 预览: 'p', 结论: '正确', 更正标注: '', 错误类型: '', 审核员: 'r', 备注: '' }) + '\n')
    expect((await readSheet(file))[0]!.cells).toEqual({ ...BLANK_ROW, audit_id: 'a1', item_id: 'i1', label: 'x', preview: 'p', verdict: '正确', reviewer: 'r' })
  })
})
