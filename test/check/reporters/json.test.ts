import { describe, expect, it } from 'vitest'
import { REPORTERS } from '../../../src/check/reporters/index.js'
import { en, gateResult, identity, RULES_DOC_URL, zh } from './gate-fixture.js'

const options = { lang: 'en' as const, color: identity, rulesDocUrl: RULES_DOC_URL }

describe('json reporter', () => {
  const result = gateResult()
  const text = REPORTERS.json(result, options)

  it('is one 2-space-indented document with a trailing newline', () => {
    expect(text.startsWith('{\n  "tool": {\n    "name": "tdgov",\n    "version": "0.1.0"\n  },\n  "passed": false,')).toBe(true)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('holds the verdict, counts, findings and set-aside findings, worded from the catalogue', () => {
    const doc = JSON.parse(text)
    expect(Object.keys(doc)).toEqual(['tool', 'passed', 'failOn', 'counts', 'findings', 'setAside'])
    expect(doc.failOn).toBe('error')
    expect(doc.counts).toEqual({ error: 4, warning: 3, info: 1 })
    expect(doc.findings[4]).toEqual({
      code: 'LABEL_UNDECLARED',
      severity: 'warning',
      message: en(result.findings[4]!),
      args: result.findings[4]!.args,
      location: result.findings[4]!.location,
      fingerprint: 'fp-LABEL_UNDECLARED',
    })
    expect(text).not.toContain('NOT FOR REPORTERS')
    expect(doc.setAside.map((entry: { by: string }) => entry.by)).toEqual(['off', 'suppression', 'baseline'])
    expect(doc.setAside[1]).toMatchObject({ reason: 'notes are not data', finding: { code: 'UNDECLARED_FILE', location: { kind: 'file', path: 'notes.txt' } } })
  })

  it('words messages in Chinese with lang zh', () => {
    const doc = JSON.parse(REPORTERS.json(result, { ...options, lang: 'zh' }))
    expect(doc.findings.map((f: { message: string }) => f.message)).toEqual(result.findings.map(zh))
  })
})
