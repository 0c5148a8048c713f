import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { doccanoAdapter } from '../../../src/formats/annotations/doccano.js'
import { DEFAULT_COLUMNS, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

async function read(name: string, lines: (object | string)[]): Promise<AnnotationItem[]> {
  const dir = makeTempDir()
  writeTree(dir, { [name]: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n' })
  const items: AnnotationItem[] = []
  for await (const item of doccanoAdapter.read(path.join(dir, name), { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

async function readError(name: string, lines: (object | string)[]): Promise<string> {
  const error: unknown = await read(name, lines).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return (error as UserError).message
}

describe('doccano adapter', () => {
  it('reads span labels and category lists, one item per non-blank line', async () => {
    const items = await read('alice.jsonl', [
      { text: 'EU rejects German call.', label: [[0, 2, 'ORG'], [11, 17, 'MISC']] },
      '',
      { id: 42, text: 'Great price.', label: ['positive', 'cheap'] },
      { text: 'Nothing here.', label: [] },
    ])
    expect(items).toEqual([
      { item_id: 'alice.jsonl:1', annotator: 'alice', labels: ['ORG', 'MISC'], source_file: expect.stringMatching(/alice\.jsonl$/), location: 'line 1', preview: 'EU rejects German call.' },
      { item_id: '42', annotator: 'alice', labels: ['positive', 'cheap'], source_file: expect.any(String), location: 'line 3', preview: 'Great price.' },
      { item_id: 'alice.jsonl:4', annotator: 'alice', labels: [], source_file: expect.any(String), location: 'line 4', preview: 'Nothing here.' },
    ])
  })

  it('names nobody for the collaborative all.jsonl export', async () => {
    const items = await read('all.jsonl', [{ text: 'x', label: ['a'] }])
    expect(items[0]!.annotator).toBeNull()
  })

  it('reads the v1.0 format with annotations[].user as the annotator, one item per user of a line', async () => {
    const items = await read('export.jsonl', [
      { id: 1, text: 'Terrible customer service.', annotations: [{ id: 1, label: 1, user: 1 }] },
      { id: 2, text: 'Mixed.', annotations: [{ id: 2, label: 1, user: 1 }, { id: 3, label: 2, user: 2 }, { id: 4, label: 3, user: 1 }] },
      { id: 3, text: 'Nobody.', annotations: [{ id: 5, label: 4 }] },
    ])
    expect(items.map((i) => [i.item_id, i.annotator, i.labels])).toEqual([
      ['1', '1', ['1']],
      ['2', '1', ['1', '3']],
      ['2', '2', ['2']],
      ['3', 'export', ['4']],
    ])
  })

  it('reads entities and cats variants', async () => {
    const items = await read('bo.jsonl', [
      { id: 1, text: 'Anna', entities: [{ id: 5, label: 'PER', start_offset: 0, end_offset: 4 }], relations: [] },
      { text: 'ok', cats: { POS: 0.9, NEG: 0.1, OTHER: true } },
      { text: 'ok', cats: ['A', 'B'] },
    ])
    expect(items.map((i) => i.labels)).toEqual([['PER'], ['POS', 'OTHER'], ['A', 'B']])
  })

  it('names file:line for bad JSON and wrong shapes', async () => {
    expect(await readError('x.jsonl', [{ text: 'a', label: [] }, '{"text": "b", "label": [}'])).toMatch(/x\.jsonl:2: not valid JSON \(.+\); expected one JSON object per line$/)
    expect(await readError('x.jsonl', ['[1, 2]'])).toMatch(/x\.jsonl:1: expected a JSON object, found a list$/)
    expect(await readError('x.jsonl', [{ text: 'a', label: 3 }])).toMatch(/x\.jsonl:1: "label" must be a list of labels or of \[start, end, label\] spans$/)
    expect(await readError('x.jsonl', [{ text: 'a', label: [[0, 1]] }])).toMatch(/x\.jsonl:1: label #1: expected a \[start, end, label\] span$/)
  })

  it('sniffs doccano lines, not Prodigy or generic JSONL', () => {
    expect(doccanoAdapter.sniff('a.jsonl', '{"text": "x", "label": [[0, 1, "A"]]}\n')).toBe(true)
    expect(doccanoAdapter.sniff('a.jsonl', '\n{"id": 1, "text": "x", "annotations": []}\n')).toBe(true)
    expect(doccanoAdapter.sniff('a.jsonl', '{"text": "x", "label": "A", "answer": "accept", "_input_hash": 1}\n')).toBe(false)
    expect(doccanoAdapter.sniff('a.jsonl', '{"item": 1, "text": "x", "label": "A"}\n')).toBe(false)
    expect(doccanoAdapter.sniff('a.jsonl', `{"text": "${'x'.repeat(70000)}`)).toBe(false)
    expect(doccanoAdapter.sniff('a.jsonl', `{"label": [[0, 1, "A"]], "text": "${'x'.repeat(70000)}`)).toBe(true)
  })
})
