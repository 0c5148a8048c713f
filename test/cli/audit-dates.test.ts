import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../src/records/audit-record.js'
import { runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const epoch = (day: string): string => String(Date.parse(`${day}T00:00:00Z`) / 1000)

/** ann1 trained 12 days before the labelling was audited, rev1 two weeks before; training valid 365 days. */
function project(): string {
  const root = makeTempDir()
  writeTree(root, {
    'tdgov.yaml': `dataset: {name: dated, intended_use: research}
annotators:
  - {id: ann1, role: annotator, affiliation: internal, trained_on: 2024-05-08, assessment: passed}
  - {id: rev1, role: reviewer, affiliation: internal, trained_on: 2024-05-06, assessment: passed}
`,
    'export.jsonl': Array.from({ length: 8 }, (_, i) => JSON.stringify({ item: `i${i}`, annotator: 'ann1', label: i % 2 === 0 ? 'pos' : 'neg' })).join('\n') + '\n',
  })
  return root
}

describe('audit records are judged at the day their sample was drawn', () => {
  it('stores drawn_on (SOURCE_DATE_EPOCH, or --as-of), and re-scoring a year later gives the same findings and scored_on', async () => {
    const root = project()
    const sheet = path.join(root, 'review.jsonl')
    const sampled = await runCli(['audit', 'sample', 'export.jsonl', '--size', '8', '--seed', 's', '--sheet', sheet, '--config', 'tdgov.yaml', '--json'], { cwd: root, env: { SOURCE_DATE_EPOCH: epoch('2024-05-20') } })
    expect(sampled.status, sampled.stderr).toBe(0)
    const recordFile = path.join(root, '.tdgov', 'audits', (JSON.parse(sampled.stdout) as { id: string }).id + '.json')
    const drawn = JSON.parse(readFileSync(recordFile, 'utf8')) as AuditRecord
    expect(drawn.drawn_on).toBe('2024-05-20')
    expect(drawn.findings.map((f) => f.code)).not.toContain('ANNOTATOR_UNTRAINED')

    const rows = readFileSync(sheet, 'utf8').trim().split('\n').map((line) => ({ ...(JSON.parse(line) as Record<string, string>), verdict: 'correct', reviewer: 'rev1' }))
    writeFileSync(sheet, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
    const score = (day: string) => runCli(['audit', 'score', sheet, '--config', 'tdgov.yaml', '--target-accuracy', '0.5', '--json'], { cwd: root, env: { SOURCE_DATE_EPOCH: epoch(day) } })
    const first = await score('2024-05-22')
    expect(first.status, first.stdout + first.stderr).toBe(0)
    const atFirst = JSON.parse(readFileSync(recordFile, 'utf8')) as AuditRecord
    expect(atFirst.result?.scored_on).toBe('2024-05-22')

    // a year and more later (the trainings are then 750 days old): the same sheet scores the same
    const later = await score('2026-06-01')
    expect(later.status, later.stderr).toBe(0)
    const atLater = JSON.parse(readFileSync(recordFile, 'utf8')) as AuditRecord
    expect(atLater.result?.scored_on).toBe('2024-05-22')
    expect(atLater.result?.findings).toEqual(atFirst.result?.findings)
    expect(atLater.findings).toEqual(drawn.findings)
    expect(JSON.stringify(atLater.result?.findings)).not.toContain('ANNOTATOR_UNTRAINED')
    // and the gate, run today (years after the trainings), judges them at the same day
    expect((await runCli(['scan', root])).status).toBe(0)
    const gate = await runCli(['check', root, '--format', 'json', '--fail-on', 'never'])
    expect(gate.status, gate.stderr).toBe(0)
    expect(gate.stdout).toContain('"findings"')
    expect(gate.stdout).not.toContain('ANNOTATOR_UNTRAINED')
  })

  it('judges training at --as-of: a sample drawn after the training lapsed says so, with the age at that day', async () => {
    const root = project()
    const run = await runCli(['audit', 'sample', 'export.jsonl', '--size', '8', '--seed', 's', '--as-of', '2025-05-20', '--config', 'tdgov.yaml', '--json'], { cwd: root })
    expect(run.status, run.stderr).toBe(0)
    const record = JSON.parse(readFileSync(path.join(root, '.tdgov', 'audits', (JSON.parse(run.stdout) as { id: string }).id + '.json'), 'utf8')) as AuditRecord
    expect(record.drawn_on).toBe('2025-05-20')
    // 2024-05-08 to 2025-05-20 is 377 days (2024 a leap year: 23 + 30 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 + 20)
    const untrained = record.findings.find((f) => f.code === 'ANNOTATOR_UNTRAINED')
    expect(untrained?.args).toMatchObject({ annotator: 'ann1', reason: 'lapsed', age: 377, valid: 365 })
  })

  it('refuses an --as-of that is not a calendar date with one line and exit 2', async () => {
    const root = project()
    const run = await runCli(['audit', 'sample', 'export.jsonl', '--size', '8', '--seed', 's', '--as-of', '2025-02-30', '--config', 'tdgov.yaml'], { cwd: root })
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toBe('tdgov: --as-of 2025-02-30: expected a calendar date YYYY-MM-DD')
  })
})
