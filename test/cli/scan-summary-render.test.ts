import { describe, expect, it } from 'vitest'
import { renderScanSummary, shellWord, type ScanSummaryView } from '../../src/cli/scan-summary.js'
import { makeFinding, type Finding } from '../../src/findings/finding.js'
import type { FolderLicence, Manifest } from '../../src/records/manifest-schema.js'
import type { FindingGroup } from '../../src/scan/finding-summary.js'
import { NO_COLOR } from '../../src/util/palette.js'

const content: Manifest['content'] = {
  records: 0,
  empty: 0,
  duplicates: { withinFiles: 0, acrossFiles: 0, acrossSources: 0, rate: 0 },
  languages: {},
  tokens: null,
  personalInformation: { records: 0, densityPer10k: 0, counts: {}, examples: {} },
}

function view(overrides: Partial<ScanSummaryView['summary']> = {}, files = 2, records = 2, next: Partial<ScanSummaryView['next']> = {}): ScanSummaryView {
  return {
    summary: {
      totals: {
        files,
        bytes: 1500,
        records,
        byFormat: {},
        byModality: {},
        bySource: {},
        byKind: {},
        byOrigin: { domestic: { files: 0, bytes: 0, records: 0 }, foreign: { files: 0, bytes: 0, records: 0 }, unspecified: { files: 0, bytes: 0, records: 0 } },
        findings: { error: 0, warning: 0, info: 0 },
      },
      fingerprint: 'f'.repeat(64),
      findingGroups: [],
      configured: true,
      sources: [],
      licences: [],
      content,
      ...overrides,
    },
    stats: { scanned: files, cached: 0 },
    outFile: 'data/.tdgov/manifest.json',
    next: { dir: 'data', config: null, outElsewhere: null, ...next },
  }
}

const render = (v: ScanSummaryView, lang: 'en' | 'zh' = 'en'): string[] => renderScanSummary(v, { lang, color: NO_COLOR }).trimEnd().split('\n')

const invalidLine = (line: number): Finding =>
  makeFinding({ code: 'JSONL_INVALID_LINE', args: { reason: 'unexpected character' }, location: { kind: 'file', path: 'bad.jsonl', line } })

function group(code: FindingGroup['code'], severity: FindingGroup['severity'], listed: number, capped: number, examples: Finding[]): FindingGroup {
  return { code, severity, listed, capped, examples }
}

const folder = (folder: string, from: string[], ids: string[], use: FolderLicence['use'], files: number): FolderLicence => ({
  folder,
  from,
  ids,
  use,
  attribution: false,
  shareAlike: false,
  files,
  bytes: files * 10,
  records: files,
})

describe('the scan summary', () => {
  it('says 1 file, 1 record, 1 error, 1 warning in the singular and the rest in the plural', () => {
    const one = render(
      view(
        {
          findingGroups: [
            group('JSONL_INVALID_LINE', 'error', 1, 0, [invalidLine(3)]),
            group('JSONL_BLANK_LINE', 'warning', 1, 0, [makeFinding({ code: 'JSONL_BLANK_LINE', location: { kind: 'file', path: 'bad.jsonl', line: 4 } })]),
          ],
        },
        1,
        1,
      ),
    )
    expect(one[0]).toBe('scanned 1 file, 1.5 KB, 1 record (1 read, 0 from cache) → data/.tdgov/manifest.json')
    expect(one).toContain('findings: 1 error, 1 warning, 0 info')
    const many = render(view({ findingGroups: [group('JSONL_INVALID_LINE', 'error', 2, 0, [invalidLine(3), invalidLine(5)])] }, 2, 1234))
    expect(many[0]).toBe('scanned 2 files, 1.5 KB, 1,234 records (2 read, 0 from cache) → data/.tdgov/manifest.json')
    expect(many).toContain('findings: 2 errors, 0 warnings, 0 info')
  })

  it('counts what FINDINGS_CAPPED left out in the totals, says so, and shows three examples with the rest counted', () => {
    const lines = render(
      view({
        findingGroups: [
          group('JSONL_INVALID_LINE', 'error', 10, 990, [invalidLine(1), invalidLine(2), invalidLine(3)]),
          group('FINDINGS_CAPPED', 'info', 1, 0, [
            makeFinding({ code: 'FINDINGS_CAPPED', args: { code: 'JSONL_INVALID_LINE', total: 1000, kept: 10 }, location: { kind: 'file', path: 'bad.jsonl' } }),
          ]),
        ],
      }),
    )
    const at = lines.findIndex((l) => l.startsWith('findings:'))
    expect(lines.slice(at, at + 8)).toEqual([
      'findings: 1,000 errors, 0 warnings, 1 info (990 of them counted past the per-file cap, not kept in the manifest)',
      '  error    JSONL_INVALID_LINE  1,000 (10 in the manifest, 990 more counted by FINDINGS_CAPPED)',
      '      bad.jsonl:1  line is not valid JSON: unexpected character',
      '      bad.jsonl:2  line is not valid JSON: unexpected character',
      '      bad.jsonl:3  line is not valid JSON: unexpected character',
      '      … 7 more in the manifest',
      '  info     FINDINGS_CAPPED  1',
      '      bad.jsonl  1000 findings of JSONL_INVALID_LINE; the first 10 are listed',
    ])
  })

  it('prints info findings, such as the missing tdgov.yaml, and "none" when there is nothing', () => {
    const lines = render(view({ configured: false, findingGroups: [group('CONFIG_MISSING', 'info', 1, 0, [makeFinding({ code: 'CONFIG_MISSING', location: { kind: 'dataset' } })])] }))
    expect(lines).toContain('findings: 0 errors, 0 warnings, 1 info')
    expect(lines).toContain('  info     CONFIG_MISSING  1')
    expect(lines.some((l) => l.startsWith('      (dataset)  no tdgov.yaml: '))).toBe(true)
    expect(render(view())).toContain('findings: none')
  })

  it('suggests only commands that exist: check with a tdgov.yaml, init then check without one', () => {
    expect(render(view()).at(-1)).toBe('next: tdgov check data to gate the release')
    expect(render(view({ configured: false })).at(-1)).toBe('next: tdgov init data to draft tdgov.yaml (sources, licences, legal bases), then tdgov check data to gate the release')
    expect(render(view({}, 2, 2, { dir: null })).at(-1)).toBe('next: tdgov check to gate the release')
    expect(render(view({}, 2, 2, { dir: 'my data', config: 'conf/tdgov.yaml' })).at(-1)).toBe("next: tdgov check 'my data' --config conf/tdgov.yaml to gate the release")
    expect(render(view({}, 2, 2, { outElsewhere: 'm.json' })).at(-1)).toBe('next: tdgov check data to gate the release (it reads data/.tdgov/manifest.json, not the --out file)')
    expect(shellWord("it's")).toBe("'it'\\''s'")
  })

  it('without tdgov.yaml, lists each folder’s licence as the files state it, and the folders where none does', () => {
    const licences = [folder('data', ['data/LICENSE'], ['CC-BY-NC-4.0'], 'non-commercial', 2), folder('raw', [], [], 'unspecified', 1)]
    const lines = render(view({ configured: false, licences }))
    const at = lines.findIndex((l) => l.startsWith('licences'))
    expect(lines.slice(at, at + 3)).toEqual([
      'licences (no tdgov.yaml: as the LICENSE files, dataset cards and Croissant files state them):',
      '  data/  non-commercial (CC-BY-NC-4.0, from data/LICENSE), 2 files',
      '  raw/   unspecified (no licence statement), 1 file',
    ])
    // With tdgov.yaml the declared sources say it.
    expect(render(view({ configured: true, licences })).some((l) => l.startsWith('licences'))).toBe(false)
    const many = Array.from({ length: 12 }, (_, i) => folder(`f${String(i).padStart(2, '0')}`, [], [], 'unspecified', 1))
    expect(render(view({ configured: false, licences: many }))).toContain('  … 2 more folders in the manifest')
  })

  it('escapes control characters in paths, ids and messages', () => {
    const hostile = makeFinding({ code: 'JSONL_BLANK_LINE', location: { kind: 'file', path: 'evil\x1b[2Jname\u202e.jsonl', line: 1 } })
    const licences = [folder('dir\x07', ['dir\x07/LICENSE'], ['LicenseRef-\x1b[31m'], 'unspecified', 1)]
    const text = renderScanSummary(
      { ...view({ configured: false, licences, findingGroups: [group('JSONL_BLANK_LINE', 'warning', 1, 0, [hostile])] }, 1, 1, { dir: 'x\x1by' }), outFile: 'out\x1b.json' },
      { lang: 'en', color: NO_COLOR },
    )
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/) // eslint-disable-line no-control-regex -- the point
    expect(text).toContain('evil\\x1b[2Jname\\u202e.jsonl:1')
    expect(text).toContain('dir\\x07/LICENSE')
    expect(text).toContain('out\\x1b.json')
  })

  it('speaks Chinese with --lang zh: no English plurals, the same counts', () => {
    const lines = render(
      view({ configured: false, findingGroups: [group('JSONL_INVALID_LINE', 'error', 10, 990, [invalidLine(1)])], licences: [folder('raw', [], [], 'unspecified', 1)] }, 1, 1000),
      'zh',
    )
    expect(lines[0]).toBe('已扫描 1 个文件，1.5 KB，1,000 条记录（读取 1 个，缓存 0 个） → data/.tdgov/manifest.json')
    expect(lines).toContain('发现：1,000 个错误，0 个警告，0 条提示（其中 990 条超出单文件上限，已计数但未写入清单）')
    expect(lines).toContain('  错误  JSONL_INVALID_LINE  1,000（清单中 10 条，另有 990 条由 FINDINGS_CAPPED 计数）')
    expect(lines).toContain('  raw/  未说明（没有许可证声明），1 个文件')
    expect(lines.at(-1)).toBe('下一步：运行 tdgov init data 生成 tdgov.yaml 草稿（来源、许可证、合法性基础），再运行 tdgov check data 执行发布关卡')
    expect(lines.join('\n')).not.toMatch(/\b(files|records|errors)\b/)
  })
})
