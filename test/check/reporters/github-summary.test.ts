import { describe, expect, it } from 'vitest'
import { githubJobSummary } from '../../../src/check/reporters/index.js'
import { gated, gateResult } from './gate-fixture.js'

describe('githubJobSummary', () => {
  const result = gateResult()
  const markdown = githubJobSummary(result, 'en')
  const lines = markdown.split('\n')

  it('heads with the verdict and counts', () => {
    expect(lines[0]).toBe('## tdgov check: ❌ FAIL (fail-on: error)')
    expect(markdown).toContain('\n4 errors, 3 warnings, 1 info\n')
    expect(markdown).toContain('\n3 findings set aside: 1 off, 1 suppressed, 1 baseline\n')
  })

  it('tables the count per rule', () => {
    expect(markdown).toContain('| Rule | Title | Count |\n| --- | --- | ---: |\n| JSONL\\_INVALID\\_LINE | Title of jsonl invalid line | 2 |\n')
  })

  it('lists each finding as one table row, with no HTML, no raw line break and no cell break from a name', () => {
    const rows = lines.filter((line) => /^\| (error|warning|info) \|/.test(line))
    expect(rows).toHaveLength(result.findings.length)
    expect(markdown).not.toContain('<script>')
    const evil = rows.find((row) => row.includes('LABEL'))!
    expect(evil).toBe(
      '| warning | LABEL\\_UNDECLARED | data/evil\\\\x0a::error::x%0A,&lt;script&gt;alert\\(1\\)&lt;/script&gt;.jsonl:7 | ' +
        'label "spam\\\\x0a%0A::error::pwned" \\(2 times\\) is not in the label set of rules "ner" |',
    )
    const piped = githubJobSummary(gateResult({ findings: [gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: 'a|b&c.txt' })] }), 'en')
    expect(piped).toContain('| warning | UNDECLARED\\_FILE | a\\|b&amp;c.txt |')
  })

  it('caps the list at 200 findings and says how many more there are', () => {
    const many = Array.from({ length: 250 }, (_, i) => gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: `f${i}.txt` }))
    const capped = githubJobSummary(gateResult({ findings: many }), 'en')
    expect(capped.match(/^\| warning \|/gm)).toHaveLength(200)
    expect(capped).toContain('… and 50 more findings, not listed here.')
    expect(capped).toContain('| UNDECLARED\\_FILE | Title of undeclared file | 250 |')
  })

  it('says so when there is nothing to report, in Chinese too', () => {
    const clean = gateResult({ findings: [], setAside: [], counts: { error: 0, warning: 0, info: 0 }, passed: true })
    expect(githubJobSummary(clean, 'en')).toBe('## tdgov check: ✅ PASS (fail-on: error)\n\n0 errors, 0 warnings, 0 info\n\nNo findings.\n')
    expect(githubJobSummary(clean, 'zh')).toContain('没有发现。')
  })
})
