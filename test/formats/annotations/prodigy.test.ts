import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prodigyAdapter } from '../../../src/formats/annotations/prodigy.js'
import { DEFAULT_COLUMNS, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

async function read(name: string, content: string): Promise<AnnotationItem[]> {
  const dir = makeTempDir()
  writeTree(dir, { [name]: content })
  const items: AnnotationItem[] = []
  for await (const item of prodigyAdapter.read(path.join(dir, name), { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

const jsonl = (records: object[]): string => records.map((r) => JSON.stringify(r)).join('\r\n')

describe('Prodigy adapter', () => {
  it('writes binary decisions as "LABEL (answer)" keyed by _input_hash', async () => {
    const items = await read(
      'db.jsonl',
      jsonl([
        { text: 'Describe streaming arguments in docs', label: 'DOCUMENTATION', _input_hash: -389790845, _task_hash: -1395252260, answer: 'accept' },
        { text: 'Salesforce connector', label: 'DOCUMENTATION', _input_hash: 12, _task_hash: 13, answer: 'reject' },
        { text: 'No answer yet', label: 'DOCUMENTATION', _task_hash: 14 },
      ]),
    )
    expect(items).toEqual([
      { item_id: '-389790845', annotator: null, labels: ['DOCUMENTATION (accept)'], source_file: expect.stringMatching(/db\.jsonl$/), location: 'line 1', preview: 'Describe streaming arguments in docs' },
      { item_id: '12', annotator: null, labels: ['DOCUMENTATION (reject)'], source_file: expect.any(String), location: 'line 2', preview: 'Salesforce connector' },
      { item_id: '14', annotator: null, labels: ['DOCUMENTATION'], source_file: expect.any(String), location: 'line 3', preview: 'No answer yet' },
    ])
  })

  it('prefers accept[] then spans[].label, and takes _annotator_id then _session_id', async () => {
    const items = await read(
      'db.jsonl',
      jsonl([
        { text: 'a', options: [{ id: 'X' }, { id: 'Y' }], accept: ['X', 'Y'], answer: 'accept', _annotator_id: 'news-alice', _session_id: 'news-s1' },
        { text: 'b', spans: [{ start: 0, end: 1, label: 'PER' }, { start: 2, end: 3, label: 'PER' }], answer: 'accept', _session_id: 'news-bo' },
        { image: 'data:image/png;base64,AAAA', accept: [], label: 'CAT', answer: 'ignore' },
        { image: 'https://example.org/x.jpg', answer: 'accept' },
      ]),
    )
    expect(items.map((i) => [i.item_id, i.annotator, i.labels, i.preview])).toEqual([
      ['db.jsonl:1', 'news-alice', ['X', 'Y'], 'a'],
      ['db.jsonl:2', 'news-bo', ['PER', 'PER'], 'b'],
      ['db.jsonl:3', null, ['CAT (ignore)'], ''],
      ['db.jsonl:4', null, [], 'https://example.org/x.jpg'],
    ])
  })

  it('names file:line for a broken line', async () => {
    const error: unknown = await read('db.jsonl', '{"text": "a", "answer": "accept"}\n\n{"text": \n').then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(/db\.jsonl:3: not valid JSON/)
  })

  it('sniffs Prodigy lines by their hashes or answer', () => {
    expect(prodigyAdapter.sniff('a.jsonl', '{"text": "x", "_input_hash": 1, "_task_hash": 2}\n')).toBe(true)
    expect(prodigyAdapter.sniff('a.jsonl', '{"text": "x", "answer": "reject"}\n')).toBe(true)
    expect(prodigyAdapter.sniff('a.jsonl', '{"text": "x", "label": ["a"]}\n')).toBe(false)
    expect(prodigyAdapter.sniff('a.json', '[{"_input_hash": 1}]')).toBe(false)
  })
})
