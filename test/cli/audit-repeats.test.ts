import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../src/records/audit-record.js'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

interface Line {
  item: string
  annotator: string
  label: string
}

/**
 * 300 items labelled by ann0 and ann1 (600 units), then 40 of those units again: 35 once more and
 * 5 twice more (45 copies), 15 of the 40 with a different label in a copy. Also the same export with
 * only the first, and only the last, copy of each unit: what the policies must be equivalent to.
 */
function exportWithRepeats(): { lines: Line[]; firstOnly: Line[]; lastOnly: Line[] } {
  const labels = ['cat', 'dog', 'bird']
  const base: Line[] = []
  for (let i = 0; i < 300; i++) {
    for (const annotator of ['ann0', 'ann1']) base.push({ item: `t${i}`, annotator, label: labels[(i + (annotator === 'ann1' && i % 5 === 0 ? 1 : 0)) % 3]! })
  }
  const copies: Line[] = []
  for (let k = 0; k < 40; k++) {
    const unit = base[k * 13]!
    const times = k < 5 ? 2 : 1
    for (let t = 0; t < times; t++) copies.push({ ...unit, label: k % 8 < 3 && t === times - 1 ? 'fish' : unit.label })
  }
  // Copies are spread through the file, not only at its end.
  const lines = [...base.slice(0, 250), ...copies.slice(0, 20), ...base.slice(250), ...copies.slice(20)]
  const key = (l: Line): string => `${l.item}\u0000${l.annotator}`
  const firstOnly: Line[] = []
  const seen = new Set<string>()
  for (const l of lines) {
    if (seen.has(key(l))) continue
    seen.add(key(l))
    firstOnly.push(l)
  }
  const last = new Map<string, Line>()
  for (const l of lines) last.set(key(l), l)
  // The last copy, at the place of the unit's first copy: the reading order of the units is the same.
  const lastOnly = firstOnly.map((l) => last.get(key(l))!)
  return { lines, firstOnly, lastOnly }
}

const jsonl = (lines: readonly Line[]): string => lines.map((l) => JSON.stringify(l)).join('\n') + '\n'

function project(): string {
  const root = makeTempDir()
  const { lines, firstOnly, lastOnly } = exportWithRepeats()
  writeTree(root, { 'export.jsonl': jsonl(lines), 'first-only.jsonl': jsonl(firstOnly), 'last-only.jsonl': jsonl(lastOnly) })
  return root
}

/** Runs the commands a few at a time: each is a process of its own. */
async function runAll(commands: readonly string[][], cwd: string): Promise<ExecResult[]> {
  const results: ExecResult[] = new Array(commands.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < commands.length) {
      const i = next++
      results[i] = await runCli(commands[i]!, { cwd })
    }
  }
  await Promise.all([worker(), worker(), worker()])
  return results
}

const SEEDS = Array.from({ length: 20 }, (_, i) => `seed-${i}`)
const SIZES = ['10', '50', '200']

const record = (root: string, id: string): AuditRecord => JSON.parse(readFileSync(path.join(root, '.tdgov', 'audits', `${id}.json`), 'utf8')) as AuditRecord
const rows = (r: AuditRecord): string[] => r.sample.map((u) => `${u.item_id} ${u.annotator} ${u.label} ${u.rank}`)

describe('repeated units are found exactly and resolved by one rule in every audit command', () => {
  const root = project()

  it('audit sample: the same population, repeat report and decision for 20 seeds and three sizes', async () => {
    const cases = SEEDS.flatMap((seed) => SIZES.map((size) => ({ seed, size, id: `${seed}-${size}` })))
    const results = await runAll(
      cases.map(({ seed, size, id }) => ['audit', 'sample', 'export.jsonl', '--seed', seed, '--size', size, '--id', id, '--json']),
      root,
    )
    const expected = {
      policy: 'first',
      units: 40,
      copies: 45,
      differing: 15,
    }
    const fingerprints = new Set<string>()
    for (const [i, result] of results.entries()) {
      expect(result.status, result.stderr).toBe(0)
      const r = record(root, cases[i]!.id)
      expect(r.population.units).toBe(600)
      expect(r.repeats).toMatchObject(expected)
      expect(r.repeats!.examples[0]).toEqual({ item_id: 't0', annotator: 'ann0', occurrences: 3, labels_differ: true, places: ['export.jsonl: line 1', 'export.jsonl: line 251', 'export.jsonl: line 252'] })
      expect(r.findings.filter((f) => f.code === 'AUDIT_UNITS_REPEATED')).toHaveLength(1)
      fingerprints.add(r.population.fingerprint)
      expect(new Set(r.sample.map((u) => `${u.item_id} ${u.annotator}`)).size).toBe(r.sample.length)
    }
    expect(fingerprints.size).toBe(1)
    // The same repeat report in every record, places included.
    const reports = new Set(cases.map(({ id }) => JSON.stringify(record(root, id).repeats)))
    expect(reports.size).toBe(1)
  }, 240_000)

  it('--repeats first and last draw what the export with only that copy of each unit draws; refuse exits 2 with one line whatever the seed and size', async () => {
    const commands: string[][] = []
    for (const seed of SEEDS.slice(0, 3)) {
      for (const size of SIZES) {
        for (const policy of ['first', 'last'] as const) {
          commands.push(['audit', 'sample', 'export.jsonl', '--seed', seed, '--size', size, '--repeats', policy, '--id', `${policy}-${seed}-${size}`])
          commands.push(['audit', 'sample', `${policy}-only.jsonl`, '--seed', seed, '--size', size, '--id', `${policy}-only-${seed}-${size}`])
        }
      }
    }
    const refuse = (seed: string, size: string): string[] => ['audit', 'sample', 'export.jsonl', '--seed', seed, '--size', size, '--repeats', 'refuse', '--id', `refuse-${seed}-${size}`]
    const refusals = [...SEEDS.map((seed) => refuse(seed, '10')), refuse('seed-0', '50'), refuse('seed-0', '200')]
    const results = await runAll([...commands, ...refusals], root)
    for (const result of results.slice(0, commands.length)) expect(result.status, result.stderr).toBe(0)
    for (const seed of SEEDS.slice(0, 3)) {
      for (const size of SIZES) {
        for (const policy of ['first', 'last'] as const) {
          const resolved = record(root, `${policy}-${seed}-${size}`)
          const clean = record(root, `${policy}-only-${seed}-${size}`)
          expect(resolved.population.fingerprint).toBe(clean.population.fingerprint)
          expect(rows(resolved)).toEqual(rows(clean))
          expect(resolved.repeats).toMatchObject({ policy, units: 40, copies: 45, differing: 15 })
          expect(clean.repeats).toMatchObject({ policy: 'first', units: 0, copies: 0 })
        }
        // The policies differ where the copies' labels differ.
        expect(record(root, `first-${seed}-${size}`).population.fingerprint).not.toBe(record(root, `last-${seed}-${size}`).population.fingerprint)
      }
    }
    const refused = results.slice(commands.length)
    const lines = new Set(refused.map((r) => r.stderr))
    for (const r of refused) expect(r.status).toBe(2)
    expect(lines.size).toBe(1)
    expect([...lines][0]).toBe(
      'tdgov: export.jsonl: line 1: item "t0" by annotator "ann0" appears 3 times (also export.jsonl: line 251, export.jsonl: line 252); 40 repeated units in all (15 with different labels); expected each (item, annotator) once, or pass --repeats first or --repeats last to keep one copy of each\n',
    )
  }, 240_000)

  it('audit agreement resolves and reports them the same way', async () => {
    const [first, firstOnly, last, lastOnly, refused, sampled] = await runAll(
      [
        ['audit', 'agreement', 'export.jsonl', '--json'],
        ['audit', 'agreement', 'first-only.jsonl', '--json'],
        ['audit', 'agreement', 'export.jsonl', '--repeats', 'last', '--json'],
        ['audit', 'agreement', 'last-only.jsonl', '--json'],
        ['audit', 'agreement', 'export.jsonl', '--repeats', 'refuse'],
        ['audit', 'sample', 'export.jsonl', '--seed', 'seed-0', '--size', '10', '--repeats', 'refuse'],
      ],
      root,
    )
    const measures = (r: ExecResult): Record<string, unknown> => {
      const measured = JSON.parse(r.stdout) as Record<string, unknown>
      delete measured.repeats
      return measured
    }
    expect(first!.status, first!.stderr).toBe(0)
    expect(measures(first!)).toEqual(measures(firstOnly!))
    expect(measures(last!)).toEqual(measures(lastOnly!))
    expect(measures(first!)).not.toEqual(measures(last!))
    const report = (JSON.parse(first!.stdout) as { repeats: unknown }).repeats
    expect(report).toEqual(record(root, 'seed-0-10').repeats)
    expect(refused!.status).toBe(2)
    expect(refused!.stderr).toBe(sampled!.stderr)

    const text = await runCli(['audit', 'agreement', 'export.jsonl'], { cwd: root })
    expect(text.stdout).toContain('warning export.jsonl:1  40 units (item, annotator) appear more than once in the exports (45 extra copies, 15 units with different labels); the population keeps the first copy of each (--repeats first)')
  }, 120_000)

  it('audit verify re-draws under the recorded policy', async () => {
    const result = await runCli(['audit', 'verify', path.join('.tdgov', 'audits', 'last-seed-0-50.json')], { cwd: root })
    expect(result.status, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toContain('VERIFIED')
  }, 60_000)

  it('audit score says how the population was resolved, in the same words', async () => {
    const sheet = path.join(root, 'review.jsonl')
    const sampled = await runCli(['audit', 'sample', 'export.jsonl', '--seed', 'score', '--size', '10', '--sheet', sheet], { cwd: root })
    expect(sampled.status, sampled.stderr).toBe(0)
    const rows = readFileSync(sheet, 'utf8').trim().split('\n').map((line) => ({ ...(JSON.parse(line) as Record<string, string>), verdict: 'correct', reviewer: 'rev' }))
    writeFileSync(sheet, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
    const result = await runCli(['audit', 'score', sheet, '--target-accuracy', '0.5'], { cwd: root })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain('  population: 40 units (item, annotator) appear more than once in the exports (45 extra copies, 15 units with different labels); the population keeps the first copy of each (--repeats first)')
  }, 60_000)
})
