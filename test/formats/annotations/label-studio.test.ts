import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { labelStudioAdapter } from '../../../src/formats/annotations/label-studio.js'
import { DEFAULT_COLUMNS, type AdapterOptions, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

const OPTIONS: AdapterOptions = { columns: DEFAULT_COLUMNS }

async function read(name: string, content: string, options: AdapterOptions = OPTIONS): Promise<AnnotationItem[]> {
  const dir = makeTempDir()
  writeTree(dir, { [name]: content })
  const items: AnnotationItem[] = []
  for await (const item of labelStudioAdapter.read(path.join(dir, name), options)) items.push(item)
  return items
}

async function readError(name: string, content: string, options: AdapterOptions = OPTIONS): Promise<UserError> {
  const error = await read(name, content, options).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

const TASKS = [
  {
    id: 4,
    data: { text: 'Peter lives in Paris.', meta: 3 },
    annotations: [
      {
        id: 7,
        completed_by: 3,
        result: [
          { type: 'labels', from_name: 'ner', value: { start: 0, end: 5, text: 'Peter', labels: ['PER'] } },
          { type: 'labels', from_name: 'ner', value: { start: 15, end: 20, text: 'Paris', labels: ['LOC'] } },
          { type: 'choices', from_name: 'topic', value: { choices: ['travel', 'people'] } },
          { type: 'relation', from_id: 'a', to_id: 'b', labels: ['lives in'] },
        ],
      },
      { id: 8, completed_by: { id: 5, email: 'ann@example.org' }, was_cancelled: true, result: [] },
      { id: 9, completed_by: { id: 6, email: '' }, result: [{ type: 'labels', value: { labels: ['PER', 'PER'] } }] },
    ],
  },
  {
    id: 'img-1',
    data: { image: 'https://example.org/1.jpg' },
    annotations: [
      {
        completed_by: { id: 2, email: 'bo@example.org', first_name: '', last_name: '' },
        result: [
          { type: 'rectanglelabels', value: { x: 1, y: 2, rectanglelabels: ['Car'] } },
          { type: 'polygonlabels', value: { points: [[1, 2]], polygonlabels: ['Road'] } },
          { type: 'keypointlabels', value: { keypointlabels: ['Eye'] } },
          { type: 'ellipselabels', value: { ellipselabels: ['Wheel'] } },
          { type: 'brushlabels', value: { format: 'rle', rle: [1, 2], brushlabels: ['Sky'] } },
          { type: 'taxonomy', value: { taxonomy: [['Vehicle', 'Car'], ['Vehicle']] } },
          { type: 'textarea', value: { text: ['blurry', 'dark'] } },
          { type: 'rating', value: { rating: 4 } },
          { type: 'number', value: { number: 2.5 } },
        ],
      },
    ],
  },
  { id: 5, data: { text: 'nobody looked' }, annotations: [] },
]

describe('Label Studio full JSON export', () => {
  it('gives one item per non-cancelled annotation with every label value, duplicates kept', async () => {
    const items = await read('export.json', JSON.stringify(TASKS, null, 2))
    expect(items).toHaveLength(3)
    expect(items[0]).toEqual({
      item_id: '4',
      annotator: '3',
      labels: ['PER', 'LOC', 'travel', 'people'],
      source_file: expect.stringMatching(/export\.json$/),
      location: 'task 4, annotation 7',
      modality: 'text',
      preview: 'Peter lives in Paris.',
    })
    expect(items[1]).toMatchObject({ item_id: '4', labels: ['PER', 'PER'], location: 'task 4, annotation 9' })
    expect(items[2]).toMatchObject({
      item_id: 'img-1',
      labels: ['Car', 'Road', 'Eye', 'Wheel', 'Sky', 'Vehicle/Car', 'Vehicle', 'blurry', 'dark', '4', '2.5'],
      location: 'task img-1, annotation #1',
      preview: 'https://example.org/1.jpg',
    })
  })

  it('normalises completed_by: int → its string, object → e-mail, else its id', async () => {
    const items = await read('export.json', JSON.stringify(TASKS))
    expect(items.map((i) => i.annotator)).toEqual(['3', '6', 'bo@example.org'])
  })

  it('reads pre-1.0 "completions" and the older "skipped" flag, and a single-task file', async () => {
    const old = [{ id: 1, data: { text: 't' }, completions: [{ id: 1, skipped: true, result: [] }, { id: 2, result: [{ value: { choices: ['A'] } }] }] }]
    expect((await read('old.json', JSON.stringify(old))).map((i) => i.labels)).toEqual([['A']])
    const single = { id: 12, data: { text: 'x' }, annotations: [{ id: 1, completed_by: 1, result: [{ value: { choices: ['B'] } }] }] }
    expect(await read('12.json', JSON.stringify(single))).toMatchObject([{ item_id: '12', labels: ['B'] }])
  })

  it('cuts long previews to 200 characters', async () => {
    const tasks = [{ id: 1, data: { text: 'word '.repeat(100) }, annotations: [{ id: 1, result: [] }] }]
    const [item] = await read('long.json', JSON.stringify(tasks))
    expect(Array.from(item!.preview)).toHaveLength(200)
    expect(item!.preview.endsWith('…')).toBe(true)
  })

  it('names the task and annotation when the shape is wrong', async () => {
    const noList = [{ id: 1, annotations: [] }, { id: 2, annotations: 'x' }]
    expect((await readError('a.json', JSON.stringify(noList))).message).toMatch(/a\.json: task #2 \(id 2\): expected "annotations" to be a list, found a string$/)
    const badResult = [{ id: 1, annotations: [{ id: 3, result: {} }] }]
    expect((await readError('b.json', JSON.stringify(badResult))).message).toMatch(/b\.json: task #1 \(id 1\), annotation #1: expected "result" to be a list, found an object$/)
    const noId = [{ annotations: [] }]
    expect((await readError('c.json', JSON.stringify(noId))).message).toMatch(/c\.json: task #1: expected the task's "id"/)
    expect((await readError('d.json', '[{"id": 1, "annotations": [')).message).toMatch(/d\.json: byte 27: expected the array to be closed \("\]"\); the file may be truncated$/)
    expect((await readError('e.json', '[{"id": 1, "foo": 2}]')).message).toMatch(/e\.json: task #1: expected a Label Studio task/)
  })
})

describe('Label Studio JSON-MIN export', () => {
  // As convert_to_json_min writes it: data fields, id, one field per tag, then bookkeeping.
  const positional = [
    { text: 'Good value.', id: 1, sentiment: 'Positive', notes: { text: ['ok', 'fine'] }, annotator: 3, annotation_id: 10, created_at: 'x', lead_time: 1.5 },
    { text: 'Bad value.', id: 1, sentiment: { choices: ['Negative', 'Angry'] }, annotator: 'ann@example.org', annotation_id: 11 },
    { text: 'Nothing.', id: 2, annotator: 3, annotation_id: 12 },
  ]

  it('reads the fields between id and annotator as labels when keys are in converter order', async () => {
    const items = await read('min.json', JSON.stringify(positional))
    expect(items.map((i) => [i.item_id, i.annotator, i.labels, i.location, i.preview])).toEqual([
      ['1', '3', ['Positive', 'ok', 'fine'], 'task 1, annotation 10', 'Good value.'],
      ['1', 'ann@example.org', ['Negative', 'Angry'], 'task 1, annotation 11', 'Bad value.'],
      ['2', '3', [], 'task 2, annotation 12', 'Nothing.'],
    ])
  })

  it('prefers the --label-column field when the record has it', async () => {
    const records = [{ image: '/data/1.png', id: 87, label: [{ points: [[1, 2]], polygonlabels: ['Airplane'], original_width: 128 }], title: 'T', annotator: 1, annotation_id: 22 }]
    expect(await read('min.json', JSON.stringify(records))).toMatchObject([{ item_id: '87', annotator: '1', labels: ['Airplane'], preview: '/data/1.png' }])
    const options = { columns: { ...DEFAULT_COLUMNS, label: 'title' } }
    expect(await read('min.json', JSON.stringify(records), options)).toMatchObject([{ labels: ['T'] }])
  })

  it('falls back to label-shaped values when keys were reordered (sorted)', async () => {
    const sorted = [{ annotation_id: 5, annotator: 2, id: 9, ner: [{ start: 0, end: 4, text: 'Anna', labels: ['PER'] }], text: 'Anna', title: 'Short' }]
    expect(await read('min.json', JSON.stringify(sorted))).toMatchObject([{ item_id: '9', labels: ['PER'], preview: 'Anna' }])
  })

  it('uses the --annotator-column name', async () => {
    const records = [{ id: 1, label: 'x', who: 'zed', annotation_id: 1 }]
    const options = { columns: { ...DEFAULT_COLUMNS, annotator: 'who' } }
    expect(await read('min.json', JSON.stringify(records), options)).toMatchObject([{ annotator: 'zed', labels: ['x'] }])
  })
})

describe('Label Studio CSV/TSV export', () => {
  it('reads a tab-separated, fully quoted export with JSON cells (converter test layout)', async () => {
    const header = ['_row_id', 'agreement', 'annotation_id', 'annotator', 'created_at', 'id', 'sentiment', 'title', 'writers']
    const row = ['"r1"', '100.0', '9', '"test@heartex.com"', '"2022-11-04T18:50:53Z"', '4', '"{""choices"": [""Yes \\"" x"", ""No""]}"', '"TAN BAI"', '"[{""name"": ""JIN""}]"']
    const tsv = `${header.map((h) => `"${h}"`).join('\t')}\n${row.join('\t')}\n`
    const items = await read('result.csv', tsv)
    expect(items).toEqual([
      {
        item_id: '4',
        annotator: 'test@heartex.com',
        labels: ['Yes " x', 'No'],
        source_file: expect.stringMatching(/result\.csv$/),
        location: 'line 2',
        modality: 'text',
        preview: 'r1',
      },
    ])
  })

  it('reads the label column, comma-separated, with quoted newlines kept inside the cell', async () => {
    const csv = 'text,id,label,annotator,annotation_id\n"two\nlines",1,"Yes, ""really""",ann@example.org,3\nthird,2,,7,4\n'
    const items = await read('export.csv', csv)
    expect(items.map((i) => [i.item_id, i.annotator, i.labels, i.location])).toEqual([
      ['1', 'ann@example.org', ['Yes, "really"'], 'line 2'],
      ['2', '7', [], 'line 4'],
    ])
  })

  it('reads result columns by position when the header keeps converter order', async () => {
    const csv = 'text,id,sentiment,annotator,annotation_id\nhello,1,Positive,3,10\n'
    expect(await read('export.csv', csv)).toMatchObject([{ labels: ['Positive'], preview: 'hello' }])
  })

  it('says which columns it needs when they are missing', async () => {
    const error = await readError('x.csv', 'id,who\n1,a\n')
    expect(error.message).toMatch(/x\.csv:1: not a Label Studio CSV export: expected columns "annotator" and "id" \(columns: id, who\)/)
  })
})

describe('Label Studio sniffing', () => {
  const sniff = (head: string, file = 'f.json'): boolean => labelStudioAdapter.sniff(file, head)

  it('claims the three layouts', () => {
    expect(sniff(JSON.stringify(TASKS, null, 2))).toBe(true)
    expect(sniff('\uFEFF[{"id": 1, "annotator": 3, "annotation_id": 2}]')).toBe(true)
    expect(sniff('"_row_id"\t"annotation_id"\t"annotator"\t"id"\n"a"\t1\t"x"\t2\n', 'r.csv')).toBe(true)
    expect(sniff('{"id": 3, "annotations": [{"completed_by": 1, "result": []}]}')).toBe(true)
  })

  it('leaves other JSON and CSV alone', () => {
    expect(sniff('{"images": [], "annotations": [{"image_id": 1}], "categories": []}')).toBe(false)
    expect(sniff('[{"id": 1, "text": "x"}]')).toBe(false)
    expect(sniff('id,annotator,label\n1,a,b\n', 'g.csv')).toBe(false)
    expect(sniff('{"text": "x", "label": ["a"]}\n', 'd.jsonl')).toBe(false)
  })
})
