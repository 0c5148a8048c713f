import { describe, expect, it } from 'vitest'
import { REPORTERS, ruleAnchor } from '../../../src/check/reporters/index.js'
import { gateResult, identity, RULES_DOC_URL } from './gate-fixture.js'

describe('reporter registry', () => {
  it('has every format, each returning text that ends in a newline', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual(['github', 'gitlab', 'json', 'junit', 'sarif', 'text'])
    for (const reporter of Object.values(REPORTERS)) {
      expect(reporter(gateResult(), { lang: 'en', color: identity, rulesDocUrl: RULES_DOC_URL })).toMatch(/\n$/)
    }
  })

  it('anchors a rule as docs/rules.md headings do', () => {
    expect(ruleAnchor('UNDECLARED_FILE')).toBe('undeclared-file')
    expect(ruleAnchor('UTF8_INVALID')).toBe('utf8-invalid')
  })
})
