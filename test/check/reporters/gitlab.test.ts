import { describe, expect, it } from 'vitest'
import { REPORTERS } from '../../../src/check/reporters/index.js'
import { en, EVIL_PATH, gateResult, identity, RULES_DOC_URL, zh } from './gate-fixture.js'

const options = { lang: 'en' as const, color: identity, rulesDocUrl: RULES_DOC_URL }

interface Issue {
  description: string
  check_name: string
  fingerprint: string
  severity: string
  location: { path: string; lines: { begin: number } }
}

describe('gitlab reporter', () => {
  const result = gateResult()
  const issues: Issue[] = JSON.parse(REPORTERS.gitlab(result, options))

  it('gives every issue the fields GitLab requires', () => {
    expect(issues).toHaveLength(result.findings.length)
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity'])
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity)
      expect(typeof issue.location.path).toBe('string')
      expect(issue.location.path).not.toBe('')
      expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true)
    }
    expect(issues[4]).toEqual({
      description: en(result.findings[4]!),
      check_name: 'LABEL_UNDECLARED',
      fingerprint: 'fp-LABEL_UNDECLARED',
      severity: 'minor',
      location: { path: EVIL_PATH, lines: { begin: 7 } },
    })
    expect(issues.map((i) => i.severity)).toEqual(['major', 'major', 'major', 'major', 'minor', 'minor', 'minor', 'info'])
  })

  it('keeps fingerprints unique when two findings share one', () => {
    expect(result.findings[0]!.fingerprint).toBe(result.findings[1]!.fingerprint)
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length)
  })

  it('puts dataset-wide findings on the manifest, and line-less ones on line 1', () => {
    expect(issues[7]!.location).toEqual({ path: '.tdgov/manifest.json', lines: { begin: 1 } })
    expect(issues[2]!.location).toEqual({ path: 'data/bin.txt', lines: { begin: 1 } })
    const sub: Issue[] = JSON.parse(REPORTERS.gitlab(gateResult({ root: 'sets/one', manifest: 'sets/one/.tdgov/manifest.json' }), options))
    expect(sub[7]!.location.path).toBe('sets/one/.tdgov/manifest.json')
    expect(sub[0]!.location.path).toBe('sets/one/data/a.jsonl')
  })

  it('words descriptions in Chinese with lang zh', () => {
    const zhIssues: Issue[] = JSON.parse(REPORTERS.gitlab(result, { ...options, lang: 'zh' }))
    expect(zhIssues.map((i) => i.description)).toEqual(result.findings.map(zh))
  })
})
