import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readSheet } from '../../../src/audit/sheets/read-sheet.js'
import { sheetFormatToRead } from '../../../src/audit/sheets/sheet-format.js'
import type { SheetRow } from '../../../src/audit/sheets/sheet-row.js'
import { sheetFormatOf, writeSheet } from '../../../src/audit/sheets/write-sheet.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'
import { BLANK_ROW, NASTY_ROWS } from './nasty-rows.js'

afterEach(() => removeTempDirs())

const annotation = { kind: 'annotation' as const, force: false }

function row(item: string, annotator: string, label: string, preview = `text of ${item}`): SheetRow {
  return { ...BLANK_ROW, audit_id: 'a1', item_id: item, annotator, label, preview }
}

/** xmllint's verdict on a file: '' when it is well-formed XML, else its complaint. */
function xmlProblems(file: string): string {
  const result = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' })
  return result.status === 0 ? '' : result.stderr || `xmllint exited ${result.status}`
}

describe('sheet format of a Label Studio file', () => {
  it('writes .label-studio.json in any case, and reads any .json as a Label Studio export', () => {
    expect(sheetFormatOf('review.label-studio.json')).toBe('label-studio')
    expect(sheetFormatOf('out/REVIEW.Label-Studio.JSON')).toBe('label-studio')
    expect(() => sheetFormatOf('review.json')).toThrow(new UserError('review.json: expected a sheet ending in .csv, .jsonl, .xlsx or .label-studio.json'))
    expect(sheetFormatToRead('project-3-at-2026-12-03-12-00-1a2b3c4d.json')).toBe('label-studio')
    expect(sheetFormatToRead('review.jsonl')).toBe('jsonl')
  })
})

describe('writeSheet label-studio', () => {
  it('writes one task per row with the annotator labels as a prediction, and the config beside it', async () => {
    const dir = makeTempDir()
    const file = path.join(dir, 'review.label-studio.json')
    await writeSheet(file, [row('t1', 'ann1', 'cat'), row('t2', 'ann2', 'dog ×2; cat'), row('t3', '', '')], { ...annotation, labels: ['dog', 'cat', 'fish'] })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      {
        data: { audit_id: 'a1', item_id: 't1', annotator: 'ann1', label: 'cat', preview: 'text of t1' },
        predictions: [
          { model_version: 'annotator ann1', result: [{ id: 'annotator-labels', from_name: 'review_label', to_name: 'preview', type: 'choices', value: { choices: ['cat'] } }] },
        ],
      },
      {
        data: { audit_id: 'a1', item_id: 't2', annotator: 'ann2', label: 'dog ×2; cat', preview: 'text of t2' },
        predictions: [
          { model_version: 'annotator ann2', result: [{ id: 'annotator-labels', from_name: 'review_label', to_name: 'preview', type: 'choices', value: { choices: ['dog', 'cat'] } }] },
        ],
      },
      // nothing to predict for an item without labels
      { data: { audit_id: 'a1', item_id: 't3', annotator: '', label: '', preview: 'text of t3' } },
    ])
    const config = path.join(dir, 'review.label-studio.xml')
    expect(xmlProblems(config)).toBe('')
    const xml = readFileSync(config, 'utf8')
    // the rules' labels in their order; an item with two labels makes the choice multiple
    expect(xml).toContain(
      '<Choices name="review_label" toName="preview" choice="multiple" showInline="true">\n    <Choice value="dog"/>\n    <Choice value="cat"/>\n    <Choice value="fish"/>\n  </Choices>',
    )
    expect(xml).toContain('<Text name="preview" value="$preview"/>')
    expect(xml).toContain('<Choices name="verdict" toName="preview" choice="single" showInline="true">\n    <Choice value="correct"/>\n    <Choice value="incorrect"/>\n  </Choices>')
    expect(xml).toContain('<TextArea name="error_type" toName="preview"')
    expect(xml).toContain('<TextArea name="note" toName="preview"')
  })

  it('offers labels only the sample has after the rules\' ones, sorted, and a single choice when no item has two', async () => {
    const dir = makeTempDir()
    await writeSheet(path.join(dir, 'r.label-studio.json'), [row('t1', 'a', 'zebra'), row('t2', 'a', 'ant'), row('t3', 'a', 'cat')], { ...annotation, labels: ['cat'] })
    const xml = readFileSync(path.join(dir, 'r.label-studio.xml'), 'utf8')
    expect(xml).toContain('choice="single" showInline="true">\n    <Choice value="cat"/>\n    <Choice value="ant"/>\n    <Choice value="zebra"/>\n  </Choices>')
  })

  it('escapes labels for XML: the config stays well-formed and the choice is the label exactly', async () => {
    const dir = makeTempDir()
    const labels = ['a & b', '<tag>', 'say "hi"', "it's", 'tab\there']
    await writeSheet(path.join(dir, 'r.label-studio.json'), labels.map((label, i) => row(`t${i}`, 'a', label)), annotation)
    const config = path.join(dir, 'r.label-studio.xml')
    expect(xmlProblems(config)).toBe('')
    const xml = readFileSync(config, 'utf8')
    expect(xml).toContain('<Choice value="a &amp; b"/>')
    expect(xml).toContain('<Choice value="&lt;tag&gt;"/>')
    expect(xml).toContain('<Choice value="say &quot;hi&quot;"/>')
    expect(xml).toContain('<Choice value="tab&#9;here"/>')
  })

  it('writes a content audit as a required pass/fail verdict with the risk categories, and no prediction', async () => {
    const dir = makeTempDir()
    const file = path.join(dir, 'safety.label-studio.json')
    await writeSheet(file, [row('rec-1', '', '', 'some web text')], { kind: 'content', force: false, labels: ['violence', 'privacy'] })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([{ data: { audit_id: 'a1', item_id: 'rec-1', annotator: '', label: '', preview: 'some web text' } }])
    const config = path.join(dir, 'safety.label-studio.xml')
    expect(xmlProblems(config)).toBe('')
    const xml = readFileSync(config, 'utf8')
    expect(xml).not.toContain('review_label')
    expect(xml).toContain('<Choices name="verdict" toName="preview" choice="single" showInline="true" required="true">\n    <Choice value="pass"/>\n    <Choice value="fail"/>\n  </Choices>')
    expect(xml).toContain('<Choices name="error_type" toName="preview" choice="single" showInline="true">\n    <Choice value="violence"/>\n    <Choice value="privacy"/>\n  </Choices>')
  })

  it('writes a well-formed config for the nasty rows, and reads their cells back from the import file', async () => {
    const dir = makeTempDir()
    const file = path.join(dir, 'nasty.label-studio.json')
    await writeSheet(file, NASTY_ROWS, annotation)
    expect(xmlProblems(path.join(dir, 'nasty.label-studio.xml'))).toBe('')
    // the import file itself reads as a sheet nobody has reviewed yet
    const rows = await readSheet(file)
    expect(rows.map((read) => read.cells)).toEqual(NASTY_ROWS.map((r) => ({ ...BLANK_ROW, audit_id: r.audit_id, item_id: r.item_id, annotator: r.annotator, label: r.label, preview: r.preview })))
    expect(rows.map((read) => [read.row, read.place])).toEqual(NASTY_ROWS.map((_, i) => [i + 1, `task #${i + 1}`]))
  })

  it('refuses a label XML cannot hold', async () => {
    const file = path.join(makeTempDir(), 'r.label-studio.json')
    await expect(writeSheet(file, [row('t1', 'a', 'bell\u0007')], annotation)).rejects.toThrow(
      new UserError('label "bell\\u0007" has a control character, which a Label Studio labelling config (XML) cannot hold; write the sheet as .csv, .jsonl or .xlsx'),
    )
    expect(existsSync(file)).toBe(false)
  })

  it('replaces neither file when the config exists, without --force', async () => {
    const dir = makeTempDir()
    const file = path.join(dir, 'r.label-studio.json')
    const config = path.join(dir, 'r.label-studio.xml')
    writeFileSync(config, 'mine')
    await expect(writeSheet(file, [row('t1', 'a', 'cat')], annotation)).rejects.toThrow(new UserError(`${config} already exists; pass --force to replace it`))
    expect(existsSync(file)).toBe(false)
    expect(readFileSync(config, 'utf8')).toBe('mine')
    await writeSheet(file, [row('t1', 'a', 'cat')], { ...annotation, force: true })
    expect(readFileSync(config, 'utf8')).toContain('<View>')
  })
})

/** A task of a review project's export, as Label Studio writes it. */
function task(id: number, data: Record<string, unknown>, ...annotations: Record<string, unknown>[]): Record<string, unknown> {
  return { id, data, annotations, predictions: [], drafts: [], project: 3, created_at: '2026-12-01T10:00:00.000000Z', updated_at: '2026-12-01T11:00:00.000000Z' }
}

let annotationId = 100
function review(by: unknown, result: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: annotationId++, completed_by: by, result, was_cancelled: false, ground_truth: false, lead_time: 3.2, created_at: '2026-12-02T09:00:00Z', updated_at: '2026-12-02T09:00:00Z', ...extra }
}

function choices(from: string, values: string[]): Record<string, unknown> {
  return { id: `r-${from}`, from_name: from, to_name: 'preview', type: 'choices', origin: 'manual', value: { choices: values } }
}

function text(from: string, values: string[]): Record<string, unknown> {
  return { id: `r-${from}`, from_name: from, to_name: 'preview', type: 'textarea', origin: 'manual', value: { text: values } }
}

const data = (item: string, label: string, annotator = 'ann1'): Record<string, unknown> => ({ audit_id: 'a1', item_id: item, annotator, label, preview: `text of ${item}` })
const rev = { id: 7, email: 'rev@example.org', first_name: '', last_name: '' }

function exportFile(tasks: unknown): string {
  const file = path.join(makeTempDir(), 'project-3-at-2026-12-03-12-00-1a2b3c4d.json')
  writeFileSync(file, JSON.stringify(tasks, null, 2))
  return file
}

describe('readSheet label-studio export', () => {
  it('reads each task as a sheet row: kept labels correct, changed labels incorrect with the correction, a verdict as given', async () => {
    const file = exportFile([
      task(11, data('t1', 'cat'), review(rev, [choices('review_label', ['cat'])])),
      task(12, data('t2', 'cat'), review(rev, [choices('review_label', ['dog']), text('error_type', ['wrong-class']), text('note', ['looks like a dog', 'tail'])])),
      // kept in another order: the same labels
      task(13, data('t3', 'cat ×2; dog'), review(7, [choices('review_label', ['dog', 'cat'])])),
      // an explicit verdict wins: incorrect with the labels kept, correct with them changed
      task(14, data('t4', 'cat'), review({ id: 8 }, [choices('review_label', ['cat']), choices('verdict', ['incorrect']), text('error_type', ['box too loose'])])),
      task(15, data('t5', 'cat'), review(rev, [choices('review_label', ['cat', 'dog']), choices('verdict', ['correct'])])),
      // skipped, and never opened: not reviewed yet
      task(16, data('t6', 'cat'), review(rev, [], { was_cancelled: true })),
      task(17, data('t7', 'cat')),
      // controls the project added are ignored
      task(18, data('t8', 'dog'), review(rev, [choices('review_label', ['dog']), choices('mood', ['sad'])])),
    ])
    const rows = await readSheet(file)
    const base = (item: string, label: string): SheetRow => ({ ...BLANK_ROW, audit_id: 'a1', item_id: item, annotator: 'ann1', label, preview: `text of ${item}` })
    expect(rows).toEqual([
      { row: 1, place: 'task 11', cells: { ...base('t1', 'cat'), verdict: 'correct', reviewer: 'rev@example.org' } },
      {
        row: 2,
        place: 'task 12',
        cells: { ...base('t2', 'cat'), verdict: 'incorrect', corrected_label: 'dog', error_type: 'wrong-class', reviewer: 'rev@example.org', note: 'looks like a dog\ntail' },
      },
      { row: 3, place: 'task 13', cells: { ...base('t3', 'cat ×2; dog'), verdict: 'correct', reviewer: '7' } },
      { row: 4, place: 'task 14', cells: { ...base('t4', 'cat'), verdict: 'incorrect', error_type: 'box too loose', reviewer: '8' } },
      { row: 5, place: 'task 15', cells: { ...base('t5', 'cat'), verdict: 'correct', corrected_label: 'cat; dog', reviewer: 'rev@example.org' } },
      { row: 6, place: 'task 16', cells: base('t6', 'cat') },
      { row: 7, place: 'task 17', cells: base('t7', 'cat') },
      { row: 8, place: 'task 18', cells: { ...base('t8', 'dog'), verdict: 'correct', reviewer: 'rev@example.org' } },
    ])
  })

  it('reads a content review: the verdict and risk category as chosen', async () => {
    const file = exportFile([
      task(1, data('rec-1', '', ''), review(rev, [choices('verdict', ['fail']), choices('error_type', ['privacy'])])),
      task(2, data('rec-2', '', ''), review(rev, [choices('verdict', ['pass'])])),
      task(3, data('rec-3', '', ''), review(rev, [])),
    ])
    expect((await readSheet(file)).map((r) => [r.cells.verdict, r.cells.error_type, r.cells.reviewer])).toEqual([
      ['fail', 'privacy', 'rev@example.org'],
      ['pass', '', 'rev@example.org'],
      ['', '', 'rev@example.org'],
    ])
  })

  it.each([
    ['a task with two submitted reviews', [task(21, data('t1', 'cat'), review(rev, []), review({ id: 9, email: 'b@example.org' }, []), review(rev, [], { was_cancelled: true }))], 'task 21: 2 submitted reviews (by rev@example.org, b@example.org); expected one per task: cancel or delete the others in Label Studio'],
    ['a review that drops the predicted labels without a verdict', [task(22, data('t1', 'cat'), review(rev, [text('note', ['hm'])]))], 'task 22: the review keeps none of the labels and gives no verdict; expected the predicted labels kept or changed, or a verdict (is "use predictions to prelabel tasks" off in the project\'s settings?)'],
    ['a task without the data tdgov wrote', [task(23, { text: 'hello' })], 'task 23: "data" has no "audit_id"; expected the fields tdgov wrote (audit_id, item_id, annotator, label, preview)'],
    ['a data field that is not text', [task(24, { ...data('t1', 'cat'), label: ['cat'] })], 'task 24: "data.label" is a list; expected the text tdgov wrote'],
    ['a JSON-MIN export', [{ id: 25, audit_id: 'a1', item_id: 't1', annotator: 'rev@example.org', annotation_id: 3, review_label: 'cat' }], 'task 25: this is a JSON-MIN export; export the review project as JSON (the full format)'],
    ['a list that holds no tasks', [[1, 2]], 'task #1: expected a task object, found a list'],
    ['annotations that are not a list', [{ id: 26, data: data('t1', 'cat'), annotations: {} }], 'task 26: expected "annotations" to be a list, found an object'],
  ])('refuses %s with one line naming the task', async (_what, tasks, message) => {
    const file = exportFile(tasks)
    await expect(readSheet(file)).rejects.toThrow(new UserError(`${file}: ${message}`))
  })

  it('refuses a file that is not a JSON array', async () => {
    const file = exportFile({ tasks: [] })
    await expect(readSheet(file)).rejects.toThrow(new UserError(`${file}: byte 0: expected a JSON array ("[")`))
  })

  it('stops at a task larger than a row may be, and past the row limit', async () => {
    const big = exportFile([task(1, data('t1', 'cat')), task(2, { ...data('t2', 'cat'), preview: 'x'.repeat(5000) })])
    await expect(readSheet(big, { maxBytes: 1 << 20, maxRowBytes: 4096, maxRows: null })).rejects.toThrow(
      // the second task starts where the second top-level "{" of the pretty-printed array is
      new UserError(`${big}: task #2 (byte ${readFileSync(big, 'utf8').indexOf('\n  {', 2) + 3}): longer than a review sheet row may be (4096 bytes)`),
    )
    // a task across many 1 MiB chunks is refused once a chunk takes it past the limit
    const huge = exportFile([task(1, { ...data('t1', 'cat'), preview: 'x'.repeat(5 << 20) })])
    await expect(readSheet(huge)).rejects.toThrow(new UserError(`${huge}: task #1 (byte 4): longer than a review sheet row may be (1 MiB)`))
    const many = exportFile([1, 2, 3].map((i) => task(i, data(`t${i}`, 'cat'))))
    await expect(readSheet(many, { maxBytes: 1 << 20, maxRowBytes: 1 << 20, maxRows: 2 })).rejects.toThrow(
      new UserError(`${many}: more than 2 rows; expected the rows of the audit's sample (and at most a few more)`),
    )
  })
})
