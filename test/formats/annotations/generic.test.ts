import { execFileSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { csvAdapter, jsonlAdapter } from '../../../src/formats/annotations/generic.js'
import { DEFAULT_COLUMNS, type AdapterOptions, type AnnotationAdapter, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

const OPTIONS: AdapterOptions = { columns: DEFAULT_COLUMNS }

async function read(adapter: AnnotationAdapter, name: string, content: string | Uint8Array, options = OPTIONS): Promise<AnnotationItem[]> {
  const dir = makeTempDir()
  writeTree(dir, { [name]: content })
  const items: AnnotationItem[] = []
  for await (const item of adapter.read(path.join(dir, name), options)) items.push(item)
  return items
}

async function readError(adapter: AnnotationAdapter, name: string, content: string, options = OPTIONS): Promise<string> {
  const error: unknown = await read(adapter, name, content, options).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return (error as UserError).message
}

describe('generic CSV adapter', () => {
  it('gives one item per row with the configured columns', async () => {
    const csv = '\uFEFFitem,annotator,label,text\r\n1,ann,cat,"a ""quoted""\ntext"\r\n\r\n2,,,plain\r\n3,bo,"[""a"",""b""]",x\r\n'
    const items = await read(csvAdapter, 'exp.csv', csv)
    expect(items).toEqual([
      { item_id: '1', annotator: 'ann', labels: ['cat'], source_file: expect.stringMatching(/exp\.csv$/), location: 'line 2', preview: 'a "quoted" text' },
      { item_id: '2', annotator: null, labels: [], source_file: expect.any(String), location: 'line 5', preview: 'plain' },
      { item_id: '3', annotator: 'bo', labels: ['a', 'b'], source_file: expect.any(String), location: 'line 6', preview: 'x' },
    ])
  })

  it('sniffs the delimiter: a tab-separated file named .csv reads too', async () => {
    const options = { columns: { item: 'id', annotator: 'who', label: 'tag' } }
    const items = await read(csvAdapter, 'exp.csv', 'id\twho\ttag\n7\tann\tyes, no\n', options)
    expect(items).toMatchObject([{ item_id: '7', annotator: 'ann', labels: ['yes, no'], preview: '' }])
  })

  it('names file, line and the expected column when one is missing', async () => {
    expect(await readError(csvAdapter, 'exp.csv', 'id,who,tag\n1,a,b\n')).toMatch(/exp\.csv:1: no column "item" \(columns: id, who, tag\); pass --item-column$/)
    expect(await readError(csvAdapter, 'exp.csv', 'item,who,tag\n1,a,b\n')).toMatch(/exp\.csv:1: no column "label" \(columns: item, who, tag\); pass --label-column$/)
    expect(await readError(csvAdapter, 'exp.csv', 'item,label\n1,a\n,b\n')).toMatch(/exp\.csv:3: empty "item" cell/)
  })

  it('reports malformed CSV with the line and without quoting the cell', async () => {
    const message = await readError(csvAdapter, 'exp.csv', 'item,label\n1,"secret\n')
    expect(message).toMatch(/exp\.csv:\d+: malformed CSV: a quoted cell is never closed$/)
    expect(message).not.toContain('secret')
  })

  it('reports a missing file with its path', async () => {
    const dir = makeTempDir()
    const error: unknown = await (async () => {
      for await (const _ of csvAdapter.read(path.join(dir, 'nope.csv'), OPTIONS)) void _
    })().catch((e: unknown) => e)
    expect((error as UserError).message).toMatch(/nope\.csv: no such file or directory$/)
  })

  it('claims .csv and .tsv files by extension', () => {
    expect(csvAdapter.sniff('a.CSV', '')).toBe(true)
    expect(csvAdapter.sniff('a.tsv', '')).toBe(true)
    expect(csvAdapter.sniff('a.txt', 'a,b\n')).toBe(false)
  })
})

describe('generic JSONL adapter', () => {
  it('gives one item per line with the configured fields', async () => {
    const jsonl = ['{"item": 1, "annotator": "ann", "label": "cat", "text": "hello"}', '', '{"item": "b", "label": ["x", "y"]}', '{"item": "c", "label": null, "annotator": 5}'].join('\n')
    const items = await read(jsonlAdapter, 'exp.jsonl', jsonl)
    expect(items.map((i) => [i.item_id, i.annotator, i.labels, i.location, i.preview])).toEqual([
      ['1', 'ann', ['cat'], 'line 1', 'hello'],
      ['b', null, ['x', 'y'], 'line 3', ''],
      ['c', '5', [], 'line 4', ''],
    ])
  })

  it('names file:line for a missing field, a bad label and bad JSON', async () => {
    expect(await readError(jsonlAdapter, 'exp.jsonl', '{"item": 1, "label": "a"}\n{"id": 2, "who": "a", "tag": "b"}\n')).toMatch(
      /exp\.jsonl:2: no field "item" \(fields: id, who, tag\); pass --item-column$/,
    )
    expect(await readError(jsonlAdapter, 'exp.jsonl', '{"item": 1, "label": {"a": 1}}\n')).toMatch(/exp\.jsonl:1: "label" must be a label, a list of labels or null$/)
    expect(await readError(jsonlAdapter, 'exp.jsonl', '{"item": 1}\n{"item": 2,}\n')).toMatch(/exp\.jsonl:2: not valid JSON/)
  })

  it('reads lines that span chunk boundaries, and a last line without a newline', async () => {
    const long = 'x'.repeat(3 * 1024 * 1024)
    const jsonl = `{"item": 1, "label": "a", "text": "${long}"}\n{"item": 2, "label": "b"}`
    const items = await read(jsonlAdapter, 'big.jsonl', jsonl)
    expect(items.map((i) => [i.item_id, i.labels, i.preview.length])).toEqual([
      ['1', ['a'], 200],
      ['2', ['b'], 0],
    ])
  })

  // A FIFO yields its data only as it is written: the first item must arrive while the writer
  // still holds most of the input back, which a reader that slurps the file could not do.
  it.skipIf(process.platform === 'win32')(
    'streams: items arrive before the input ends',
    async () => {
      const dir = makeTempDir()
      const fifo = path.join(dir, 'stream.jsonl')
      execFileSync('mkfifo', [fifo])
      const writer = createWriteStream(fifo)
      const line = (i: number): string => `${JSON.stringify({ item: i, label: 'a' })}\n`
      writer.write(line(1))
      let count = 0
      for await (const item of jsonlAdapter.read(fifo, OPTIONS)) {
        if (++count === 1) {
          expect(item.item_id).toBe('1')
          // Only now write the rest and close: a reader that waited for the end would hang here.
          for (let i = 2; i <= 50_000; i++) writer.write(line(i))
          writer.end()
        }
      }
      expect(count).toBe(50_000)
    },
    15_000,
  )

  it('claims files whose first line is a JSON object', () => {
    expect(jsonlAdapter.sniff('a.txt', '{"item": 1}\n{"item": 2}\n')).toBe(true)
    expect(jsonlAdapter.sniff('a.jsonl', `{"item": "${'x'.repeat(70000)}`)).toBe(true)
    expect(jsonlAdapter.sniff('a.json', '[{"item": 1}]')).toBe(false)
    expect(jsonlAdapter.sniff('a.txt', 'hello')).toBe(false)
  })
})
