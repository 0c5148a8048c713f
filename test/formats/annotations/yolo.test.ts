import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createYoloAdapter, yoloAdapter } from '../../../src/formats/annotations/yolo.js'
import { DEFAULT_COLUMNS, type AdapterOptions, type AnnotationAdapter, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree, type TreeSpec } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

const CLASSES_CRLF = 'closed_door\r\nopened_door\r\nbus\r\nnumber\r\n'
const BOX = '0.5 0.5 0.1 0.2'

function dataset(files: TreeSpec): string {
  const dir = makeTempDir()
  writeTree(dir, files)
  return dir
}

async function readYolo(file: string, options: Partial<AdapterOptions> = {}, adapter: AnnotationAdapter = createYoloAdapter()): Promise<AnnotationItem[]> {
  const items: AnnotationItem[] = []
  for await (const item of adapter.read(file, { columns: DEFAULT_COLUMNS, ...options })) items.push(item)
  return items
}

async function readError(file: string, options: Partial<AdapterOptions> = {}): Promise<string> {
  const error: unknown = await readYolo(file, options).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return (error as UserError).message
}

describe('YOLO adapter', () => {
  it('reads a label file as one image item, classes named from ../classes.txt (CRLF)', async () => {
    const dir = dataset({ 'classes.txt': CLASSES_CRLF, 'labels/img_1.txt': `2 ${BOX}\r\n3 ${BOX}\r\n0 ${BOX}\r\n0 ${BOX}\r\n` })
    const file = path.join(dir, 'labels/img_1.txt')
    expect(await readYolo(file)).toEqual([
      { item_id: 'img_1', annotator: null, labels: ['bus', 'number', 'closed_door', 'closed_door'], source_file: file, location: 'lines 1-4', preview: 'img_1' },
    ])
  })

  it('accepts segmentation, pose and OBB lines (class id first, more fields), and skips blank lines', async () => {
    const dir = dataset({
      'classes.txt': 'a\nb\n',
      'seg.txt': `\n1 0.1 0.1 0.2 0.1 0.2 0.2 0.1 0.2\n\n0 0.5 0.5 0.2 0.2 0.4 0.4 2 0.6 0.6 1\n  \n`,
    })
    const [item] = await readYolo(path.join(dir, 'seg.txt'))
    expect(item!.labels).toEqual(['b', 'a'])
    expect(item!.location).toBe('lines 2-4')
  })

  it('reads an empty label file (an image with no objects) as an item without labels', async () => {
    const dir = dataset({ 'classes.txt': 'a\n', 'neg.txt': '' })
    expect(await readYolo(path.join(dir, 'neg.txt'))).toEqual([expect.objectContaining({ item_id: 'neg', labels: [], location: 'empty file' })])
  })

  it('keeps numeric ids as labels when there is no class file', async () => {
    const dir = dataset({ 'a/b/c/x.txt': `7 ${BOX}\n07 ${BOX}\n0 ${BOX}\n` })
    const [item] = await readYolo(path.join(dir, 'a/b/c/x.txt'))
    expect(item!.labels).toEqual(['7', '7', '0'])
    expect(item!.location).toBe('lines 1-3')
  })

  it('looks in the label directory and two parents only, nearest first', async () => {
    const dir = dataset({
      'classes.txt': 'far\n',
      'ds/classes.txt': 'near\n',
      'ds/labels/train/one.txt': `0 ${BOX}\n`,
      'ds/labels/train/deeper/two.txt': `0 ${BOX}\n`,
      'ds/labels/train/deeper/still/three.txt': `0 ${BOX}\n`,
    })
    const yolo = createYoloAdapter()
    expect((await readYolo(path.join(dir, 'ds/labels/train/one.txt'), {}, yolo))[0]!.labels).toEqual(['near'])
    expect((await readYolo(path.join(dir, 'ds/labels/train/deeper/two.txt'), {}, yolo))[0]!.labels).toEqual(['0'])
    expect((await readYolo(path.join(dir, 'ds/labels/train/deeper/still/three.txt'), {}, yolo))[0]!.labels).toEqual(['0'])
  })

  it('reads a single *.names file next to the labels', async () => {
    const dir = dataset({ 'obj.names': 'person\ncar\n\n', 'f.txt': `1 ${BOX}\n` })
    expect((await readYolo(path.join(dir, 'f.txt')))[0]!.labels).toEqual(['car'])
  })

  it('refuses to guess between several *.names files', async () => {
    const dir = dataset({ 'a.names': 'x\n', 'b.names': 'y\n', 'f.txt': `0 ${BOX}\n` })
    expect(await readError(path.join(dir, 'f.txt'))).toBe(`${dir}: several class-name files (a.names, b.names); name the one to use with the classes option`)
  })

  it('falls back to data.yaml names as a list or an index map (Ultralytics layout)', async () => {
    const list = dataset({ 'data.yaml': 'path: .\ntrain: images/train\nnames: [person, bicycle, car]\n', 'labels/train/a.txt': `2 ${BOX}\n0 ${BOX}\n` })
    expect((await readYolo(path.join(list, 'labels/train/a.txt')))[0]!.labels).toEqual(['car', 'person'])
    const map = dataset({ 'data.yaml': 'names:\n  0: person\n  1: bicycle\n  5: bus\n', 'labels/val/b.txt': `5 ${BOX}\n1 ${BOX}\n` })
    expect((await readYolo(path.join(map, 'labels/val/b.txt')))[0]!.labels).toEqual(['bus', 'bicycle'])
  })

  it('prefers classes.txt anywhere in range over data.yaml', async () => {
    const dir = dataset({ 'data.yaml': 'names: [from_yaml]\n', 'labels/classes.txt': 'from_txt\n', 'labels/train/a.txt': `0 ${BOX}\n` })
    expect((await readYolo(path.join(dir, 'labels/train/a.txt')))[0]!.labels).toEqual(['from_txt'])
  })

  it('uses the classes option over any file found next to the labels', async () => {
    const dir = dataset({ 'classes.txt': 'wrong\n', 'mine.txt': 'right\n', 'mine.yaml': 'names: {0: yaml_right}\n', 'f.txt': `0 ${BOX}\n` })
    expect((await readYolo(path.join(dir, 'f.txt'), { classes: path.join(dir, 'mine.txt') }))[0]!.labels).toEqual(['right'])
    expect((await readYolo(path.join(dir, 'f.txt'), { classes: path.join(dir, 'mine.yaml') }))[0]!.labels).toEqual(['yaml_right'])
  })

  it('names the class file and its size when a class is out of range', async () => {
    const dir = dataset({ 'classes.txt': CLASSES_CRLF, 'labels/img_1.txt': `0 ${BOX}\n1 ${BOX}\n7 ${BOX}\n` })
    const file = path.relative(process.cwd(), path.join(dir, 'labels/img_1.txt'))
    expect(await readError(file)).toBe(`${file}:3: class 7 is not in classes.txt (4 classes)`)
  })

  it('reports a gap in a data.yaml index map as out of range', async () => {
    const dir = dataset({ 'data.yaml': 'names:\n  0: a\n  2: c\n', 'f.txt': `1 ${BOX}\n` })
    expect(await readError(path.join(dir, 'f.txt'))).toBe(`${path.join(dir, 'f.txt')}:1: class 1 is not in data.yaml (3 classes)`)
  })

  it('rejects a non-numeric class, too few fields and a non-number coordinate, with file and line', async () => {
    const dir = dataset({ 'classes.txt': 'a\n', 'a.txt': `0 ${BOX}\ncar ${BOX}\n`, 'b.txt': `\n0 0.5 0.5 0.1\n`, 'c.txt': `0 0.5 x 0.1 0.1\n` })
    expect(await readError(path.join(dir, 'a.txt'))).toBe(`${path.join(dir, 'a.txt')}:2: class "car" is not a class number (expected 0, 1, 2, …)`)
    expect(await readError(path.join(dir, 'b.txt'))).toBe(
      `${path.join(dir, 'b.txt')}:2: expected "class cx cy w h" (a class number and at least 4 coordinates), found 4 fields`,
    )
    expect(await readError(path.join(dir, 'c.txt'))).toBe(`${path.join(dir, 'c.txt')}:1: "x" is not a number (expected "class cx cy w h")`)
  })

  it('rejects invalid data.yaml and an explicit class file without names', async () => {
    const bad = dataset({ 'data.yaml': 'names: [a, b\n', 'f.txt': `0 ${BOX}\n` })
    expect(await readError(path.join(bad, 'f.txt'))).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/data\\.yaml: not valid YAML \\(.+\\)$`))
    const empty = dataset({ 'empty.txt': '\n\n', 'f.txt': `0 ${BOX}\n` })
    const classes = path.join(empty, 'empty.txt')
    expect(await readError(path.join(empty, 'f.txt'), { classes })).toBe(`${classes}: no class names found (expected one name per line, or a data.yaml with names:)`)
  })

  it('caches class files per adapter: a new adapter sees a rewritten classes.txt', async () => {
    const dir = dataset({ 'classes.txt': 'old\n', 'f.txt': `0 ${BOX}\n` })
    const file = path.join(dir, 'f.txt')
    const yolo = createYoloAdapter()
    expect((await readYolo(file, {}, yolo))[0]!.labels).toEqual(['old'])
    writeFileSync(path.join(dir, 'classes.txt'), 'new\n')
    expect((await readYolo(file, {}, yolo))[0]!.labels).toEqual(['old'])
    expect((await readYolo(file))[0]!.labels).toEqual(['new'])
  })

  describe('sniff', () => {
    it('claims .txt files whose first lines are "class cx cy w h" or longer', () => {
      expect(yoloAdapter.sniff('labels/a.txt', `0 ${BOX}\r\n12 0.1 0.2 0.3 0.4\r\n`)).toBe(true)
      expect(yoloAdapter.sniff('labels/a.TXT', `\n3 0.1 0.1 0.2 0.1 0.2 0.2 1e-3 0.2\n`)).toBe(true)
      // the last line of a 64 KiB head may be cut short and is not judged
      expect(yoloAdapter.sniff('labels/a.txt', `0 ${BOX}\n1 0.5`)).toBe(true)
    })
    it('refuses class lists, prose, four-field lines, other extensions and empty files', () => {
      expect(yoloAdapter.sniff('ds/classes.txt', `0 ${BOX}\n`)).toBe(false)
      expect(yoloAdapter.sniff('ds/notes.txt', 'closed_door\nbus\n')).toBe(false)
      expect(yoloAdapter.sniff('ds/a.txt', '0 0.5 0.5 0.1\n')).toBe(false)
      expect(yoloAdapter.sniff('ds/a.csv', `0 ${BOX}\n`)).toBe(false)
      expect(yoloAdapter.sniff('ds/a.txt', '')).toBe(false)
      expect(yoloAdapter.sniff('ds/a.txt', `0 ${BOX}\nsee above\n`)).toBe(false)
    })
  })
})
