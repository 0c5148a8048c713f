import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPORTERS } from '../../../src/check/reporters/index.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'
import { en, EVIL_LABEL, gated, gateResult, identity, RULES, RULES_DOC_URL, zh } from './gate-fixture.js'

const XSD = path.resolve(import.meta.dirname, '../../../../shared/corpus/metadata/junit/junit-10.xsd')
const XMLLINT = '/usr/bin/xmllint'
const options = { lang: 'en' as const, color: identity, rulesDocUrl: RULES_DOC_URL }

afterAll(removeTempDirs)

function writeReport(xml: string): string {
  const file = path.join(makeTempDir(), 'junit.xml')
  writeFileSync(file, xml)
  return file
}

function xmllint(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(XMLLINT, args, { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A result whose args hold every kind of character XML 1.0 forbids, plus the XML specials. */
function hostile() {
  const base = gateResult()
  const label = `a\u0001b\u001bc\uffffd\ud800e&<>"'`
  return {
    ...base,
    findings: [...base.findings, gated('LABEL_UNDECLARED', 'warning', { kind: 'file', path: 'data/x]]>.jsonl', line: 1 }, { label, count: 1, rules: 'r' })],
  }
}

const canValidate = existsSync(XSD) && existsSync(XMLLINT)

describe('junit reporter', () => {
  const result = gateResult()
  const xml = REPORTERS.junit(result, options)

  describe.skipIf(!canValidate)(`against the Surefire JUnit XSD (skipped when ${XSD} or ${XMLLINT} is absent)`, () => {
    it('validates', () => {
      const run = xmllint('--noout', '--schema', XSD, writeReport(xml))
      expect(run.stderr).toContain('validates')
      expect(run.status).toBe(0)
    })

    it('validates with forbidden characters and XML specials in the args', () => {
      const run = xmllint('--noout', '--schema', XSD, writeReport(REPORTERS.junit(hostile(), options)))
      expect(run.stderr).toContain('validates')
      expect(run.status).toBe(0)
    })

    it('keeps the message, newlines and all, in the failure attribute', () => {
      const file = writeReport(xml)
      const message = xmllint('--xpath', 'string(//testcase[starts-with(@name, "LABEL_UNDECLARED")]/failure/@message)', file)
      const finding = result.findings[4]!
      expect(message.stdout.replace(/\n$/, '')).toBe(en(finding))
      expect(en(finding)).toContain(EVIL_LABEL)
    })

    it('replaces forbidden characters by \\uXXXX text and escapes the specials', () => {
      const file = writeReport(REPORTERS.junit(hostile(), options))
      const message = xmllint('--xpath', 'string(//testcase[starts-with(@name, "LABEL_UNDECLARED")]/failure[2]/@message)', file)
      expect(message.stdout).toContain('label "a\\u0001b\\u001bc\\uffffd\\ud800e&<>"\'" (once)')
      const body = xmllint('--xpath', 'string(//testcase[starts-with(@name, "LABEL_UNDECLARED")]/failure[2])', file)
      expect(body.stdout).toContain('data/x]]>.jsonl:1')
    })
  })

  it('has one test case per rule, failing rules counted once, set-aside-only rules skipped', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tdgov check" tests="9" failures="7" errors="0">\n')).toBe(true)
    expect(xml).toContain('<testsuite name="tdgov check" tests="9" failures="7" errors="0" skipped="2">')
    expect(xml.match(/<testcase /g)).toHaveLength(RULES.length)
    expect(xml.match(/<failure /g)).toHaveLength(result.findings.length)
    expect(xml.match(/<skipped /g)).toHaveLength(2)
    expect(xml).toContain('<testcase classname="tdgov.TC260_003_7_2" name="LABEL_UNDECLARED: Title of label undeclared">')
    expect(xml).toContain('<failure message="line is not valid JSON: Unexpected token" type="JSONL_INVALID_LINE">error: data/a.jsonl:3\n')
  })

  it('passes every rule when nothing is found', () => {
    const clean = REPORTERS.junit(gateResult({ findings: [], setAside: [], counts: { error: 0, warning: 0, info: 0 }, passed: true }), options)
    expect(clean).toContain('tests="9" failures="0" errors="0" skipped="0"')
    expect(clean.match(/<testcase [^>]*\/>/g)).toHaveLength(RULES.length)
  })

  it('words failures in Chinese with lang zh', () => {
    const zhXml = REPORTERS.junit(result, { ...options, lang: 'zh' })
    const finding = result.findings[5]!
    expect(zhXml).toContain(`<failure message="${zh(finding).replaceAll('"', '&quot;')}" type="LICENCE_MISMATCH">`)
  })
})
