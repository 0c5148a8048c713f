import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { readAnnotations, sniffFormat } from '../../../src/formats/annotations/read-annotations.js'
import { DEFAULT_COLUMNS, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { REPO_ROOT } from '../../helpers/exec.js'

// Only the JSON/JSONL formats are checked here; the XML, YOLO and CoNLL adapters (another
// module's) are stood in by adapters that claim nothing, so `auto` sniffing is this module's own.
vi.mock('../../../src/formats/annotations/cvat.js', () => ({ cvatAdapter: { format: 'cvat', sniff: () => false, read: async function* () {} } }))
vi.mock('../../../src/formats/annotations/voc.js', () => ({ vocAdapter: { format: 'voc', sniff: () => false, read: async function* () {} } }))
vi.mock('../../../src/formats/annotations/yolo.js', () => ({ yoloAdapter: { format: 'yolo', sniff: () => false, read: async function* () {} } }))
vi.mock('../../../src/formats/annotations/conll.js', () => ({ conllAdapter: { format: 'conll', sniff: () => false, read: async function* () {} } }))

// Real files written by other projects; read in place, never copied into this repository.
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus')
const ANNOTATIONS = path.join(CORPUS, 'annotations')

async function readAuto(...relPaths: string[]): Promise<AnnotationItem[]> {
  const items: AnnotationItem[] = []
  for await (const item of readAnnotations(relPaths.map((p) => path.join(ANNOTATIONS, p)), 'auto', { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

/** The MANIFEST.md table row of a corpus file: the facts asserted below are quoted from it. */
function manifestRow(relPath: string): string {
  const manifest = readFileSync(path.join(CORPUS, 'MANIFEST.md'), 'utf8')
  const row = manifest.split('\n').find((line) => line.startsWith(`| \`annotations/${relPath}\``))
  if (!row) throw new Error(`MANIFEST.md has no row for annotations/${relPath}`)
  return row
}

function tally(values: readonly (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1
  return counts
}

describe.skipIf(!existsSync(CORPUS))('JSON annotation adapters over ../shared/corpus (skipped: ../shared/corpus absent)', () => {
  it('Label Studio csv_test2.json: one annotation by test@heartex.com, choice value kept byte for byte', async () => {
    const file = 'label-studio/test_export_csv/csv_test2.json'
    expect(manifestRow(file)).toContain("tasks=1; annotations=1 (was_cancelled=true: 0); distinct annotators (completed_by id)=1 [1]")
    expect(await sniffFormat(path.join(ANNOTATIONS, file))).toBe('label-studio')
    const items = await readAuto(file)
    expect(items).toEqual([
      {
        item_id: '4',
        // completed_by is the object {id: 1, email: "test@heartex.com", …}: the e-mail wins.
        annotator: 'test@heartex.com',
        labels: ['Yes " "" \n \t \t а б в \n'],
        source_file: path.join(ANNOTATIONS, file),
        location: 'task 4, annotation 9',
        modality: 'text',
        preview: 'rawWork:spotify:publisher:WCPWW008648058000',
      },
    ])
  })

  it('Label Studio data.json: one polygon labelled Airplane by user 1', async () => {
    const file = 'label-studio/test_export_json_min/data.json'
    expect(manifestRow(file)).toContain("label values (occurrences)={'Airplane': 1}")
    expect(await sniffFormat(path.join(ANNOTATIONS, file))).toBe('label-studio')
    const items = await readAuto(file)
    expect(items.map((i) => [i.item_id, i.annotator, i.labels, i.location, i.preview])).toEqual([['87', '1', ['Airplane'], 'task 87, annotation 22', '/data/upload/29/example.png']])
  })

  it('COCO instances_val.json: image 40 with labels a and b, no annotator', async () => {
    const file = 'coco/instances_val.json'
    expect(manifestRow(file)).toContain("images=1; annotations=2; categories=3 {1: 'a', 2: 'b', 4: 'c'}; annotations per category={'a': 1, 'b': 1}")
    expect(await sniffFormat(path.join(ANNOTATIONS, file))).toBe('coco')
    const items = await readAuto(file)
    expect(items.map((i) => [i.item_id, i.annotator, i.labels, i.location, i.preview])).toEqual([['40', null, ['a', 'b'], 'image 40', 'b.jpg']])
  })

  it('doccano sequence labelling: 3 lines, spans ORG 1, MISC 1, PERSON 2', async () => {
    const file = 'doccano/sequence_labeling/example.jsonl'
    expect(manifestRow(file)).toContain("records=3; keys=['label', 'text']; label occurrences={'ORG': 1, 'MISC': 1, 'PERSON': 2}; spans=4")
    expect(await sniffFormat(path.join(ANNOTATIONS, file))).toBe('doccano')
    const items = await readAuto(file)
    expect(items).toHaveLength(3)
    expect(tally(items.flatMap((i) => i.labels))).toEqual({ ORG: 1, MISC: 1, PERSON: 2 })
    // No id in the records: file name and line; the annotator is the file's stem (per-user export).
    expect(items.map((i) => i.item_id)).toEqual(['example.jsonl:1', 'example.jsonl:2', 'example.jsonl:3'])
    expect(tally(items.map((i) => i.annotator))).toEqual({ example: 3 })
    expect(items[0]!.preview).toBe('EU rejects German call to boycott British lamb.')
  })

  it('doccano text classification: 3 lines, negative 1, positive 2', async () => {
    const file = 'doccano/text_classification/example.jsonl'
    expect(manifestRow(file)).toContain("records=3; keys=['label', 'text']; label occurrences={'negative': 1, 'positive': 2}")
    expect(await sniffFormat(path.join(ANNOTATIONS, file))).toBe('doccano')
    const items = await readAuto(file)
    expect(items.map((i) => i.labels)).toEqual([['negative'], ['positive'], ['positive']])
  })

  it('doccano directory: both exports in path order', async () => {
    const items = await readAuto('doccano')
    expect(items.map((i) => path.relative(ANNOTATIONS, i.source_file))).toEqual([
      ...Array<string>(3).fill(path.join('doccano', 'sequence_labeling', 'example.jsonl')),
      ...Array<string>(3).fill(path.join('doccano', 'text_classification', 'example.jsonl')),
    ])
  })

  it('Prodigy textcat: 830 decisions on DOCUMENTATION, reject 525 / accept 261 / ignore 44', async () => {
    const file = 'prodigy/annotated_github-issues-DOCUMENTATION-textcat.jsonl'
    expect(manifestRow(file)).toContain("records=830; answer counts={'reject': 525, 'accept': 261, 'ignore': 44}; label counts={'DOCUMENTATION': 830}; distinct _input_hash=830")
    expect(await sniffFormat(path.join(ANNOTATIONS, file))).toBe('prodigy')
    const items = await readAuto(file)
    expect(items).toHaveLength(830)
    expect(new Set(items.map((i) => i.item_id)).size).toBe(830)
    expect(tally(items.flatMap((i) => i.labels))).toEqual({ 'DOCUMENTATION (reject)': 525, 'DOCUMENTATION (accept)': 261, 'DOCUMENTATION (ignore)': 44 })
    // This older export has no _annotator_id or _session_id.
    expect(tally(items.map((i) => i.annotator))).toEqual({ null: 830 })
    expect(items[2]).toMatchObject({ item_id: '-389790845', location: 'line 3', preview: 'Describe streaming arguments in docs' })
  })
})
