import { describe, expect, it } from 'vitest'
import { REPORTERS } from '../../../src/check/reporters/index.js'
import { gated, gateResult, identity, rule, RULES_DOC_URL, zh } from './gate-fixture.js'

const options = { lang: 'en' as const, color: identity, rulesDocUrl: RULES_DOC_URL }

describe('github reporter', () => {
  const output = REPORTERS.github(gateResult(), options)
  const lines = output.split('\n')

  it('writes one workflow command per finding, each on its own line', () => {
    expect(output.endsWith('\n')).toBe(true)
    expect(lines.slice(0, -1)).toHaveLength(gateResult().findings.length)
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) [^\r\n]*::[^\r\n]*$/)
    expect(output).not.toContain('\r')
  })

  it('escapes a hostile path as a property and a hostile arg as data, like @actions/core', () => {
    // properties: % → %25, \n → %0A, : → %3A, "," → %2C; data: % → %25, \n → %0A only
    expect(lines[4]).toBe(
      '::warning file=data/evil%0A%3A%3Aerror%3A%3Ax%250A%2C<script>alert(1)</script>.jsonl,line=7,' +
        'title=LABEL_UNDECLARED%3A Title of label undeclared::' +
        'label "spam%0A%250A::error::pwned" (2 times) is not in the label set of rules "ner"',
    )
  })

  it('places findings by kind: line, byte offset (no line), first of several files, config column, audit row, dataset', () => {
    expect(lines[0]).toBe('::error file=data/a.jsonl,line=3,title=JSONL_INVALID_LINE%3A Title of jsonl invalid line::line is not valid JSON: Unexpected token')
    expect(lines[2]).toBe('::error file=data/bin.txt,title=UTF8_INVALID%3A Title of utf8 invalid::invalid UTF-8 byte sequence; expected UTF-8 text')
    expect(lines[3]).toMatch(/^::error file=data\/new\.jsonl,title=MANIFEST_STALE%3A [^:]*::the manifest is out of date: 1 added, 1 removed/)
    expect(lines[5]).toBe(
      '::warning file=tdgov.yaml,line=12,col=5,title=LICENCE_MISMATCH%3A Title of licence mismatch::source "web" declares MIT but GPL-3.0-only is stated here',
    )
    expect(lines[6]).toMatch(/^::warning file=\.tdgov\/audits\/a-1\.json,line=4,title=/)
    expect(lines[7]).toBe(
      '::notice title=DUPLICATE_RATE_HIGH%3A Title of duplicate rate high::12.5%25 of the 800 analysed records repeat another; the policy allows at most 5.0%25 (policy.duplicate_rate_max)',
    )
  })

  it('escapes commas and colons in the title, and prefixes the project root to paths', () => {
    const result = gateResult({
      root: 'datasets/demo',
      rules: [{ ...rule('UNDECLARED_FILE', 'warning', 'Art. 7'), title: { en: 'Undeclared, unowned: file', zh: '未声明' } }],
      findings: [gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: 'x.txt' })],
    })
    expect(REPORTERS.github(result, options)).toBe(
      "::warning file=datasets/demo/x.txt,title=UNDECLARED_FILE%3A Undeclared%2C unowned%3A file::file matches no source's paths in tdgov.yaml; expected every file to belong to a declared source\n",
    )
  })

  it('words the message and title in Chinese with lang zh', () => {
    const result = gateResult()
    const zhLines = REPORTERS.github(result, { ...options, lang: 'zh' }).split('\n')
    const finding = result.findings[5]!
    expect(zhLines[5]).toBe(`::warning file=tdgov.yaml,line=12,col=5,title=LICENCE_MISMATCH%3A licence mismatch 的标题::${zh(finding)}`)
  })

  it('writes nothing when there are no findings', () => {
    expect(REPORTERS.github(gateResult({ findings: [] }), options)).toBe('')
  })
})
