import { describe, expect, it } from 'vitest'
import { REPORTERS } from '../../../src/check/reporters/index.js'
import { gated, gateResult, identity, RULES_DOC_URL, zh } from './gate-fixture.js'

const options = { lang: 'en' as const, color: identity, rulesDocUrl: RULES_DOC_URL }
const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`
const tagged = { bold: tag('b'), red: tag('red'), yellow: tag('yellow'), dim: tag('dim') }

describe('text reporter', () => {
  const result = gateResult()
  const output = REPORTERS.text(result, options)
  const lines = output.split('\n')

  it('groups findings under a heading per rule: code, title and count', () => {
    expect(lines[0]).toBe('JSONL_INVALID_LINE  Title of jsonl invalid line (2)')
    expect(lines[1]).toBe('  error    data/a.jsonl:3  line is not valid JSON: Unexpected token')
    expect(lines[2]).toBe('  error    data/a.jsonl:9  line is not valid JSON: Unexpected token')
    expect(lines.filter((line) => /^[A-Z0-9_]+ {2}/.test(line))).toHaveLength(7)
  })

  it('places findings by line, byte offset, config line and column, audit row, or as dataset-wide', () => {
    expect(output).toContain('  error    data/bin.txt (byte 1234)  invalid UTF-8 byte sequence')
    expect(output).toContain('  error    data/new.jsonl (+1 more)  the manifest is out of date')
    expect(output).toContain('  warning  tdgov.yaml:12:5 (sources[0].license)  source "web" declares MIT')
    expect(output).toContain('  warning  .tdgov/audits/a-1.json (audit a-1, row 4)  audit a-1 was scored')
    expect(output).toContain('  info     (dataset)  12.5% of the 800 analysed records')
  })

  it('cannot be made to print a control character or an extra line by a path or an arg', () => {
    const hostile = gateResult({
      findings: [
        ...result.findings,
        gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: 'data/\u001b[2J\u001b]0;pwn\u0007\r\u0085\u2028\u202ex.txt' }),
      ],
    })
    const text = REPORTERS.text(hostile, options)
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/)
    expect(text).toContain('data/\\x1b[2J\\x1b]0;pwn\\x07\\x0d\\x85\\u2028\\u202ex.txt')
    expect(text).toContain('data/evil\\x0a::error::x%0A,<script>alert(1)</script>.jsonl:7  label "spam\\x0a%0A::error::pwned"')
    // one line per finding, one heading per rule, a blank line after each group, three summary lines
    expect(text.split('\n')).toHaveLength(hostile.findings.length + 8 * 2 + 3 + 1)
  })

  it('totals with the right singular and plural, the set-aside findings, and the verdict', () => {
    expect(lines.slice(-4)).toEqual(['4 errors, 3 warnings, 1 info', '3 findings set aside: 1 off, 1 suppressed, 1 baseline', 'FAIL (fail-on: error)', ''])
    const one = REPORTERS.text(
      gateResult({ findings: [], setAside: result.setAside.slice(0, 1), counts: { error: 1, warning: 1, info: 0 }, passed: true, failOn: 'never' }),
      options,
    )
    expect(one).toBe('No findings.\n1 error, 1 warning, 0 info\n1 finding set aside: 1 off\nPASS (fail-on: never)\n')
  })

  it('colours errors red, warnings yellow and codes dim', () => {
    const coloured = REPORTERS.text(result, { ...options, color: tagged }).split('\n')
    expect(coloured[0]).toBe('<dim>JSONL_INVALID_LINE</dim>  <b>Title of jsonl invalid line</b> (2)')
    expect(coloured[1]).toBe('  <red>error  </red>  data/a.jsonl:3  line is not valid JSON: Unexpected token')
    expect(coloured).toContain('  <yellow>warning</yellow>  tdgov.yaml:12:5 (sources[0].license)  source "web" declares MIT but GPL-3.0-only is stated here')
    expect(coloured.at(-2)).toBe('<b><red>FAIL (fail-on: error)</red></b>')
  })

  it('words messages, titles and totals in Chinese with lang zh', () => {
    const zhText = REPORTERS.text(result, { ...options, lang: 'zh' })
    expect(zhText).toContain('JSONL_INVALID_LINE  jsonl invalid line 的标题 (2)')
    // a message with a control character in it is shown escaped, which the test above covers
    // eslint-disable-next-line no-control-regex -- see above
    for (const finding of result.findings.filter((f) => !/[\u0000-\u001f]/.test(zh(f)))) {
      expect(zhText).toContain(zh(finding))
    }
    expect(zhText).toContain('4 个错误，3 个警告，1 条提示')
  })
})
