import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import { describe, expect, it } from 'vitest'
import { REPORTERS } from '../../../src/check/reporters/index.js'
import { EVIL_PATH, gated, gateResult, identity, RULES, RULES_DOC_URL, zh } from './gate-fixture.js'

// A CommonJS module: under NodeNext its default import is module.exports, which holds the class as `default`.
const Ajv = AjvDraft04.default
const SCHEMA = path.resolve(import.meta.dirname, '../../../../shared/corpus/metadata/sarif/sarif-schema-2.1.0.json')
const options = { lang: 'en' as const, color: identity, rulesDocUrl: RULES_DOC_URL }

// RFC 3986 §2: a URI reference holds only unreserved and reserved characters and %XX escapes.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/
const isUriReference = (value: string): boolean => URI_CHARS.test(value)
const isUri = (value: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URI_CHARS.test(value)

interface Log {
  runs: Array<{
    tool: { driver: { rules: Array<Record<string, unknown> & { id: string; helpUri: string; name: string }> } }
    results: Array<{
      ruleId: string
      ruleIndex?: number
      level: string
      message: { text: string }
      locations?: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }>
      partialFingerprints: Record<string, string>
    }>
  }>
}

const parse = (text: string): Log => JSON.parse(text)

describe('sarif reporter', () => {
  const text = REPORTERS.sarif(gateResult(), options)
  const log = parse(text)
  const [run] = log.runs

  describe.skipIf(!existsSync(SCHEMA))(`against the SARIF 2.1.0 schema (skipped when ${SCHEMA} is absent)`, () => {
    const compile = () => {
      const ajv = new Ajv({ strict: false, allErrors: true })
      ajv.addFormat('uri', isUri)
      ajv.addFormat('uri-reference', isUriReference)
      ajv.addFormat('date-time', true)
      return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')))
    }

    it('validates, URI formats included', () => {
      const validate = compile()
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors, null, 2)).toBe(true)
    })

    it('would reject an unencoded URI or an unknown level (the check is not vacuous)', () => {
      const validate = compile()
      const broken = parse(text)
      broken.runs[0]!.results[4]!.locations![0]!.physicalLocation.artifactLocation.uri = EVIL_PATH
      expect(validate(broken)).toBe(false)
      const badLevel = parse(text)
      badLevel.runs[0]!.results[0]!.level = 'fatal'
      expect(validate(badLevel)).toBe(false)
    })
  })

  it('is 2-space-indented JSON with a trailing newline', () => {
    expect(text.startsWith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0"')).toBe(true)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('lists every rule, with docs anchor, PascalCase name, default level and clause tag', () => {
    expect(run!.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.code))
    expect(run!.tool.driver.rules[2]).toEqual({
      id: 'LABEL_UNDECLARED',
      name: 'LabelUndeclared',
      shortDescription: { text: 'Title of label undeclared' },
      fullDescription: { text: 'Checks label undeclared.' },
      help: { text: 'Checks label undeclared.\n\nFix label undeclared.', markdown: 'Checks label undeclared.\n\n**Fix:** Fix label undeclared.' },
      helpUri: 'https://example.org/tdgov/docs/rules.md#label-undeclared',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['TC260-003 §7.2'] },
    })
  })

  it('points each result at its rule, effective level and fingerprint', () => {
    const results = run!.results
    expect(results).toHaveLength(8)
    for (const r of results) expect(run!.tool.driver.rules[r.ruleIndex!]!.id).toBe(r.ruleId)
    expect(results.map((r) => r.level)).toEqual(['error', 'error', 'error', 'error', 'warning', 'warning', 'warning', 'note'])
    expect(results[0]!.partialFingerprints).toEqual({ 'tdgovFinding/v1': 'fp-shared' })
  })

  it('gives relative, percent-encoded URIs, a region only where there is a line, no location for the dataset', () => {
    const results = run!.results
    const evil = results[4]!.locations![0]!.physicalLocation
    expect(evil.artifactLocation).toEqual({
      uri: 'data/evil%0A%3A%3Aerror%3A%3Ax%250A%2C%3Cscript%3Ealert(1)%3C/script%3E.jsonl',
      uriBaseId: '%SRCROOT%',
    })
    expect(evil.artifactLocation.uri.split('/').map(decodeURIComponent).join('/')).toBe(EVIL_PATH)
    expect(evil.region).toEqual({ startLine: 7 })
    expect(results[2]!.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'data/bin.txt', uriBaseId: '%SRCROOT%' } })
    expect(results[7]!.locations).toBeUndefined()
  })

  it('encodes spaces, #, ? and non-ASCII, keeps paths relative, and prefixes the project root', () => {
    const result = gateResult({
      root: 'sets/one',
      findings: [gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: '/a b#c?d%.txt' }), gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: '数据/é.txt' })],
    })
    const uris = parse(REPORTERS.sarif(result, options)).runs[0]!.results.map((r) => r.locations![0]!.physicalLocation.artifactLocation.uri)
    expect(uris).toEqual(['sets/one/a%20b%23c%3Fd%25.txt', 'sets/one/%E6%95%B0%E6%8D%AE/%C3%A9.txt'])
  })

  it('words messages and rule texts in Chinese with lang zh', () => {
    const result = gateResult()
    const zhRun = parse(REPORTERS.sarif(result, { ...options, lang: 'zh' })).runs[0]!
    expect(zhRun.results.map((r) => r.message.text)).toEqual(result.findings.map(zh))
    expect(zhRun.tool.driver.rules[0]!.shortDescription).toEqual({ text: 'jsonl invalid line 的标题' })
  })
})
