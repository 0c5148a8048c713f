/**
 * Record verification over the demo audit: the record against its own plan and seed
 * (recordInconsistencies) and the re-draw from the exports (redrawSample, verifyAuditRecord).
 * Expected values come from outside the code: the 13 rows of the committed review sheet
 * (fixtures/demo/governance/sentiment-review.csv, in sheet order), the README's "13 of 66", and
 * the export itself, where task 102 was labelled by annotator 2 and is not among those rows.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleAudit } from '../../src/audit/sample-audit.js'
import { recordInconsistencies } from '../../src/audit/verify/record-consistency.js'
import { redrawSample } from '../../src/audit/verify/redraw-sample.js'
import { verifyAuditRecord } from '../../src/audit/verify/verify-record.js'
import { Ranker, rankHex, unitKey } from '../../src/audit/sampling/rank.js'
import { readAuditRecord, type AuditRecord } from '../../src/records/audit-record.js'
import { loadConfig } from '../../src/records/load-config.js'
import { DEFAULT_COLUMNS } from '../../src/formats/annotations/item.js'
import { REPO_ROOT } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

const EXPORT = path.join('annotations', 'label-studio-export.json')

/** item_id and annotator of the committed sheet's rows, in order. */
const SHEET_UNITS = readFileSync(path.join(REPO_ROOT, 'fixtures', 'demo', 'governance', 'sentiment-review.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').slice(1, 3).join(' by '))

function copyDemo(): string {
  const demo = path.join(makeTempDir(), 'demo')
  cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), demo, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  return demo
}

async function draw(root: string, stratify: 'label' | null = null): Promise<AuditRecord> {
  const { record } = await sampleAudit({
    root,
    inputs: [path.join(root, EXPORT)],
    source: null,
    format: 'auto',
    adapterOptions: { columns: DEFAULT_COLUMNS },
    plan: { method: 'iso-2859-1', aql: 6.5, level: 'II' },
    seed: 'demo-2024-05',
    stratify,
    rules: null,
    id: stratify === null ? null : 'stratified',
    sheet: null,
    force: true,
    config: loadConfig(root),
    drawnOn: '2025-06-01',
    repeats: 'first',
  })
  return record
}

const clone = (record: AuditRecord): AuditRecord => structuredClone(record)

/** The record with row `i` replaced by another unit, its rank re-computed and the rows re-sorted: consistent with itself. */
function swapped(record: AuditRecord, i: number, itemId: string, annotator: string): AuditRecord {
  const out = clone(record)
  out.sample[i] = { ...out.sample[i]!, item_id: itemId, annotator, rank: rankHex(new Ranker(out.seed).rank(unitKey(itemId, annotator))) }
  out.sample.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
  return out
}

describe('audit record verification', () => {
  let root: string
  let record: AuditRecord
  beforeAll(async () => {
    root = copyDemo()
    record = await draw(root)
  })
  afterAll(removeTempDirs)

  it('finds the untouched demo record consistent, and re-draws it identically from the export', async () => {
    expect(record.sample.map((u) => `${u.item_id} by ${u.annotator}`)).toEqual(SHEET_UNITS)
    expect(record.adapter).toEqual({ columns: { item: 'item', annotator: 'annotator', label: 'label' }, classes: null })
    expect(recordInconsistencies(record)).toEqual([])
    const v = await verifyAuditRecord(record, { root, exportDirs: [], config: null })
    expect(v.verified).toBe(true)
    expect(v.redraw).toMatchObject({ status: 'identical', units: 66, sampled: 13, fingerprint: record.population.fingerprint })
  })

  it('refuses a record cut to 3 of its 13 rows: the plan says 13', async () => {
    const cut = clone(record)
    cut.sample = cut.sample.slice(0, 3)
    expect(recordInconsistencies(cut)).toEqual([{ field: 'sample.length', expected: '13', found: '3' }])
    const v = await verifyAuditRecord(cut, { root, exportDirs: [], config: null })
    expect(v.verified).toBe(false)
    expect(v.redraw.status).toBe('different')
  })

  it('refuses a plan edited to match the cut: ISO 2859-1 gives code E and n=13 for a lot of 66', () => {
    const cut = clone(record)
    cut.sample = cut.sample.slice(0, 3)
    cut.plan.sample_size = 3
    cut.plan.plan_sample_size = 3
    expect(recordInconsistencies(cut)).toEqual([
      { field: 'plan.plan_sample_size', expected: '13', found: '3' },
      { field: 'plan.sample_size', expected: '13', found: '3' },
    ])
  })

  it('catches a swapped item id by its rank, and a re-ranked swap only by the re-draw', async () => {
    const plain = clone(record)
    plain.sample[4] = { ...plain.sample[4]!, item_id: '102', annotator: '2' }
    const diffs = recordInconsistencies(plain)
    expect(diffs.map((d) => d.field)).toEqual(['sample[4].rank'])

    const reranked = swapped(record, 0, '102', '2')
    expect(recordInconsistencies(reranked)).toEqual([])
    const redraw = await redrawSample(reranked, { root, exportDirs: [], config: null })
    expect(redraw.status).toBe('different')
    if (redraw.status !== 'different') return
    // 116 by 2 is the sheet's first row, the one swapped out.
    expect(redraw.differences.map((d) => d.found)).toEqual([expect.stringMatching(/^item "102" by "2" rank [0-9a-f]{16}$/), expect.stringMatching(/^without item "116" by "2" rank /)])
  })

  it('catches strata whose sampled counts were moved', async () => {
    const stratified = await draw(root, 'label')
    expect(recordInconsistencies(stratified)).toEqual([])
    expect(stratified.population.strata).toMatchObject({ negative: { units: 21 }, neutral: { units: 22 }, positive: { units: 23 } })
    const moved = clone(stratified)
    moved.population.strata!.negative!.sampled += 1
    moved.population.strata!.positive!.sampled -= 1
    expect(recordInconsistencies(moved).map((d) => d.field)).toEqual([
      'population.strata.negative.sampled',
      'sample (stratum negative)',
      'population.strata.positive.sampled',
      'sample (stratum positive)',
    ])
  })

  it('requires the population fingerprint and the rank method', () => {
    const blank = clone(record)
    blank.population.fingerprint = ''
    blank.rank_method = 'random'
    expect(recordInconsistencies(blank)).toEqual([
      { field: 'population.fingerprint', expected: 'a sha256 (64 hex digits)', found: '(empty)' },
      { field: 'rank_method', expected: record.rank_method, found: 'random' },
    ])
  })

  it('says why it cannot re-draw without the export, or from a changed one, and still checks the plan', async () => {
    const elsewhere = makeTempDir()
    const absent = await verifyAuditRecord(record, { root: elsewhere, exportDirs: [], config: null })
    expect(absent.consistency).toEqual([])
    expect(absent.verified).toBe(false)
    expect(absent.redraw).toEqual({ status: 'not-possible', reason: `annotations/label-studio-export.json: not found in ${elsewhere}; pass --exports DIR with the exports the sample was drawn from` })

    // A copy of the export in another folder, found by its file name.
    cpSync(path.join(root, EXPORT), path.join(elsewhere, 'label-studio-export.json'))
    expect((await redrawSample(record, { root: makeTempDir(), exportDirs: [elsewhere], config: null })).status).toBe('identical')
    appendFileSync(path.join(elsewhere, 'label-studio-export.json'), '\n')
    const changed = await redrawSample(record, { root: makeTempDir(), exportDirs: [elsewhere], config: null })
    expect(changed.status).toBe('not-possible')
    expect(changed.status === 'not-possible' && changed.reason).toMatch(/bytes, the record 70317 \(the export changed since the sample was drawn\)$/)
  })

  it('reads a version 3 record (no drawn_on, no repeats) as drawn on an unknown day, its repeats not looked for', () => {
    const file = path.join(makeTempDir(), 'v3.json')
    const v3: Record<string, unknown> = { ...record, tdgov_audit: 3 }
    delete v3.drawn_on
    delete v3.repeats
    writeFileSync(file, JSON.stringify(v3, null, 2))
    const old = readAuditRecord(file)
    expect(old).toEqual({ ...record, drawn_on: null, repeats: null })
  })

  it('reads a version 2 record (no adapter) and re-draws a Label Studio export from it', async () => {
    const file = path.join(makeTempDir(), 'v2.json')
    const v2: Record<string, unknown> = { ...record, tdgov_audit: 2 }
    delete v2.adapter
    delete v2.drawn_on
    delete v2.repeats
    writeFileSync(file, JSON.stringify(v2, null, 2))
    const old = readAuditRecord(file)
    expect(old.tdgov_audit).toBe(4)
    expect(old.adapter).toBeNull()
    expect(old.drawn_on).toBeNull()
    expect((await redrawSample(old, { root, exportDirs: [], config: null })).status).toBe('identical')
    // A generic JSONL export needs the column names, which version 2 did not store.
    const generic = { ...old, inputs: old.inputs.map((i) => ({ ...i, format: 'jsonl' })) }
    expect(await redrawSample(generic, { root, exportDirs: [], config: null })).toEqual({
      status: 'not-possible',
      reason: 'annotations/label-studio-export.json: read as jsonl, whose column names or classes file a version 2 record does not store; draw the sample again to record them',
    })
  })
})
