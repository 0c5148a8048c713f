import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { listAnnotationFiles, readAnnotations, sniffFormat } from '../../../src/formats/annotations/read-annotations.js'
import { ADAPTERS, adapterFor } from '../../../src/formats/annotations/registry.js'
import { DEFAULT_COLUMNS, fileKeys, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

// The XML, YOLO and CoNLL adapters are another module's; these tests stand them in with adapters
// that claim nothing, so they check this registry's order and the JSON/CSV sniffing alone.
vi.mock('../../../src/formats/annotations/cvat.js', () => ({ cvatAdapter: { format: 'cvat', sniff: () => false, read: async function* () {} } }))
vi.mock('../../../src/formats/annotations/voc.js', () => ({ vocAdapter: { format: 'voc', sniff: () => false, read: async function* () {} } }))
vi.mock('../../../src/formats/annotations/yolo.js', () => ({ yoloAdapter: { format: 'yolo', sniff: () => false, read: async function* () {} } }))
vi.mock('../../../src/formats/annotations/conll.js', () => ({ conllAdapter: { format: 'conll', sniff: () => false, read: async function* () {} } }))

afterAll(removeTempDirs)

const OPTIONS = { columns: DEFAULT_COLUMNS }

async function collect(items: AsyncIterable<AnnotationItem>): Promise<AnnotationItem[]> {
  const out: AnnotationItem[] = []
  for await (const item of items) out.push(item)
  return out
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  const error: unknown = await run().then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return (error as UserError).message
}

const FILES = {
  'ls.json': JSON.stringify([{ id: 1, data: { text: 'a' }, annotations: [{ id: 2, completed_by: 3, result: [{ value: { choices: ['X'] } }] }] }]),
  'min.json': JSON.stringify([{ text: 'a', id: 1, sentiment: 'Y', annotator: 3, annotation_id: 2 }]),
  'ls.tsv': '"id"\t"annotator"\t"annotation_id"\t"label"\n1\t"a@b.c"\t2\t"Z"\n',
  'coco.json': JSON.stringify({ images: [{ id: 1, file_name: 'a.jpg' }], annotations: [], categories: [] }),
  'prodigy.jsonl': '{"text": "a", "label": "L", "_input_hash": 1, "_task_hash": 2, "answer": "accept"}\n',
  'doccano.jsonl': '{"text": "a", "label": ["pos"]}\n',
  'generic.csv': 'item,annotator,label\n1,a,b\n',
  'generic.jsonl': '{"item": 1, "label": "b"}\n',
}

describe('annotation adapter registry', () => {
  it('lists every format once, specific formats first, generic ones last', () => {
    expect(ADAPTERS.map((a) => a.format)).toEqual(['label-studio', 'coco', 'cvat', 'voc', 'prodigy', 'doccano', 'yolo', 'conll', 'csv', 'jsonl'])
    for (const adapter of ADAPTERS) expect(adapterFor(adapter.format)).toBe(adapter)
  })

  it('sniffs each format from the path and the head of the file', async () => {
    const dir = makeTempDir()
    writeTree(dir, FILES)
    const expected: Record<string, string> = {
      'ls.json': 'label-studio',
      'min.json': 'label-studio',
      'ls.tsv': 'label-studio',
      'coco.json': 'coco',
      'prodigy.jsonl': 'prodigy',
      'doccano.jsonl': 'doccano',
      'generic.csv': 'csv',
      'generic.jsonl': 'jsonl',
    }
    for (const [name, format] of Object.entries(expected)) expect([name, await sniffFormat(path.join(dir, name))]).toEqual([name, format])
  })
})

describe('readAnnotations', () => {
  it('expands directories recursively in path order, skipping dot-files, media files and YOLO support files', async () => {
    const dir = makeTempDir()
    writeTree(dir, {
      'b/z.jsonl': '{"item": "z", "label": "1"}\n',
      'b/a.csv': 'item,label\na,2\n',
      'a.jsonl': '{"item": "top", "label": "3"}\n',
      '.hidden.jsonl': '{"item": "no"}\n',
      '.git/x.jsonl': '{"item": "no"}\n',
      'b/classes.txt': 'cat\n',
      'b/obj.names': 'cat\n',
      'data.yaml': 'names: [cat]\n',
      'images/img_1.JPG': 'not an export',
      'b/clip.wav': 'not an export',
    })
    expect(await listAnnotationFiles([dir])).toEqual([path.join(dir, 'a.jsonl'), path.join(dir, 'b/a.csv'), path.join(dir, 'b/z.jsonl')])
    const items = await collect(readAnnotations([dir], 'auto', OPTIONS))
    expect(items.map((i) => [i.item_id, i.labels[0], path.relative(dir, i.source_file)])).toEqual([
      ['top', '3', 'a.jsonl'],
      ['a', '2', path.join('b', 'a.csv')],
      ['z', '1', path.join('b', 'z.jsonl')],
    ])
  })

  it('reads files in the order given, each in its own sniffed format', async () => {
    const dir = makeTempDir()
    writeTree(dir, FILES)
    const inputs = ['prodigy.jsonl', 'ls.json', 'coco.json'].map((n) => path.join(dir, n))
    const items = await collect(readAnnotations(inputs, 'auto', OPTIONS))
    expect(items.map((i) => [i.item_id, i.labels])).toEqual([
      ['1', ['L (accept)']],
      ['1', ['X']],
      ['1', []],
    ])
  })

  it('uses an explicit format for every file', async () => {
    const dir = makeTempDir()
    writeTree(dir, { 'x.jsonl': '{"item": 1, "text": "t", "label": ["a"]}\n' })
    const [item] = await collect(readAnnotations([path.join(dir, 'x.jsonl')], 'doccano', OPTIONS))
    expect(item).toMatchObject({ item_id: 'x.jsonl:1', annotator: 'x', labels: ['a'] })
  })

  it('asks for --format when no adapter claims a file', async () => {
    const dir = makeTempDir()
    writeTree(dir, { 'x.bin': new Uint8Array([0, 1, 2, 3]) })
    const message = await failure(() => collect(readAnnotations([path.join(dir, 'x.bin')], 'auto', OPTIONS)))
    expect(message).toBe(`${path.join(dir, 'x.bin')}: not a recognised annotation export (expected one of label-studio, coco, cvat, voc, prodigy, doccano, yolo, conll, csv, jsonl); pass --format`)
  })

  it('names a missing input, and an empty directory', async () => {
    const dir = makeTempDir()
    const missing = path.join(dir, 'nope.json')
    expect(await failure(() => collect(readAnnotations([missing], 'auto', OPTIONS)))).toBe(`${missing}: no such file or directory`)
    writeTree(dir, { 'empty/.keep': '' })
    expect(await failure(() => listAnnotationFiles([path.join(dir, 'empty')]))).toMatch(/empty: no annotation files in this directory/)
  })

  it('passes on the adapters\u2019 file:line errors', async () => {
    const dir = makeTempDir()
    writeTree(dir, { 'bad.jsonl': '{"item": 1, "label": "a"}\n{"item": \n' })
    expect(await failure(() => collect(readAnnotations([path.join(dir, 'bad.jsonl')], 'auto', OPTIONS)))).toMatch(/bad\.jsonl:2: not valid JSON/)
  })
})

describe('fileKeys', () => {
  it('names files by their file name, adding parent folders only where two inputs share it', () => {
    const keys = fileKeys(['/data/doccano/seq/example.jsonl', '/data/doccano/cls/example.jsonl', 'rel/alice.jsonl', './bob.jsonl'])
    expect([...keys.values()]).toEqual(['seq/example.jsonl', 'cls/example.jsonl', 'alice.jsonl', 'bob.jsonl'])
  })

  it('gives same-named files without item ids distinct fallback ids when read together', async () => {
    const dir = makeTempDir()
    writeTree(dir, {
      'a/example.jsonl': '{"text": "one", "label": ["x"]}\n',
      'b/example.jsonl': '{"text": "two", "label": ["y"]}\n',
    })
    const items = await collect(readAnnotations([dir], 'doccano', OPTIONS))
    expect(items.map((i) => i.item_id)).toEqual(['a/example.jsonl:1', 'b/example.jsonl:1'])
  })
})
