import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cocoAdapter } from '../../../src/formats/annotations/coco.js'
import { DEFAULT_COLUMNS, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

async function read(content: unknown): Promise<AnnotationItem[]> {
  const dir = makeTempDir()
  writeTree(dir, { 'instances.json': typeof content === 'string' ? content : JSON.stringify(content) })
  const items: AnnotationItem[] = []
  for await (const item of cocoAdapter.read(path.join(dir, 'instances.json'), { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

async function readError(content: unknown): Promise<string> {
  const error: unknown = await read(content).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return (error as UserError).message
}

const CATEGORIES = [
  { id: 1, name: 'cat' },
  { id: 2, name: 'dog' },
]

describe('COCO adapter', () => {
  it('gives one item per image, in image order, with category names in annotation order', async () => {
    const items = await read({
      images: [
        { id: 40, file_name: 'b.jpg' },
        { id: 41, file_name: 'empty.jpg' },
        { id: 7, file_name: 'dir/c.png' },
      ],
      annotations: [
        { id: 1, image_id: 7, category_id: 2 },
        { id: 2, image_id: 40, category_id: 1 },
        { id: 3, image_id: 40, category_id: 2 },
        { id: 4, image_id: 40, category_id: 1 },
      ],
      categories: CATEGORIES,
    })
    expect(items).toEqual([
      { item_id: '40', annotator: null, labels: ['cat', 'dog', 'cat'], source_file: expect.stringMatching(/instances\.json$/), location: 'image 40', preview: 'b.jpg' },
      { item_id: '41', annotator: null, labels: [], source_file: expect.any(String), location: 'image 41', preview: 'empty.jpg' },
      { item_id: '7', annotator: null, labels: ['dog'], source_file: expect.any(String), location: 'image 7', preview: 'dir/c.png' },
    ])
  })

  it('takes the annotator only when every annotation of the image names the same one', async () => {
    const items = await read({
      images: [{ id: 1 }, { id: 2 }, { id: 3 }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, attributes: { annotator: 'ann' } },
        { id: 2, image_id: 1, category_id: 2, annotator: 'ann' },
        { id: 3, image_id: 2, category_id: 1, attributes: { annotator: 'ann' } },
        { id: 4, image_id: 2, category_id: 1, attributes: { annotator: 'bo' } },
        { id: 5, image_id: 3, category_id: 1, attributes: { annotator: 'ann' } },
        { id: 6, image_id: 3, category_id: 1 },
      ],
      categories: CATEGORIES,
    })
    expect(items.map((i) => i.annotator)).toEqual(['ann', null, null])
  })

  it('names the annotation whose category or image is unknown', async () => {
    const base = { images: [{ id: 1 }], categories: CATEGORIES }
    expect(await readError({ ...base, annotations: [{ id: 17, image_id: 1, category_id: 9 }] })).toMatch(/instances\.json: annotation 17: category_id 9 is not in "categories"$/)
    expect(await readError({ ...base, annotations: [{ id: 18, image_id: 3, category_id: 1 }] })).toMatch(/instances\.json: annotation 18: image_id 3 is not in "images"$/)
    expect(await readError({ ...base, annotations: [{ image_id: 1 }] })).toMatch(/annotation #1: category_id undefined is not in "categories"/)
    expect(await readError({ images: [], annotations: [] })).toMatch(/expected a COCO object with "images", "annotations" and "categories" lists/)
    expect(await readError({ images: [{ id: 1 }, { id: 1 }], annotations: [], categories: [] })).toMatch(/image #2: id 1 is used by an earlier image too/)
    expect(await readError('{"images": [')).toMatch(/instances\.json:1: byte 12: the file ends inside "images" after 0 elements; expected the list to be closed \("\]"\): the file may be truncated$/)
  })

  // Hand-counted: image 5 has annotations 1 (dog) and 3 (cat), image 6 none, image 9 annotation 2
  // (dog); annotator "ann" on both of image 5's, none on image 9's. The lists come in the order
  // some exporters write them: annotations, then categories, then images.
  const BACKWARDS = [
    '{"info": {"description": "brackets ] } [ { and \\" quotes in a skipped member"},',
    ' "annotations": [',
    '  {"id": 1, "image_id": 5, "category_id": 2, "attributes": {"annotator": "ann"}},',
    '  {"id": 2, "image_id": "9", "category_id": 2},',
    '  {"id": 3, "image_id": 5, "category_id": "1", "annotator": "ann"}',
    ' ],',
    ' "licenses": [{"id": 1, "name": "x"}],',
    ' "categories": [{"id": 1, "name": "cat"}, {"id": "2", "name": "dog"}],',
    ' "images": [{"id": 9, "file_name": "nine.jpg"}, {"id": "5", "file_name": "five.jpg"}, {"id": 6}]',
    '}',
  ].join('\n')

  it('reads the lists in any order, references to later lists included', async () => {
    expect(await read(BACKWARDS)).toEqual([
      { item_id: '9', annotator: null, labels: ['dog'], source_file: expect.any(String), location: 'image 9', preview: 'nine.jpg' },
      { item_id: '5', annotator: 'ann', labels: ['dog', 'cat'], source_file: expect.any(String), location: 'image 5', preview: 'five.jpg' },
      { item_id: '6', annotator: null, labels: [], source_file: expect.any(String), location: 'image 6', preview: '' },
    ])
  })

  it('names the first annotation whose image or category never came, when the list came after it', async () => {
    expect(await readError(BACKWARDS.replace('"image_id": "9"', '"image_id": 10'))).toMatch(
      /instances\.json: annotation 2: image_id 10 is not in "images"$/,
    )
    expect(await readError(BACKWARDS.replace('"category_id": "1"', '"category_id": 3'))).toMatch(/instances\.json: annotation 3: category_id 3 is not in "categories"$/)
    // the same annotation missing both: its image is named, as when the lists come first
    expect(await readError(BACKWARDS.replace('"image_id": "9", "category_id": 2', '"image_id": 10, "category_id": 4'))).toMatch(/annotation 2: image_id 10 is not in "images"$/)
  })

  it('ends a file truncated in the middle of the annotations in one error with its line and byte', async () => {
    const cut = BACKWARDS.indexOf('"category_id": 2},') + 5 // inside annotation 2, on line 4
    const message = await readError(BACKWARDS.slice(0, cut))
    const elementStart = BACKWARDS.indexOf('{"id": 2')
    expect(message).toMatch(
      new RegExp(`instances\\.json:4: byte ${cut}: the file ends inside element #2 of "annotations" \\(from line 4, byte ${elementStart}\\); expected the list to be closed \\("\\]"\\): the file may be truncated$`),
    )
  })

  it('names the element JSON does not accept, and a list that is not a list', async () => {
    expect(await readError('{"images": [{"id": 1}, {"id": 2,}], "annotations": [], "categories": []}')).toMatch(
      /instances\.json:1: "images" element #2 \(byte 23\): not valid JSON \(/,
    )
    expect(await readError('{"images": {"id": 1}, "annotations": [], "categories": []}')).toMatch(/instances\.json:1: byte 11: expected "images" to be a list \("\["\)$/)
    expect(await readError('[{"images": []}]')).toMatch(/instances\.json:1: byte 0: expected a COCO object \("\{"\)$/)
  })

  it('sniffs COCO objects and nothing else', () => {
    expect(cocoAdapter.sniff('a.json', '{\n  "info": {},\n  "images": [{"id": 1, "file_name": "a.jpg"}]')).toBe(true)
    expect(cocoAdapter.sniff('a.json', '{"categories": [], "images": [], "annotations": []}')).toBe(true)
    expect(cocoAdapter.sniff('a.json', '[{"id": 1, "annotations": []}]')).toBe(false)
    expect(cocoAdapter.sniff('a.json', '{"text": "images"}')).toBe(false)
  })
})
