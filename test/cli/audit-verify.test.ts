/**
 * `tdgov audit verify` and the record checks of `tdgov audit score`, run with the built CLI on a
 * temp copy of the demo. The demo audit draws 13 of 66 annotations (README); the committed sheet
 * (governance/sentiment-review.csv) is its 13 rows, the first being item 116 by annotator 2; task
 * 102 of the export was labelled by annotator 2 and is not sampled.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Ranker, rankHex, unitKey } from '../../src/audit/sampling/rank.js'
import type { AuditRecord } from '../../src/records/audit-record.js'
import { REPO_ROOT, runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

const ID = 'annotation-282278bae6af'

afterAll(removeTempDirs)

function lines(result: ExecResult): string[] {
  return result.stdout.trimEnd().split('\n')
}

/** A copy of the demo with its audit drawn as the README does; returns the project and the record file. */
async function drawnDemo(): Promise<{ demo: string; record: string; sheet: string }> {
  const demo = path.join(makeTempDir(), 'demo')
  cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), demo, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  const sample = await runCli(['audit', 'sample', path.join(demo, 'annotations', 'label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', path.join(demo, 'tdgov.yaml')])
  expect(sample.status, sample.stderr).toBe(0)
  return { demo, record: path.join(demo, '.tdgov', 'audits', `${ID}.json`), sheet: path.join(demo, 'governance', 'sentiment-review.csv') }
}

function readRecord(file: string): AuditRecord {
  return JSON.parse(readFileSync(file, 'utf8')) as AuditRecord
}

function writeRecord(file: string, record: AuditRecord): void {
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n')
}

describe('tdgov audit verify', () => {
  let demo: string
  let record: string
  let sheet: string
  beforeAll(async () => {
    ;({ demo, record, sheet } = await drawnDemo())
  })

  it('verifies the untouched demo record: plan, n, seed, the fingerprint re-computed and the sample re-drawn identical', async () => {
    const result = await runCli(['audit', 'verify', record])
    expect(result.status, result.stderr).toBe(0)
    const out = lines(result)
    expect(out[1]).toBe('  plan: ISO 2859-1, AQL 6.5, level II: code E, n=13 of 66, Ac=2, Re=3')
    expect(out[2]).toMatch(/^ {2}seed "demo-2024-05": 13 sampled rows; population 66 annotations, fingerprint [0-9a-f]{64}$/)
    expect(out[4]).toMatch(/: 66 annotations, fingerprint [0-9a-f]{64}, identical$/)
    expect(out.at(-2)).toBe('  sample re-drawn from the exports under the seed and plan: identical, 13 of 13 rows')
    expect(out.at(-1)).toBe('VERIFIED: the record is the sample its seed and plan draw from the exports')
  })

  it('without the export still checks the plan, and says why it could not re-draw; --exports finds a copy', async () => {
    const elsewhere = makeTempDir()
    const copy = path.join(elsewhere, 'received.json')
    cpSync(record, copy)
    const alone = await runCli(['audit', 'verify', copy], { cwd: elsewhere })
    expect(alone.status).toBe(1)
    expect(lines(alone)).toContain('  the record against its own plan, strata, seed and fingerprint: consistent')
    expect(lines(alone).at(-1)).toBe(
      'NOT VERIFIED: the record agrees with its plan and seed, but the sample could not be re-drawn: annotations/label-studio-export.json: not found in .; pass --exports DIR with the exports the sample was drawn from',
    )
    const exports = path.join(elsewhere, 'exports')
    mkdirSync(exports)
    cpSync(path.join(demo, 'annotations', 'label-studio-export.json'), path.join(exports, 'label-studio-export.json'))
    const found = await runCli(['audit', 'verify', copy, '--exports', exports], { cwd: elsewhere })
    expect(found.status, found.stdout).toBe(0)
    expect(lines(found).at(-1)).toMatch(/^VERIFIED/)
  })

  it('refuses a record with one sampled item swapped for another export item, ranks re-computed: only the re-draw sees it', async () => {
    const tampered = readRecord(record)
    tampered.sample[0] = { ...tampered.sample[0]!, item_id: '102', annotator: '2', rank: rankHex(new Ranker('demo-2024-05').rank(unitKey('102', '2'))) }
    tampered.sample.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    const file = path.join(demo, '.tdgov', 'audits', 'swapped.json')
    writeRecord(file, tampered)
    const result = await runCli(['audit', 'verify', file])
    expect(result.status).toBe(1)
    expect(lines(result)).toContain('  the record against its own plan, strata, seed and fingerprint: consistent')
    expect(lines(result).at(-1)).toMatch(/^NOT VERIFIED: sample\[\d+\] is item "102" by "2" rank [0-9a-f]{16}, expected no such row \(the re-drawn sample does not hold it\) \(from the re-drawn sample\)$/)
    expect(lines(result)).toContainEqual(expect.stringMatching(/^ {4}sample is without item "116" by "2" rank /))
  })

  it('gives one line and exit 2 for a record that cannot be read, or an --exports that is not a folder', async () => {
    const missing = await runCli(['audit', 'verify', path.join(demo, 'nope.json')])
    expect(missing.status).toBe(2)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toContain('nope.json: cannot read the audit record (ENOENT)')
    const notDir = await runCli(['audit', 'verify', record, '--exports', sheet])
    expect(notDir.status).toBe(2)
    expect(notDir.stderr.trim()).toBe(`tdgov: --exports ${sheet}: not a directory; expected a folder holding the exports the sample was drawn from`)
  })
})

describe('tdgov audit score on a tampered record', () => {
  it('refuses a record cut to 3 of its 13 rows with a sheet cut to match: exit 1, the decision line says why', async () => {
    const { demo, record, sheet } = await drawnDemo()
    const cut = readRecord(record)
    cut.sample = cut.sample.slice(0, 3)
    writeRecord(record, cut)
    const cutSheet = path.join(demo, 'cut.csv')
    writeFileSync(cutSheet, readFileSync(sheet, 'utf8').split('\n').slice(0, 4).join('\n') + '\n')
    const result = await runCli(['audit', 'score', cutSheet, '--record', record, '--config', path.join(demo, 'tdgov.yaml')])
    expect(result.status).toBe(1)
    expect(lines(result)).toContain(
      'NOT ACCEPTED: 2 error findings stand (AUDIT_RECORD_INCONSISTENT); the sample alone would be accepted (ISO 2859-1 code E, n=13, Ac=2, Re=3: 0 defects ≤ Ac 2)',
    )
    expect(lines(result)).toContain(
      `  error   .tdgov/audits/${ID}.json  audit ${ID}: sample.length is 3, but the record's own plan and seed give 13; the record is not the sample tdgov drew [AUDIT_RECORD_INCONSISTENT]`,
    )
    expect(lines(result).some((line) => line.startsWith('ACCEPT'))).toBe(false)
    const verify = await runCli(['audit', 'verify', record])
    expect(verify.status).toBe(1)
    expect(lines(verify).at(-1)).toBe("NOT VERIFIED: sample.length is 3, expected 13 (from the record's own plan and seed)")
    // The gate reads the record again and fails on it too.
    expect((await runCli(['scan', demo])).status).toBe(0)
    const check = await runCli(['check', demo, '--format', 'json'])
    expect(check.status).toBe(1)
    const report = JSON.parse(check.stdout) as { findings: { code: string }[] }
    expect(report.findings.filter((f) => f.code === 'AUDIT_RECORD_INCONSISTENT')).toHaveLength(2)
  })

  it('does not accept beside REVIEWER_IS_ANNOTATOR: exit 1, the decision line names it', async () => {
    const { demo, sheet } = await drawnDemo()
    // Row 1 is item 116 labelled by annotator 2; give it reviewer "2", whom the roster also lists as an annotator only.
    const rows = readFileSync(sheet, 'utf8').split('\n')
    rows[1] = rows[1]!.replace(',rev-chen,', ',2,')
    const selfReviewed = path.join(demo, 'self.csv')
    writeFileSync(selfReviewed, rows.join('\n'))
    const result = await runCli(['audit', 'score', selfReviewed, '--config', path.join(demo, 'tdgov.yaml')])
    expect(result.status).toBe(1)
    expect(lines(result)).toContain('NOT ACCEPTED: 2 error findings stand (REVIEWER_IS_ANNOTATOR); the sample alone would be accepted (ISO 2859-1 code E, n=13, Ac=2, Re=3: 1 defect ≤ Ac 2)')
    const json = await runCli(['audit', 'score', selfReviewed, '--config', path.join(demo, 'tdgov.yaml'), '--json'])
    expect(json.status).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ decision: 'accept', accepted: false, blocking: ['REVIEWER_IS_ANNOTATOR'] })
  })
})

describe('tdgov audit score: sheet bounds', () => {
  it('refuses a sheet past --max-sheet-bytes, and one with more rows than the sample allows, in one line, exit 2', async () => {
    const { demo, record, sheet } = await drawnDemo()
    const small = await runCli(['audit', 'score', sheet, '--config', path.join(demo, 'tdgov.yaml'), '--max-sheet-bytes', '100'])
    expect(small.status).toBe(2)
    expect(small.stderr.trim().split('\n')).toHaveLength(1)
    expect(small.stderr).toMatch(/sentiment-review\.csv: is \d\.\d KB, more than the 100 B a review sheet may have/)
    // 13 sampled rows allow 113; 200 copies of a row are refused before the rows are matched.
    const rows = readFileSync(sheet, 'utf8').split('\n')
    const padded = path.join(demo, 'padded.csv')
    writeFileSync(padded, [rows[0], ...Array.from({ length: 200 }, () => rows[1])].join('\n') + '\n')
    const many = await runCli(['audit', 'score', padded, '--record', record, '--config', path.join(demo, 'tdgov.yaml')])
    expect(many.status).toBe(2)
    expect(many.stderr.trim()).toBe(`tdgov: ${padded}: more than 113 rows; expected the rows of the audit's sample (and at most a few more)`)
  })
})
