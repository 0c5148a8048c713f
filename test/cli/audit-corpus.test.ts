import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../src/records/audit-record.js'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

// Real exports written by other projects; never copied into this repository.
const ANNOTATIONS = path.resolve(REPO_ROOT, '../shared/corpus/annotations')

/** Items per export, as MANIFEST.md counts them (tasks × annotations, images, lines, sentences). */
const EXPECTED_UNITS: Record<string, number> = {
  'label-studio': 2,
  yolo: 7,
  coco: 1,
  cvat: 2,
  voc: 2,
  doccano: 6,
  prodigy: 830,
  conll: 4,
}

describe.skipIf(!existsSync(ANNOTATIONS))('tdgov audit over ../shared/corpus/annotations (skipped: ../shared/corpus absent)', () => {
  afterAll(removeTempDirs)

  it('reads every real export with --format auto, each in its own format, and samples all of them', async () => {
    const dir = makeTempDir()
    writeTree(dir, { 'tdgov.yaml': 'dataset: {name: corpus, intended_use: research}\n' })
    const result = await runCli(
      ['audit', 'sample', ANNOTATIONS, '--ratio', '1', '--seed', 'corpus', '--sheet', path.join(dir, 'all.jsonl'), '--config', path.join(dir, 'tdgov.yaml'), '--json'],
    )
    expect(result.status, result.stderr).toBe(0)
    const summary = JSON.parse(result.stdout) as { id: string; sampled: number; population: { units: number } }
    const total = Object.values(EXPECTED_UNITS).reduce((a, b) => a + b, 0)
    expect(summary.population.units).toBe(total)
    expect(summary.sampled).toBe(total)

    const record = JSON.parse(readFileSync(path.join(dir, '.tdgov', 'audits', `${summary.id}.json`), 'utf8')) as AuditRecord
    const formatOf = new Map(record.inputs.map((input) => [path.basename(input.path), input.format]))
    // every export file is claimed by the adapter its folder is named after
    for (const input of record.inputs) {
      const folder = input.path.split('/').find((part) => part in EXPECTED_UNITS || part === 'pascal-voc')
      expect(input.format, input.path).toBe(folder === 'pascal-voc' ? 'voc' : folder)
    }
    expect(formatOf.has('classes.txt')).toBe(false)
    // The VOC file's <path> holds a home directory: it must appear in no output.
    const sheet = readFileSync(path.join(dir, 'all.jsonl'), 'utf8')
    expect(sheet).not.toContain('/home/andrey')
    expect(JSON.stringify(record)).not.toContain('/home/andrey')
    const rows = sheet.trim().split('\n').map((line) => JSON.parse(line) as { item_id: string; annotator: string; label: string })
    expect(rows.filter((r) => r.label.includes('DOCUMENTATION'))).toHaveLength(830)
    expect(rows.find((r) => r.annotator === 'test@heartex.com')?.label).toBe('Yes " "" \n \t \t а б в \n')
  })
})
