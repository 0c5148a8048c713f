import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import type { FileEntry } from '../../src/records/manifest-schema.js'
import { scanFile, type ScanFileOptions } from '../../src/scan/scan-file.js'
import { REPO_ROOT } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(removeTempDirs)

// Annotation exports in the scan: recognised by the audit's adapters and counted through them.
// test/fixtures/annotations/expected.json holds the facts counted by hand (its README says how).

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'annotations')
const OPTIONS: ScanFileOptions = { deep: false, sampleSize: 1000, pii: 'sample', tokens: 'estimate', tokenScale: 1 }

interface Expected {
  modality: FileEntry['modality']
  records: number
  annotation?: FileEntry['annotation']
  findings?: { code: string; line?: number; args: Record<string, unknown> }[]
}

const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected | string>
const cases = Object.entries(expected).filter((entry): entry is [string, Expected] => typeof entry[1] !== 'string')

async function entryOf(root: string, relPath: string): Promise<FileEntry> {
  const outcome = await scanFile(path.join(root, relPath), relPath, OPTIONS)
  if ('unreadable' in outcome) throw new Error(`${relPath}: unreadable (${outcome.unreadable})`)
  return outcome.entry
}

describe('annotation exports in the scan (test/fixtures/annotations)', () => {
  it.each(cases)('%s', async (relPath, want) => {
    const entry = await entryOf(FIXTURES, relPath)
    expect(entry.modality).toBe(want.modality)
    expect(entry.records).toBe(want.records)
    expect(entry.annotation).toEqual(want.annotation)
    const findings = entry.findings.map((f) => ({
      code: f.code,
      ...(f.location.kind === 'file' && f.location.line !== undefined && { line: f.location.line }),
      args: f.args,
    }))
    expect(findings).toEqual(want.findings ?? [])
    // An export its adapter read has no schema: the plain one mixes the export's parts.
    if (want.annotation) expect(entry.schema).toBeUndefined()
  })

  it('COCO gives images, annotations and categories, not the sum of its four lists', async () => {
    const entry = await entryOf(FIXTURES, 'coco-min.json')
    // 1 licence + 1 image + 2 annotations + 2 categories = 6 records as plain JSON (coco-bad.json
    // is recorded so); as COCO, 1 image with 2 annotations over 2 categories.
    expect(entry).toMatchObject({ format: 'json', modality: 'annotation', records: 1, annotation: { format: 'coco', items: 1, annotations: 2, labels: 2 } })
    expect(entry.annotation).not.toHaveProperty('annotators')
  })

  it('keeps the content and personal-information facts of the plain records', async () => {
    const entry = await entryOf(FIXTURES, 'label-studio/tasks.json')
    // Two tasks, read as the JSON reader splits them.
    expect(entry.content?.records).toBe(2)
    expect(entry.pii?.records).toBe(2)
  })

  it('leaves a compressed export to its plain format (the adapters read files from disk)', async () => {
    const dir = makeTempDir()
    writeFileSync(path.join(dir, 'coco-min.json.gz'), gzipSync(readFileSync(path.join(FIXTURES, 'coco-min.json'))))
    const entry = await entryOf(dir, 'coco-min.json.gz')
    // 1 licence + 1 image + 2 annotations + 2 categories, as plain JSON.
    expect(entry).toMatchObject({ format: 'json', compression: 'gzip', modality: 'text', records: 6 })
    expect(entry.annotation).toBeUndefined()
  })

  it('writes no absolute path into a finding', async () => {
    const entry = await entryOf(FIXTURES, 'coco-bad.json')
    expect(JSON.stringify(entry)).not.toContain(REPO_ROOT)
  })
})

// The third-party corpus beside the repository: the counts come from its MANIFEST.md rows.
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus')

function manifestRow(relPath: string): string {
  const row = readFileSync(path.join(CORPUS, 'MANIFEST.md'), 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`| \`${relPath}\``))
  if (!row) throw new Error(`MANIFEST.md has no row for ${relPath}`)
  return row
}

interface CorpusCase {
  file: string
  /** the MANIFEST.md facts the expected counts are read from */
  facts: string
  annotation: NonNullable<FileEntry['annotation']>
}

const CORPUS_CASES: CorpusCase[] = [
  {
    file: 'annotations/coco/instances_val.json',
    facts: "images=1; annotations=2; categories=3 {1: 'a', 2: 'b', 4: 'c'}; annotations per category={'a': 1, 'b': 1}",
    // c is declared but unused; COCO names no annotator.
    annotation: { format: 'coco', items: 1, annotations: 2, labels: 2 },
  },
  {
    file: 'annotations/label-studio/test_export_csv/csv_test2.json',
    facts: 'tasks=1; annotations=1 (was_cancelled=true: 0); distinct annotators (completed_by id)=1 [1]; annotations per annotator={1: 1}; result regions=1',
    annotation: { format: 'label-studio', items: 1, annotations: 1, labels: 1, annotators: 1, modalities: { text: 1 } },
  },
  {
    file: 'annotations/label-studio/test_export_json_min/data.json',
    facts: "tasks=1; annotations=1 (was_cancelled=true: 0); distinct annotators (completed_by id)=1 [1]; annotations per annotator={1: 1}; result regions=1; result types={'polygonlabels': 1}; predictions=0; label values (occurrences)={'Airplane': 1}",
    annotation: { format: 'label-studio', items: 1, annotations: 1, labels: 1, annotators: 1, modalities: { image: 1 } },
  },
  {
    file: 'annotations/cvat/train.xml',
    facts: "images=2; image-level shapes=4 by type {'box': 1, 'polyline': 1, 'polygon': 1, 'points': 1}; shapes by label {'label1': 1, '': 2, 'label2': 1}",
    // The two shapes labelled "" are annotations without a label value; the task names nobody.
    annotation: { format: 'cvat', items: 2, annotations: 4, labels: 2 },
  },
  {
    file: 'annotations/pascal-voc/C1_P01_N1_S2_1.xml',
    facts: "objects=10; object names={'chesterfield': 5, 'muratti': 5}",
    annotation: { format: 'voc', items: 1, annotations: 10, labels: 2 },
  },
  {
    file: 'annotations/pascal-voc/2007_000001.xml',
    facts: "objects=2; object names={'cat': 1, 'person': 1}",
    annotation: { format: 'voc', items: 1, annotations: 2, labels: 2 },
  },
  {
    file: 'annotations/doccano/sequence_labeling/example.jsonl',
    facts: "records=3; keys=['label', 'text']; label occurrences={'ORG': 1, 'MISC': 1, 'PERSON': 2}; spans=4",
    // doccano names the annotator by the export's file name: "example".
    annotation: { format: 'doccano', items: 3, annotations: 4, labels: 3, annotators: 1 },
  },
  {
    file: 'annotations/doccano/text_classification/example.jsonl',
    facts: "records=3; keys=['label', 'text']; label occurrences={'negative': 1, 'positive': 2}",
    annotation: { format: 'doccano', items: 3, annotations: 3, labels: 2, annotators: 1 },
  },
  {
    file: 'annotations/prodigy/annotated_github-issues-DOCUMENTATION-textcat.jsonl',
    facts: "records=830; answer counts={'reject': 525, 'accept': 261, 'ignore': 44}; label counts={'DOCUMENTATION': 830}",
    // A binary decision is its label with its answer: DOCUMENTATION (accept | reject | ignore).
    // The lines carry no _annotator_id or _session_id (checked with Python's json module).
    annotation: { format: 'prodigy', items: 830, annotations: 830, labels: 3 },
  },
  {
    file: 'annotations/conll/eng.testa',
    facts: "sentences=1; tokens=21; -DOCSTART- lines=0; columns per token={4: 21} (space-separated); entities (B- tags)=3 by type {'Occasion': 1, 'NominalProduct': 1, 'ProductDesign': 1}",
    annotation: { format: 'conll', items: 1, annotations: 3, labels: 3 },
  },
  {
    file: 'annotations/conll/ner-token-per-line.iob',
    facts: "sentences=1; tokens=66; -DOCSTART- lines=0; columns per token={2: 66} (tab-separated); entities (B- tags)=7 by type {'PERSON': 2, 'ORG': 2, 'DATE': 2, 'NORP': 1}",
    annotation: { format: 'conll', items: 1, annotations: 7, labels: 4 },
  },
  {
    file: 'annotations/conll/ner-token-per-line-conll2003.iob',
    facts: "sentences=2; tokens=66; -DOCSTART- lines=1; columns per token={4: 66} (space-separated); entities (B- tags)=7 by type {'PERSON': 2, 'ORG': 2, 'DATE': 2, 'NORP': 1}",
    annotation: { format: 'conll', items: 2, annotations: 7, labels: 4 },
  },
  ...(
    [
      ['img_1', "boxes (lines)=4; class ids={'0': 2, '2': 1, '3': 1}", 4, 3],
      ['img_2', "boxes (lines)=4; class ids={'0': 2, '2': 1, '3': 1}", 4, 3],
      ['img_3', "boxes (lines)=4; class ids={'0': 2, '2': 1, '3': 1}", 4, 3],
      ['img_4', "boxes (lines)=4; class ids={'0': 2, '2': 1, '3': 1}", 4, 3],
      ['img_5', "boxes (lines)=3; class ids={'0': 1, '2': 2}", 3, 2],
      ['img_6', "boxes (lines)=4; class ids={'0': 1, '1': 1, '2': 1, '3': 1}", 4, 4],
      ['img_7', "boxes (lines)=2; class ids={'2': 1, '3': 1}", 2, 2],
    ] as const
  ).map(([name, facts, annotations, labels]) => ({
    file: `annotations/yolo/test_import_yolo_data/labels/${name}.txt`,
    facts,
    annotation: { format: 'yolo', items: 1, annotations, labels },
  })),
]

describe.skipIf(!existsSync(CORPUS))('annotation exports of ../shared/corpus in the scan (skipped: ../shared/corpus absent)', () => {
  it.each(CORPUS_CASES.map((c) => [c.file, c] as const))('%s', async (_, c) => {
    expect(manifestRow(c.file)).toContain(c.facts)
    const entry = await entryOf(CORPUS, c.file)
    expect(entry.modality).toBe('annotation')
    expect(entry.annotation).toEqual(c.annotation)
    expect(entry.records).toBe(c.annotation.items)
    expect(entry.findings).toEqual([])
  })

  it('leaves the YOLO class list a text file', async () => {
    const file = 'annotations/yolo/test_import_yolo_data/classes.txt'
    expect(manifestRow(file)).toContain("classes=4: ['closed_door', 'opened_door', 'bus', 'number']")
    const entry = await entryOf(CORPUS, file)
    expect(entry).toMatchObject({ format: 'text', modality: 'text', records: 4 })
    expect(entry.annotation).toBeUndefined()
  })
})
