import { describe, expect, it } from 'vitest'
import { diffManifests } from '../../src/diff/diff-manifests.js'
import { markdownText } from '../../src/diff/render/markdown-text.js'
import { renderDiffMarkdown } from '../../src/diff/render/render-markdown.js'
import { renderDiffText } from '../../src/diff/render/render-text.js'
import { terminalSafe } from '../../src/util/terminal-safe.js'
import { NO_COLOR as plain } from '../../src/util/palette.js'
import { buildManifest, fileEntry, finding, source } from './build-manifest.js'

/** A path with an ESC sequence, a newline, a line separator, a bidi override and Markdown/HTML specials. */
const HOSTILE = 'evil\x1b[31m\nfake line\u2028\u202e|<b>&`x`[link](http://x)*.jsonl'

function hostileDiff() {
  const before = buildManifest([fileEntry('keep.jsonl', { source: 'web' })], { sources: [source('web')] })
  const after = buildManifest([fileEntry('keep.jsonl', { source: 'web' }), fileEntry(HOSTILE, { source: null })], {
    sources: [source('web', { licence: { declared: 'MIT|<i>' } })],
    findings: [finding('UNDECLARED_FILE', { kind: 'file', path: HOSTILE }), finding('LICENCE_MISMATCH', { kind: 'file', path: 'LICENSE' }, { source: 'web', declared: 'MIT', detected: 'GPL\n3' })],
  })
  return diffManifests(before, after, { old: 'HEAD~1:.tdgov/manifest.json', new: '.tdgov/manifest.json' })
}

describe('terminalSafe and markdownText', () => {
  it('shows C0, DEL, C1, line separators and bidi controls as visible escapes', () => {
    expect(terminalSafe('a\x1b[2Jb\nc\rd\x7fe\x9bf\u2028g\u2029h\u202ei')).toBe('a\\x1b[2Jb\\x0ac\\x0dd\\x7fe\\x9bf\\u2028g\\u2029h\\u202ei')
    expect(terminalSafe('数据/ok-file.jsonl')).toBe('数据/ok-file.jsonl')
  })

  it('escapes table breaks, HTML, code spans, links and newlines', () => {
    const out = markdownText('a|b<c>d&e`f`[g](h)\ni')
    expect(out).toBe('a\\|b&lt;c&gt;d&amp;e\\`f\\`\\[g\\]\\(h\\)\\\\x0ai')
    expect(out).not.toMatch(/[<>\n]|(?<!\\)[|`[]/)
  })
})

describe('renderDiffText', () => {
  it('prints dataset strings terminal-safe: no control character reaches the terminal', () => {
    const text = renderDiffText(hostileDiff(), { lang: 'en', color: plain })
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/)
    expect(text).toContain('evil\\x1b[31m\\x0afake line\\u2028\\u202e')
    // One line per item: the newline in the path did not start a line of its own.
    expect(text.split('\n').some((line) => line.startsWith('fake line'))).toBe(false)
  })

  it('summarises files, totals, licences, undeclared files and findings', () => {
    const text = renderDiffText(hostileDiff(), { lang: 'en', color: plain })
    expect(text).toMatch(/^tdgov diff HEAD~1:\.tdgov\/manifest\.json → \.tdgov\/manifest\.json\n/)
    expect(text).toContain('files: 1 added, 0 removed, 0 changed, 1 unchanged')
    expect(text).toContain('web: declared CC-BY-4.0 → MIT|<i>')
    expect(text).toContain('new undeclared files:')
    expect(text).toMatch(/findings: 2 \(LICENCE_MISMATCH ×1, UNDECLARED_FILE ×1\) appeared, 0 gone/)
    expect(text).toContain('source "web" declares MIT but GPL\\x0a3 is stated here')
  })

  it('renders finding messages in the language asked for', () => {
    const text = renderDiffText(hostileDiff(), { lang: 'zh', color: plain })
    expect(text).toContain('来源 "web" 声明的许可证为 MIT')
    expect(text).toContain('文件不匹配 tdgov.yaml 中任何来源的 paths')
  })

  it('lists at most 20 entries of a list, then says how many more', () => {
    const files = Array.from({ length: 25 }, (_, i) => fileEntry(`f${String(i).padStart(2, '0')}.jsonl`))
    const text = renderDiffText(diffManifests(buildManifest([]), buildManifest(files)), { lang: 'en', color: plain })
    expect(text).toContain('  + f19.jsonl')
    expect(text).not.toContain('f20.jsonl')
    expect(text).toContain('… and 5 more (--json lists all)')
  })
})

describe('renderDiffMarkdown', () => {
  it('escapes every dataset-derived string: no tag, link, code span, cell break or line break gets through', () => {
    const md = renderDiffMarkdown(hostileDiff(), { lang: 'en' })
    expect(md).not.toContain('<b>')
    expect(md).not.toContain('<i>')
    expect(md).not.toContain('\x1b')
    expect(md).not.toContain('\nfake line')
    expect(md).toContain('evil\\\\x1b\\[31m\\\\x0afake line\\\\u2028\\\\u202e\\|&lt;b&gt;&amp;\\`x\\`\\[link\\]\\(http://x\\)\\*.jsonl')
    // Every table row has as many cells as its header.
    const tables = md.split('\n\n').filter((block) => block.startsWith('| '))
    expect(tables.length).toBeGreaterThan(3)
    for (const table of tables) {
      const rows = table.split('\n')
      const cells = (row: string) => row.split(/(?<!\\)\|/).length
      for (const row of rows) expect(cells(row), row).toBe(cells(rows[0]!))
    }
  })

  it('has a heading, a summary table and collapsible lists', () => {
    const md = renderDiffMarkdown(hostileDiff(), { lang: 'en' })
    expect(md.startsWith('## tdgov manifest diff\n')).toBe(true)
    expect(md).toContain('| Files | 1 | 2 | +1 |')
    expect(md).toContain('<summary>Files added (1)</summary>')
    expect(md).toContain('<summary>Licence changes (1)</summary>')
    expect(md).toContain('<summary>New undeclared files (1)</summary>')
    expect(md).toContain('<summary>Findings appeared (2): LICENCE_MISMATCH ×1, UNDECLARED_FILE ×1</summary>')
    expect(md).not.toContain('Files removed')
    expect(md).not.toContain('Findings gone')
  })

  it('renders finding messages in the language asked for', () => {
    expect(renderDiffMarkdown(hostileDiff(), { lang: 'zh' })).toContain('来源 "web" 声明的许可证为 MIT')
  })

  it('caps each list at 100 rows with "and N more"', () => {
    const files = Array.from({ length: 130 }, (_, i) => fileEntry(`f${String(i).padStart(3, '0')}.jsonl`))
    const md = renderDiffMarkdown(diffManifests(buildManifest(files), buildManifest([])), { lang: 'en' })
    expect(md).toContain('<summary>Files removed (130)</summary>')
    expect(md).toContain('| f099.jsonl |')
    expect(md).not.toContain('f100.jsonl')
    expect(md).toContain('… and 30 more')
  })

  it('lists new personal-information types with counts only', () => {
    const before = buildManifest([])
    const after = buildManifest([])
    after.content.personalInformation = { records: 5, densityPer10k: 2000, counts: { email: 1 }, examples: { email: ['a***@example.com'] } }
    const md = renderDiffMarkdown(diffManifests(before, after), { lang: 'en' })
    expect(md).toContain('| (dataset) | email | 1 |')
    expect(md).not.toContain('example.com')
  })
})
