import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { conllAdapter } from '../../../src/formats/annotations/conll.js'
import { cvatAdapter } from '../../../src/formats/annotations/cvat.js'
import { vocAdapter } from '../../../src/formats/annotations/voc.js'
import { createYoloAdapter } from '../../../src/formats/annotations/yolo.js'
import { DEFAULT_COLUMNS, type AnnotationAdapter, type AnnotationItem } from '../../../src/formats/annotations/item.js'

// The third-party conformance corpus lives next to the repository and is never copied into it;
// the counts asserted here are the ones /work/shared/corpus/MANIFEST.md gives for each file.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const CORPUS = path.resolve(repoRoot, '../shared/corpus/annotations')

async function readAll(adapter: AnnotationAdapter, file: string): Promise<AnnotationItem[]> {
  const items: AnnotationItem[] = []
  for await (const item of adapter.read(file, { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

function countLabels(labels: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1
  return counts
}

/** Which of the four adapters claim a corpus file, given its first 64 KiB as sniffing sees them. */
function claimants(file: string): string[] {
  const head = readFileSync(file).subarray(0, 64 * 1024).toString('utf8')
  return [vocAdapter, cvatAdapter, createYoloAdapter(), conllAdapter].filter((a) => a.sniff(file, head)).map((a) => a.format)
}

describe.skipIf(!existsSync(CORPUS))('XML and text annotation adapters on the shared corpus (skipped: ../shared/corpus absent)', () => {
  describe('YOLO (label-studio-converter test_import_yolo_data, CRLF)', () => {
    const labelsDir = path.join(CORPUS, 'yolo/test_import_yolo_data/labels')
    const expectedLabelCounts: Record<string, number> = { img_1: 4, img_2: 4, img_3: 4, img_4: 4, img_5: 3, img_6: 4, img_7: 2 }

    it('reads 7 images with 4/4/4/4/3/4/2 labels named from classes.txt', async () => {
      const yolo = createYoloAdapter()
      const files = readdirSync(labelsDir).sort()
      expect(files).toHaveLength(7)
      const items: AnnotationItem[] = []
      for (const name of files) items.push(...(await readAll(yolo, path.join(labelsDir, name))))
      expect(Object.fromEntries(items.map((item) => [item.item_id, item.labels.length]))).toEqual(expectedLabelCounts)
      const names = new Set(['closed_door', 'opened_door', 'bus', 'number'])
      for (const item of items) {
        expect(item.labels.every((label) => names.has(label))).toBe(true)
        expect(item.annotator).toBeNull()
      }
    })

    it('names img_1 classes through classes.txt: {closed_door: 2, bus: 1, number: 1}, in line order', async () => {
      const [item] = await readAll(createYoloAdapter(), path.join(labelsDir, 'img_1.txt'))
      expect(item!.labels).toEqual(['bus', 'number', 'closed_door', 'closed_door'])
      expect(countLabels(item!.labels)).toEqual({ closed_door: 2, bus: 1, number: 1 })
      expect(item!.location).toBe('lines 1-4')
      expect(item!.preview).toBe('img_1')
    })

    it('matches the per-file class ids of MANIFEST.md for img_5, img_6 and img_7', async () => {
      const yolo = createYoloAdapter()
      const labelsOf = async (name: string): Promise<Record<string, number>> => countLabels((await readAll(yolo, path.join(labelsDir, name)))[0]!.labels)
      expect(await labelsOf('img_5.txt')).toEqual({ closed_door: 1, bus: 2 })
      expect(await labelsOf('img_6.txt')).toEqual({ closed_door: 1, opened_door: 1, bus: 1, number: 1 })
      expect(await labelsOf('img_7.txt')).toEqual({ bus: 1, number: 1 })
    })

    it('sniffs the label files as YOLO only, and classes.txt as nothing', () => {
      for (const name of readdirSync(labelsDir)) expect(claimants(path.join(labelsDir, name))).toEqual(['yolo'])
      expect(claimants(path.join(CORPUS, 'yolo/test_import_yolo_data/classes.txt'))).toEqual([])
    })
  })

  describe('CVAT for images 1.1 (datumaro train.xml)', () => {
    const file = path.join(CORPUS, 'cvat/train.xml')

    it('reads 2 images with 4 labels {label1: 1, "": 2, label2: 1}', async () => {
      const items = await readAll(cvatAdapter, file)
      expect(items.map((item) => item.item_id)).toEqual(['img0.jpg', 'img1.jpg'])
      expect(items.map((item) => item.labels)).toEqual([
        ['label1', ''],
        ['', 'label2'],
      ])
      expect(countLabels(items.flatMap((item) => item.labels))).toEqual({ label1: 1, '': 2, label2: 1 })
      expect(items.map((item) => item.location)).toEqual(['image id=0', 'image id=1'])
      expect(items.map((item) => item.preview)).toEqual(['img0.jpg 8x8', 'img1.jpg 10x10'])
      // The task in this file names no owner or assignee.
      expect(items.every((item) => item.annotator === null)).toBe(true)
    })

    it('is sniffed as CVAT only', () => {
      expect(claimants(file)).toEqual(['cvat'])
    })
  })

  describe('Pascal VOC', () => {
    const labelImg = path.join(CORPUS, 'pascal-voc/C1_P01_N1_S2_1.xml')
    const voc2007 = path.join(CORPUS, 'pascal-voc/2007_000001.xml')

    it('reads C1_P01_N1_S2_1.xml as one image with 10 labels {chesterfield: 5, muratti: 5}', async () => {
      const items = await readAll(vocAdapter, labelImg)
      expect(items).toHaveLength(1)
      const [item] = items
      expect(item!.item_id).toBe('C1_P01_N1_S2_1.JPG')
      expect(item!.labels).toHaveLength(10)
      expect(countLabels(item!.labels)).toEqual({ chesterfield: 5, muratti: 5 })
      expect(item!.preview).toBe('C1_P01_N1_S2_1.JPG 1363x2188')
      expect(item!.location).toBe('objects 1-10')
      expect(item!.annotator).toBeNull()
    })

    it('never puts the <path> home directory into an item', async () => {
      const [item] = await readAll(vocAdapter, labelImg)
      // source_file is the path the user gave; everything else comes from the file's content.
      const text = JSON.stringify({ ...item!, source_file: '' })
      expect(text).not.toContain('/home/')
      expect(text).not.toContain('andrey')
      expect(text).not.toContain('labelImg/test_images')
    })

    it('reads 2007_000001.xml as cat, person (the <part> head is not a label)', async () => {
      const items = await readAll(vocAdapter, voc2007)
      expect(items).toHaveLength(1)
      expect(items[0]!.item_id).toBe('2007_000001.jpg')
      expect(items[0]!.labels).toEqual(['cat', 'person'])
      expect(items[0]!.preview).toBe('2007_000001.jpg 20x10')
    })

    it('sniffs both files as VOC only', () => {
      expect(claimants(labelImg)).toEqual(['voc'])
      expect(claimants(voc2007)).toEqual(['voc'])
    })
  })

  describe('CoNLL / IOB', () => {
    const conllDir = path.join(CORPUS, 'conll')

    it('reads eng.testa (no blank lines, no final newline) as 1 sentence with Occasion, NominalProduct, ProductDesign', async () => {
      const items = await readAll(conllAdapter, path.join(conllDir, 'eng.testa'))
      expect(items).toHaveLength(1)
      expect(items[0]!.item_id).toBe('eng.testa:1')
      expect(items[0]!.labels).toEqual(['Occasion', 'NominalProduct', 'ProductDesign'])
      expect(items[0]!.location).toBe('lines 1-21')
      expect(items[0]!.preview.startsWith('Most wedding dresses , for example')).toBe(true)
    })

    it('reads ner-token-per-line.iob (tab-separated) as 1 block of 66 tokens with 7 entities', async () => {
      const items = await readAll(conllAdapter, path.join(conllDir, 'ner-token-per-line.iob'))
      expect(items).toHaveLength(1)
      expect(items[0]!.location).toBe('lines 1-66')
      expect(items[0]!.labels).toHaveLength(7)
      expect(countLabels(items[0]!.labels)).toEqual({ PERSON: 2, ORG: 2, DATE: 2, NORP: 1 })
    })

    it('reads the CoNLL-2003 layout as 2 sentences, 7 entities, the -DOCSTART- line not a token', async () => {
      const items = await readAll(conllAdapter, path.join(conllDir, 'ner-token-per-line-conll2003.iob'))
      expect(items.map((item) => item.item_id)).toEqual(['ner-token-per-line-conll2003.iob:1', 'ner-token-per-line-conll2003.iob:2'])
      expect(items[0]!.preview.startsWith('When Sebastian Thrun')).toBe(true)
      const labels = items.flatMap((item) => item.labels)
      expect(labels).toHaveLength(7)
      expect(countLabels(labels)).toEqual({ PERSON: 2, ORG: 2, DATE: 2, NORP: 1 })
    })

    it('sniffs the three files as CoNLL only', () => {
      for (const name of readdirSync(conllDir)) expect(claimants(path.join(conllDir, name))).toEqual(['conll'])
    })
  })
})
