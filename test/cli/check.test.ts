/**
 * `tdgov check` end to end with the built CLI, over a copy of fixtures/demo taken through the
 * demo's flow (scan, audit sample, audit score), and over copies broken on purpose.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const DEMO = path.join(REPO_ROOT, 'fixtures', 'demo')
const METADATA = path.resolve(REPO_ROOT, '../shared/corpus/metadata')
const SARIF_SCHEMA = path.join(METADATA, 'sarif', 'sarif-schema-2.1.0.json')
const JUNIT_XSD = path.join(METADATA, 'junit', 'junit-10.xsd')
const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0
const EVIL_NAME = 'x\n::error::pwned.jsonl'
const CJK = /[\u3400-\u9fff]/

// A CommonJS module: under NodeNext its default import is module.exports, which holds the class as `default`.
const Ajv = AjvDraft04.default
// RFC 3986 §2, as test/check/reporters/sarif.test.ts checks it: only unreserved and reserved characters and %XX escapes.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/
const isUri = (value: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URI_CHARS.test(value)

interface JsonFinding {
  code: string
  severity: string
  args: Record<string, unknown>
  location: { kind: string; path?: string }
}
interface JsonReport {
  passed: boolean
  counts: { error: number; warning: number; info: number }
  findings: JsonFinding[]
  setAside: unknown[]
}

function ok(result: ExecResult): ExecResult {
  expect(result.status, `tdgov failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

function json(result: ExecResult): JsonReport {
  return JSON.parse(result.stdout) as JsonReport
}

/** fixtures/demo after the demo's scan, audit sample and audit score; copied by each test. */
let demo: string
/** The demo with the licence suppression removed, an undeclared file and an edited annotation export, rescanned. */
let broken: string

/** `tdgov scan`, `audit sample` and `audit score` as scripts/run-demo.ts runs them, paths into `dir`. */
async function runDemoFlow(dir: string): Promise<void> {
  ok(await runCli(['scan', dir]))
  ok(await runCli(['audit', 'sample', path.join(dir, 'annotations/label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', path.join(dir, 'tdgov.yaml'), '--force']))
  ok(await runCli(['audit', 'score', path.join(dir, 'governance/sentiment-review.csv'), '--config', path.join(dir, 'tdgov.yaml')]))
}

/** A fresh copy of `template` in its own temp directory. */
function copy(template: string): string {
  const dir = path.join(makeTempDir('tdgov-check-'), 'demo')
  cpSync(template, dir, { recursive: true, preserveTimestamps: true })
  return dir
}

function breakDemo(dir: string): void {
  const configFile = path.join(dir, 'tdgov.yaml')
  const config = readFileSync(configFile, 'utf8')
  const at = config.indexOf('  suppressions:\n')
  expect(at).toBeGreaterThan(0)
  // The suppressions list closes the file: cut it.
  expect(config.slice(at).split('\n').slice(1).every((line) => line === '' || line.startsWith('    '))).toBe(true)
  writeFileSync(configFile, config.slice(0, at))
  writeTree(dir, { 'extra/new.jsonl': '{"text": "a record nobody declared"}\n' })
  // A relabelled item: the export's sha256 is no longer the one the audit scored.
  const exportFile = path.join(dir, 'annotations/label-studio-export.json')
  const exported = readFileSync(exportFile, 'utf8')
  expect(exported).toContain('"neutral"')
  writeFileSync(exportFile, exported.replace('"neutral"', '"negative"'))
}

beforeAll(async () => {
  demo = path.join(makeTempDir('tdgov-check-demo-'), 'demo')
  cpSync(DEMO, demo, { recursive: true, filter: (source) => path.relative(DEMO, source).split(path.sep)[0] !== '.tdgov' })
  await runDemoFlow(demo)
  broken = copy(demo)
  breakDemo(broken)
  ok(await runCli(['scan', broken]))
}, 180_000)

function validateSarif(file: string): void {
  const ajv = new Ajv({ strict: false, allErrors: true })
  ajv.addFormat('uri', isUri)
  ajv.addFormat('uri-reference', (value: string) => URI_CHARS.test(value))
  ajv.addFormat('date-time', true)
  const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')))
  expect(validate(JSON.parse(readFileSync(file, 'utf8'))), JSON.stringify(validate.errors, null, 2)).toBe(true)
}

function validateJunit(file: string): void {
  const lint = spawnSync('xmllint', ['--noout', '--schema', JUNIT_XSD, file], { encoding: 'utf8' })
  expect(lint.status, lint.stderr).toBe(0)
}

describe('tdgov check on the demo', () => {
  it('passes (exit 0)', async () => {
    const dir = copy(demo)
    const result = ok(await runCli(['check', dir]))
    expect(result.stdout).toContain('PASS')
  })

  it('--lang zh prints every finding message in Chinese', async () => {
    const dir = copy(demo)
    const counted = json(ok(await runCli(['check', dir, '--format', 'json']))).findings.length
    const result = ok(await runCli(['check', dir, '--lang', 'zh']))
    // A finding line: two spaces, severity, place, message, separated by two spaces.
    const findingLines = result.stdout.split('\n').filter((line) => /^ {2}\S/.test(line))
    expect(findingLines.length).toBe(counted)
    expect(counted).toBeGreaterThan(0)
    for (const line of findingLines) {
      const message = line.trim().split(/ {2,}/).at(-1)!
      expect(message, line).toMatch(CJK)
    }
  })

  it('--format json parses, with the counted findings and the suppressed one set aside', async () => {
    const report = json(ok(await runCli(['check', copy(demo), '--format', 'json'])))
    expect(report.passed).toBe(true)
    expect(report.counts.error).toBe(0)
    expect(report.counts.warning).toBeGreaterThan(0)
    expect(report.findings.map((f) => f.code)).not.toContain('LICENCE_NOT_FOR_COMMERCIAL_USE')
    expect(report.setAside).toHaveLength(1)
  })

  it.skipIf(!existsSync(SARIF_SCHEMA))(`--format sarif --out writes SARIF 2.1.0 (skipped when ${SARIF_SCHEMA} is absent)`, async () => {
    const out = path.join(makeTempDir(), 'check.sarif')
    const result = ok(await runCli(['check', copy(demo), '--format', 'sarif', '--out', out]))
    expect(result.stdout).toBe('')
    validateSarif(out)
  })

  it.skipIf(!existsSync(JUNIT_XSD) || !HAS_XMLLINT)(`--format junit --out writes JUnit XML that xmllint validates (skipped without ${JUNIT_XSD} or xmllint)`, async () => {
    const out = path.join(makeTempDir(), 'check.xml')
    ok(await runCli(['check', copy(demo), '--format', 'junit', '--out', out]))
    validateJunit(out)
  })

  it('--format github appends a Markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = path.join(makeTempDir(), 'summary.md')
    writeFileSync(summary, 'earlier step\n')
    const result = ok(await runCli(['check', copy(demo), '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } }))
    expect(result.stdout.split('\n').filter((l) => l !== '').every((l) => l.startsWith('::'))).toBe(true)
    const text = readFileSync(summary, 'utf8')
    expect(text.startsWith('earlier step\n## ')).toBe(true)
    // Markdown: underscores in codes are escaped.
    expect(text).toContain('| ANNOTATOR\\_UNTRAINED | Annotator or reviewer without valid training | 1 |')
    expect(text).toMatch(/^\| --- \| --- \| ---: \|$/m)
  })

  it('--fail-on warning fails on its warnings (exit 1)', async () => {
    const result = await runCli(['check', copy(demo), '--fail-on', 'warning'])
    expect(result.status).toBe(1)
  })
})

describe('tdgov check on a broken copy', () => {
  it('fails (exit 1) with the licence, the undeclared file and the missing audit', async () => {
    const result = await runCli(['check', copy(broken), '--format', 'json'])
    expect(result.status, result.stderr).toBe(1)
    const report = json(result)
    expect(report.passed).toBe(false)
    const codes = report.findings.map((f) => f.code)
    expect(codes).toEqual(expect.arrayContaining(['LICENCE_NOT_FOR_COMMERCIAL_USE', 'UNDECLARED_FILE', 'AUDIT_MISSING']))
    expect(report.findings.filter((f) => f.code === 'UNDECLARED_FILE').map((f) => f.location)).toEqual([{ kind: 'file', path: 'extra/new.jsonl' }])
    const missing = report.findings.filter((f) => f.code === 'AUDIT_MISSING')
    expect(missing.map((f) => [f.location, f.args.audits])).toEqual([[{ kind: 'file', path: 'annotations/label-studio-export.json' }, [expect.stringMatching(/^annotation-/)]]])
    expect(report.findings.find((f) => f.code === 'LICENCE_NOT_FOR_COMMERCIAL_USE')?.args).toMatchObject({ source: 'open-science-qa', licence: 'CC-BY-NC-4.0' })
  })

  it('--fail-on never passes (exit 0)', async () => {
    ok(await runCli(['check', copy(broken), '--fail-on', 'never']))
  })

  it('reports MANIFEST_STALE (exit 1) for a data file edited after the scan', async () => {
    const dir = copy(demo)
    writeFileSync(path.join(dir, 'text/en/instructions.jsonl'), '{"instruction": "added after the scan", "output": "x"}\n', { flag: 'a' })
    const result = await runCli(['check', dir, '--format', 'json'])
    expect(result.status, result.stderr).toBe(1)
    const stale = json(result).findings.filter((f) => f.code === 'MANIFEST_STALE')
    expect(stale.map((f) => [f.severity, f.args])).toEqual([['error', { added: 0, removed: 0, changed: 1, examples: ['~text/en/instructions.jsonl'] }]])
  })
})

describe('tdgov check --update-baseline', () => {
  it('accepts the findings of today and fails only on new ones', async () => {
    const dir = copy(broken)
    const update = ok(await runCli(['check', dir, '--update-baseline']))
    expect(update.stderr).toMatch(/baseline: \d+ findings recorded in /)
    const baselineFile = path.join(dir, '.tdgov', 'baseline.json')
    expect(existsSync(baselineFile)).toBe(true)
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as { tdgov_baseline: number; findings: { code: string }[] }
    expect(baseline.tdgov_baseline).toBe(1)
    expect(baseline.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['LICENCE_NOT_FOR_COMMERCIAL_USE', 'UNDECLARED_FILE', 'AUDIT_MISSING']))

    ok(await runCli(['check', dir]))
    const accepted = json(ok(await runCli(['check', dir, '--format', 'json', '--fail-on', 'warning'])))
    expect(accepted.findings).toEqual([])
    expect(accepted.setAside.length).toBeGreaterThanOrEqual(baseline.findings.length)

    writeTree(dir, { 'extra/another.jsonl': '{"text": "a second record nobody declared"}\n' })
    ok(await runCli(['scan', dir]))
    // UNDECLARED_FILE is a warning: the default gate (fail-on error) still passes; fail-on warning counts it.
    const after = await runCli(['check', dir, '--format', 'json', '--fail-on', 'warning'])
    expect(after.status, after.stderr).toBe(1)
    expect(json(after).findings.map((f) => [f.code, f.location])).toEqual([['UNDECLARED_FILE', { kind: 'file', path: 'extra/another.jsonl' }]])
    const byDefault = json(ok(await runCli(['check', dir, '--format', 'json'])))
    expect(byDefault.counts).toEqual({ error: 0, warning: 1, info: 0 })
  })
})

describe('tdgov check refuses records it cannot read (exit 2, one line)', () => {
  it('no manifest', async () => {
    const empty = makeTempDir()
    const result = await runCli(['check', empty])
    expect(result.status).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('tdgov scan')])
  })

  it('a version 1 manifest', async () => {
    const dir = copy(demo)
    const file = path.join(dir, '.tdgov', 'manifest.json')
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    expect(manifest.version).toBe(2)
    writeFileSync(file, JSON.stringify({ ...manifest, version: 1 }, null, 2) + '\n')
    const result = await runCli(['check', dir])
    expect(result.status).toBe(2)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(path.join('.tdgov', 'manifest.json'))
    expect(lines[0]).toContain('version 1')
  })

  it('an audit record of version 1', async () => {
    const dir = copy(demo)
    const audits = path.join(dir, '.tdgov', 'audits')
    const current = readdirSync(audits).find((name) => name.endsWith('.json'))!
    const record = JSON.parse(readFileSync(path.join(audits, current), 'utf8')) as Record<string, unknown>
    writeFileSync(path.join(audits, 'old-audit.json'), JSON.stringify({ ...record, id: 'old-audit', tdgov_audit: 1 }, null, 2) + '\n')
    const result = await runCli(['check', dir])
    expect(result.status).toBe(2)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('old-audit.json')
    expect(lines[0]).toContain('version 1')
  })
})

describe('tdgov check: a file name that injects commands', () => {
  let dir: string
  beforeAll(async () => {
    dir = copy(demo)
    mkdirSync(path.join(dir, 'data'), { recursive: true })
    writeFileSync(path.join(dir, 'data', EVIL_NAME), '{"text": "hello"}\n')
    ok(await runCli(['scan', dir]))
  })

  it('is reported as an undeclared file', async () => {
    const report = json(ok(await runCli(['check', dir, '--format', 'json'])))
    expect(report.findings.filter((f) => f.code === 'UNDECLARED_FILE').map((f) => f.location)).toEqual([{ kind: 'file', path: `data/${EVIL_NAME}` }])
  })

  it('--format github writes no workflow command of its own', async () => {
    const result = ok(await runCli(['check', dir, '--format', 'github']))
    const lines = result.stdout.split('\n')
    expect(lines.filter((l) => l.startsWith('::error::pwned'))).toEqual([])
    expect(lines.filter((l) => l.includes('UNDECLARED_FILE'))).toHaveLength(1)
  })

  it.skipIf(!existsSync(JUNIT_XSD) || !HAS_XMLLINT)('--format junit still validates (skipped without the XSD or xmllint)', async () => {
    const out = path.join(makeTempDir(), 'check.xml')
    ok(await runCli(['check', dir, '--format', 'junit', '--out', out]))
    validateJunit(out)
  })

  it.skipIf(!existsSync(SARIF_SCHEMA))('--format sarif still validates (skipped when the SARIF schema is absent)', async () => {
    const out = path.join(makeTempDir(), 'check.sarif')
    ok(await runCli(['check', dir, '--format', 'sarif', '--out', out]))
    validateSarif(out)
  })
})
