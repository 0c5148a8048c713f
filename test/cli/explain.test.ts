import { describe, expect, it } from 'vitest'
import { FINDING_CODES } from '../../src/findings/codes.js'
import { runCli } from '../helpers/exec.js'

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/

describe('tdgov explain', () => {
  it('explains a code: title, what it checks, clause, severity, stage, fix and a policy snippet', async () => {
    const result = await runCli(['explain', 'UNDECLARED_FILE'])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const out = result.stdout
    expect(out).toMatch(/^UNDECLARED_FILE {2}File of no declared source\n/)
    expect(out).toContain('What it checks')
    expect(out).toContain("matches no source's `paths` globs")
    expect(out).toContain('Clause: Art. 7, Art. 19')
    expect(out).toContain('Default severity: warning')
    expect(out).toContain('Computed: scan (computed by `tdgov scan`')
    expect(out).toContain('How to fix')
    expect(out).toContain('policy:\n    severity:\n      UNDECLARED_FILE: info')
    expect(out).toContain('  - rule: UNDECLARED_FILE\n        paths: ["data/legacy/**"]')
    expect(out).toContain('until: 2027-06-30')
    expect(out).toContain('docs/rules.md#undeclared-file')
  })

  it('speaks Chinese with --lang zh', async () => {
    const result = await runCli(['explain', 'UNDECLARED_FILE', '--lang', 'zh'])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^UNDECLARED_FILE {2}文件不属于任何已声明来源\n/)
    for (const heading of ['检查内容', '对应条款', '默认严重级别', '计算环节', '修复方法', '调整严重级别或豁免']) {
      expect(result.stdout).toContain(heading)
    }
    expect(result.stdout).not.toContain('What it checks')
    expect(result.stdout).toContain('- rule: UNDECLARED_FILE')
  })

  it('accepts the kebab and lower-case forms of a code', async () => {
    const canonical = await runCli(['explain', 'UNDECLARED_FILE'])
    for (const form of ['undeclared-file', 'undeclared_file', 'Undeclared-File']) {
      const result = await runCli(['explain', form])
      expect(result.status, result.stderr).toBe(0)
      expect(result.stdout).toBe(canonical.stdout)
    }
  })

  it('rejects an unknown code with one line that suggests the nearest one, exit 2', async () => {
    const result = await runCli(['explain', 'UNDECLARD_FILE'])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('tdgov: unknown rule code "UNDECLARD_FILE"; did you mean "UNDECLARED_FILE"?\n')
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
  })

  it('rejects an unknown code nothing is near, exit 2', async () => {
    const result = await runCli(['explain', 'NOTHING_LIKE_IT_AT_ALL'])
    expect(result.status).toBe(2)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('unknown rule code "NOTHING_LIKE_IT_AT_ALL"')
  })

  it('rejects an unknown language, exit 2', async () => {
    const result = await runCli(['explain', 'UNDECLARED_FILE', '--lang', 'fr'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--lang')
  })

  it('prints the rule documentation as JSON with --json', async () => {
    const result = await runCli(['explain', 'undeclared-file', '--json'])
    expect(result.status, result.stderr).toBe(0)
    const doc = JSON.parse(result.stdout) as Record<string, unknown>
    expect(doc).toMatchObject({ code: 'UNDECLARED_FILE', severity: 'warning', stage: 'scan', clause: 'Art. 7, Art. 19' })
    expect(doc.title).toEqual({ en: 'File of no declared source', zh: '文件不属于任何已声明来源' })
    expect(Object.keys(doc).sort()).toEqual(['clause', 'code', 'description', 'fix', 'severity', 'stage', 'title'])
  })

  it('lists every code with its default severity and title, grouped by stage', async () => {
    const result = await runCli(['explain'])
    expect(result.status, result.stderr).toBe(0)
    const out = result.stdout
    for (const code of FINDING_CODES) expect(out).toMatch(new RegExp(`^ {2}${code} +(error|warning|info) {2,}\\S`, 'm'))
    expect(out).toMatch(/^ {2}UNDECLARED_FILE +warning {2}File of no declared source$/m)
    const headings = out.split('\n').filter((line) => /^\S/.test(line) && !line.startsWith('Run '))
    expect(headings).toEqual([
      expect.stringMatching(/^Raised by the readers during scan \(\d+\)$/),
      expect.stringMatching(/^Computed by scan \(\d+\)$/),
      expect.stringMatching(/^Computed by audit sample \/ audit score \(\d+\)$/),
      expect.stringMatching(/^Computed only by check \(\d+\)$/),
    ])
  })

  it('lists in Chinese with --lang zh, and as a JSON array with --json', async () => {
    const zh = await runCli(['explain', '--lang', 'zh'])
    expect(zh.status, zh.stderr).toBe(0)
    expect(zh.stdout).toMatch(/^ {2}UNDECLARED_FILE +warning {2}文件不属于任何已声明来源$/m)
    expect(zh.stdout.split('\n')[0]).toMatch(CJK)

    const json = await runCli(['explain', '--json'])
    expect(json.status, json.stderr).toBe(0)
    const docs = JSON.parse(json.stdout) as { code: string; severity: string }[]
    expect(docs.map((d) => d.code).sort()).toEqual([...FINDING_CODES].sort())
  })
})
