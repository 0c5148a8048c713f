import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const LABELS = ['cat', 'dog', 'bird']
const SIZE = 20

function ok(result: ExecResult): ExecResult {
  expect(result.status, `tdgov failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

interface ImportTask {
  data: { audit_id: string; item_id: string; annotator: string; label: string; preview: string }
  predictions?: { model_version: string; result: Record<string, unknown>[] }[]
}

/** What a reviewer did with a task, and what the same review is as CSV cells. */
interface Review {
  action: 'keep' | 'change' | 'verdict-incorrect' | 'skip-then-keep' | 'skip' | 'none'
  by: string
}

const REVIEWERS = [
  { id: 3, email: 'rev1@example.org', first_name: 'Ana', last_name: '' },
  { id: 4, email: 'rev2@example.org', first_name: 'Bo', last_name: '' },
]

/**
 * The export Label Studio gives of a project the import file was loaded into: ids assigned on
 * import (1001, 1002, …), each annotation's result holding what the reviewer left selected (the
 * prediction's result copied when kept, as pre-labelling does), completed_by as a user object.
 */
function labelStudioExport(tasks: readonly ImportTask[], reviews: readonly Review[]): unknown[] {
  let annotationId = 500
  return tasks.map((task, i) => {
    const review = reviews[i]!
    const reviewer = REVIEWERS.find((r) => r.email === review.by)!
    const predicted = task.predictions?.[0]?.result ?? []
    const annotation = (result: Record<string, unknown>[], cancelled = false, by = reviewer): Record<string, unknown> => ({
      id: annotationId++,
      completed_by: by,
      result,
      was_cancelled: cancelled,
      ground_truth: false,
      created_at: '2026-12-02T09:00:00.000000Z',
      updated_at: '2026-12-02T09:00:00.000000Z',
      lead_time: 4.5,
      task: 1001 + i,
      parent_prediction: 900 + i,
    })
    const changed = (label: string): Record<string, unknown>[] => [
      { id: 'x1', from_name: 'review_label', to_name: 'preview', type: 'choices', origin: 'manual', value: { choices: [label] } },
      { id: 'x2', from_name: 'error_type', to_name: 'preview', type: 'textarea', origin: 'manual', value: { text: ['wrong-class'] } },
    ]
    const kept = predicted.map((region) => ({ ...region, origin: 'prediction' }))
    const other = LABELS.find((label) => label !== task.data.label)!
    const annotations = {
      keep: () => [annotation(kept)],
      change: () => [annotation(changed(other))],
      'verdict-incorrect': () => [annotation([...kept, { id: 'v', from_name: 'verdict', to_name: 'preview', type: 'choices', origin: 'manual', value: { choices: ['incorrect'] } }])],
      'skip-then-keep': () => [annotation([], true, REVIEWERS[1]!), annotation(kept)],
      skip: () => [annotation([], true)],
      none: () => [],
    }[review.action]()
    return {
      id: 1001 + i,
      data: { ...task.data },
      annotations,
      predictions: (task.predictions ?? []).map((p, j) => ({ id: 900 + i + j, ...p, score: null, task: 1001 + i, project: 3 })),
      drafts: [],
      project: 3,
      created_at: '2026-12-01T10:00:00.000000Z',
      updated_at: '2026-12-02T09:00:00.000000Z',
      inner_id: i + 1,
      total_annotations: annotations.filter((a) => a.was_cancelled !== true).length,
      cancelled_annotations: annotations.filter((a) => a.was_cancelled === true).length,
    }
  })
}

/** The same reviews typed into the CSV sheet of the same sample (cells have no commas or quotes here). */
function fillCsv(file: string, reviews: ReadonlyMap<string, Review>): void {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
  const filled = lines.map((line, i) => {
    if (i === 0 || line === '') return line
    const cells = line.split(',')
    const review = reviews.get(cells[1]!)!
    const other = LABELS.find((label) => label !== cells[3])!
    const [verdict, corrected, errorType] = {
      keep: ['correct', '', ''],
      'skip-then-keep': ['correct', '', ''],
      change: ['incorrect', other, 'wrong-class'],
      'verdict-incorrect': ['incorrect', '', ''],
      skip: ['', '', ''],
      none: ['', '', ''],
    }[review.action]
    cells[5] = verdict!
    cells[6] = corrected!
    cells[7] = errorType!
    cells[8] = verdict === '' ? '' : review.by
    return cells.join(',')
  })
  writeFileSync(file, '\uFEFF' + filled.join('\r\n'))
}

/** What a score must agree on, whichever sheet it read. */
function comparable(result: Record<string, unknown>): Record<string, unknown> {
  const keys = ['reviewed', 'unreviewed', 'defects', 'accuracy', 'wilson', 'clopper_pearson', 'lower_bound', 'decision', 'rule', 'per_class', 'per_annotator', 'confusion', 'error_types', 'cohen_kappa', 'reviewers', 'reviewer_missing', 'corrections', 'accepted']
  return Object.fromEntries(keys.map((key) => [key, result[key]]))
}

describe('Label Studio round trip', () => {
  let dir: string
  let tasks: ImportTask[]
  let lsId: string
  let csvId: string

  beforeAll(async () => {
    dir = makeTempDir()
    const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ item: `img-${String(i).padStart(4, '0')}`, annotator: `ann${i % 4}`, label: LABELS[i % 3], text: `photo ${i}` }))
    writeTree(dir, { 'ann.jsonl': lines.join('\n') + '\n' })
    const ls = JSON.parse(ok(await runCli(['audit', 'sample', 'ann.jsonl', '--size', String(SIZE), '--seed', 'ls-1', '--sheet', 'review.label-studio.json', '--id', 'ls-review', '--json'], { cwd: dir })).stdout) as Record<string, string>
    const csv = JSON.parse(ok(await runCli(['audit', 'sample', 'ann.jsonl', '--size', String(SIZE), '--seed', 'ls-1', '--sheet', 'review.csv', '--id', 'csv-review', '--json'], { cwd: dir })).stdout) as Record<string, string>
    lsId = ls.id!
    csvId = csv.id!
    expect(ls.label_studio_config).toBe('review.label-studio.xml')
    expect(csv.label_studio_config).toBeUndefined()
    tasks = JSON.parse(readFileSync(path.join(dir, 'review.label-studio.json'), 'utf8')) as ImportTask[]
  })

  it('writes the sample as import tasks with a well-formed labelling config, and says which file is which', async () => {
    expect(tasks).toHaveLength(SIZE)
    const csvItems = readFileSync(path.join(dir, 'review.csv'), 'utf8').split('\r\n').slice(1, -1).map((line) => line.split(',')[1])
    expect(tasks.map((task) => task.data.item_id)).toEqual(csvItems)
    for (const task of tasks) {
      expect(task.data.audit_id).toBe(lsId)
      expect(task.predictions![0]!.result[0]).toMatchObject({ from_name: 'review_label', to_name: 'preview', type: 'choices', value: { choices: [task.data.label] } })
    }
    const xmllint = spawnSync('xmllint', ['--noout', path.join(dir, 'review.label-studio.xml')], { encoding: 'utf8' })
    expect(xmllint.status, xmllint.stderr).toBe(0)
    const xml = readFileSync(path.join(dir, 'review.label-studio.xml'), 'utf8')
    // every from_name/to_name the predictions use is a tag of the config
    expect(xml).toContain('<Text name="preview" value="$preview"/>')
    expect(xml).toContain('<Choices name="review_label" toName="preview" choice="single" showInline="true">\n    <Choice value="bird"/>\n    <Choice value="cat"/>\n    <Choice value="dog"/>')
    const text = ok(await runCli(['audit', 'sample', 'ann.jsonl', '--size', String(SIZE), '--seed', 'ls-1', '--sheet', 'again.label-studio.json', '--id', 'ls-again'], { cwd: dir })).stdout
    expect(text).toContain('config again.label-studio.xml  (create a Label Studio project with it as the labelling interface')
    expect(text).toContain('tasks  again.label-studio.json  (then import them into that project')
    expect(text).toContain('next: export the project as JSON, then tdgov audit score EXPORT.json')
  })

  const score = async (sheet: string): Promise<{ status: number | null; result: Record<string, unknown> }> => {
    const run = await runCli(['audit', 'score', sheet, '--json'], { cwd: dir })
    expect(run.stderr).toBe('')
    return { status: run.status, result: JSON.parse(run.stdout) as Record<string, unknown> }
  }

  it('scores a finished review export exactly as the same verdicts in a CSV sheet', async () => {
    // 3 labels changed, 1 marked incorrect with the label kept; a skip later reviewed by another reviewer
    const actions: Review['action'][] = tasks.map((_, i) => (i === 2 || i === 9 || i === 15 ? 'change' : i === 6 ? 'verdict-incorrect' : i === 4 ? 'skip-then-keep' : 'keep'))
    const reviews = actions.map((action, i): Review => ({ action, by: REVIEWERS[i % 2]!.email }))
    writeFileSync(path.join(dir, 'project-3-at-2026-12-03-12-00-1a2b3c4d.json'), JSON.stringify(labelStudioExport(tasks, reviews), null, 2))
    fillCsv(path.join(dir, 'review.csv'), new Map(tasks.map((task, i) => [task.data.item_id, reviews[i]!])))
    const fromLs = await score('project-3-at-2026-12-03-12-00-1a2b3c4d.json')
    const fromCsv = await score('review.csv')
    expect(fromLs.result.id).toBe(lsId)
    expect(fromCsv.result.id).toBe(csvId)
    // 4 defects of 20: accuracy 0.8, and a one-sided Wilson bound far below 0.95: rejected, exit 1
    expect(fromLs.result).toMatchObject({ reviewed: 20, unreviewed: 0, defects: 4, accuracy: 0.8, decision: 'reject', accepted: false })
    expect(fromLs.result.reviewers).toEqual({ 'rev1@example.org': 10, 'rev2@example.org': 10 })
    expect(fromLs.result.error_types).toEqual({ '(unspecified)': 1, 'wrong-class': 3 })
    expect(Object.keys(fromLs.result.per_annotator as object).sort()).toEqual(['ann0', 'ann1', 'ann2', 'ann3'])
    expect(Object.values(fromLs.result.corrections as Record<string, number>).reduce((a, b) => a + b)).toBe(3)
    expect(fromLs.status).toBe(1)
    expect(comparable(fromLs.result)).toEqual(comparable(fromCsv.result))
    expect(fromLs.status).toBe(fromCsv.status)
  })

  it('scores a review half done (a skipped task, one never opened) as the CSV with those verdicts blank', async () => {
    const actions: Review['action'][] = tasks.map((_, i) => (i === 3 ? 'skip' : i === 11 ? 'none' : i === 8 ? 'change' : 'keep'))
    const reviews = actions.map((action, i): Review => ({ action, by: REVIEWERS[i % 2]!.email }))
    writeFileSync(path.join(dir, 'partial.json'), JSON.stringify(labelStudioExport(tasks, reviews)))
    fillCsv(path.join(dir, 'review.csv'), new Map(tasks.map((task, i) => [task.data.item_id, reviews[i]!])))
    const fromLs = await score('partial.json')
    const fromCsv = await score('review.csv')
    expect(fromLs.result).toMatchObject({ reviewed: 18, unreviewed: 2, defects: 1, decision: 'incomplete' })
    expect(comparable(fromLs.result)).toEqual(comparable(fromCsv.result))
    expect([fromLs.status, fromCsv.status]).toEqual([1, 1])
  })

  describe('an export that is not the sample drawn is refused with exit 2 and one line', () => {
    const all = (): Review[] => tasks.map((_, i) => ({ action: 'keep', by: REVIEWERS[i % 2]!.email }))
    const refused = async (name: string, exported: unknown): Promise<string> => {
      writeFileSync(path.join(dir, name), JSON.stringify(exported))
      const run = await runCli(['audit', 'score', name], { cwd: dir })
      expect(run.status).toBe(2)
      expect(run.stdout).toBe('')
      const lines = run.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      return lines[0]!
    }

    it('not a list of tasks', async () => {
      expect(await refused('object.json', { tasks: [] })).toBe('tdgov: object.json: byte 0: expected a JSON array ("[")')
    })

    it('a task of another audit', async () => {
      const exported = labelStudioExport(tasks, all()) as { data: { audit_id: string } }[]
      exported[5]!.data.audit_id = 'someone-else'
      expect(await refused('other.json', exported)).toBe(
        `tdgov: other.json: task 1006: audit_id "someone-else" is not this audit ("${lsId}") (and 1 more problem); expected the ${SIZE} rows of audit ${lsId} as written`,
      )
    })

    it('a task deleted from the project', async () => {
      const exported = labelStudioExport(tasks, all()).filter((_, i) => i !== 7)
      expect(await refused('deleted.json', exported)).toBe(
        `tdgov: deleted.json: item "${tasks[7]!.data.item_id}" by "${tasks[7]!.data.annotator}" is missing from the sheet; expected the ${SIZE} rows of audit ${lsId} as written`,
      )
    })

    it('a task whose label data was edited', async () => {
      const exported = labelStudioExport(tasks, all()) as { data: { label: string } }[]
      const was = exported[2]!.data.label
      exported[2]!.data.label = 'zebra'
      expect(await refused('edited.json', exported)).toBe(
        `tdgov: edited.json: task 1003: label was changed from "${was}" to "zebra"; put corrections in corrected_label; expected the ${SIZE} rows of audit ${lsId} as written`,
      )
    })

    it('a task reviewed twice', async () => {
      const exported = labelStudioExport(tasks, all()) as { annotations: unknown[] }[]
      exported[0]!.annotations.push({ ...(exported[0]!.annotations[0] as object), id: 999, completed_by: REVIEWERS[1] })
      expect(await refused('twice.json', exported)).toBe(
        'tdgov: twice.json: task 1001: 2 submitted reviews (by rev1@example.org, rev2@example.org); expected one per task: cancel or delete the others in Label Studio',
      )
    })
  })
})

describe('Label Studio round trip of a content-safety audit', () => {
  it('offers pass / fail and the safety rules\' risk categories, and scores the export as the same verdicts in a CSV', async () => {
    const dir = makeTempDir()
    writeTree(dir, {
      'tdgov.yaml': [
        'dataset: {name: t, intended_use: research}',
        'sources:',
        '  - {id: web, name: Web, kind: self-collected, paths: ["web.jsonl"]}',
        'labelling_rules:',
        '  - {id: risks, version: "1", kind: safety, labels: [violence, fraud], document: risks.md}',
        '',
      ].join('\n'),
      'risks.md': '# Risks\n',
      'web.jsonl': Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `record number ${i}` })).join('\n') + '\n',
    })
    const sample = (sheet: string, id: string): Promise<ExecResult> =>
      runCli(['audit', 'sample', '--source', 'web', '--size', '10', '--seed', 'c', '--sheet', sheet, '--id', id], { cwd: dir })
    ok(await sample('safety.label-studio.json', 'content-ls'))
    ok(await sample('safety.csv', 'content-csv'))
    const xml = readFileSync(path.join(dir, 'safety.label-studio.xml'), 'utf8')
    expect(spawnSync('xmllint', ['--noout', path.join(dir, 'safety.label-studio.xml')]).status).toBe(0)
    expect(xml).toContain('<Choices name="verdict" toName="preview" choice="single" showInline="true" required="true">\n    <Choice value="pass"/>\n    <Choice value="fail"/>')
    expect(xml).toContain('<Choices name="error_type" toName="preview" choice="single" showInline="true">\n    <Choice value="violence"/>\n    <Choice value="fraud"/>')
    const tasks = JSON.parse(readFileSync(path.join(dir, 'safety.label-studio.json'), 'utf8')) as ImportTask[]
    expect(tasks.every((task) => task.predictions === undefined)).toBe(true)
    // task 3 fails as fraud, the rest pass
    const exported = tasks.map((task, i) => ({
      id: 1 + i,
      data: task.data,
      annotations: [
        {
          id: 50 + i,
          completed_by: REVIEWERS[0],
          was_cancelled: false,
          result: [
            { id: 'v', from_name: 'verdict', to_name: 'preview', type: 'choices', value: { choices: [i === 2 ? 'fail' : 'pass'] } },
            ...(i === 2 ? [{ id: 'e', from_name: 'error_type', to_name: 'preview', type: 'choices', value: { choices: ['fraud'] } }] : []),
          ],
        },
      ],
    }))
    writeFileSync(path.join(dir, 'export.json'), JSON.stringify(exported))
    const csvFile = path.join(dir, 'safety.csv')
    const failed = tasks[2]!.data.item_id
    const lines = readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
    const filled = lines.map((line, i) => {
      if (i === 0 || line === '') return line
      const cells = line.split(',')
      const fail = cells[1] === failed
      return [...cells.slice(0, 5), fail ? 'fail' : 'pass', '', fail ? 'fraud' : '', 'rev1@example.org', ''].join(',')
    })
    writeFileSync(csvFile, '\uFEFF' + filled.join('\r\n'))
    const fromLs = await runCli(['audit', 'score', 'export.json', '--json'], { cwd: dir })
    const fromCsv = await runCli(['audit', 'score', 'safety.csv', '--json'], { cwd: dir })
    const ls = JSON.parse(fromLs.stdout) as Record<string, unknown>
    // 9 of 10 pass: 90% < 96%, and 10% harmful > 5%: the source is rejected
    expect(ls).toMatchObject({ reviewed: 10, defects: 1, accuracy: 0.9, decision: 'reject', error_types: { fraud: 1 }, source_rejected: true })
    expect(comparable(ls)).toEqual(comparable(JSON.parse(fromCsv.stdout) as Record<string, unknown>))
    expect([fromLs.status, fromCsv.status]).toEqual([1, 1])
  })
})
