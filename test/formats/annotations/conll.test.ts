import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { conllAdapter, EntityCounter } from '../../../src/formats/annotations/conll.js'
import { DEFAULT_COLUMNS, PREVIEW_CHARS, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

function writeConll(content: string, name = 'ner.conll'): string {
  const dir = makeTempDir()
  writeTree(dir, { [name]: content })
  return path.join(dir, name)
}

async function collect(file: string): Promise<AnnotationItem[]> {
  const items: AnnotationItem[] = []
  for await (const item of conllAdapter.read(file, { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

async function readError(content: string): Promise<{ file: string; message: string }> {
  const file = writeConll(content)
  const error: unknown = await collect(file).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return { file, message: (error as UserError).message }
}

/** Entity types a tag sequence yields. */
function entities(tags: string[]): string[] {
  const counter = new EntityCounter()
  return tags.map((tag) => counter.next(tag)).filter((type): type is string => type !== null)
}

describe('CoNLL adapter', () => {
  it('gives one item per sentence, -DOCSTART- lines as document breaks, numbered across the file', async () => {
    const file = writeConll(
      [
        '-DOCSTART- -X- -X- O',
        '',
        'EU NNP B-NP B-ORG',
        'rejects VBZ B-VP O',
        'German JJ B-NP B-MISC',
        'call NN I-NP O',
        '',
        '',
        'Peter NNP B-NP B-PER',
        'Blackburn NNP I-NP I-PER',
        '-DOCSTART- -X- -X- O',
        'BRUSSELS NNP B-NP B-LOC',
        '',
      ].join('\n'),
      'eng.train',
    )
    expect(await collect(file)).toEqual([
      { item_id: 'eng.train:1', annotator: null, labels: ['ORG', 'MISC'], source_file: file, location: 'lines 3-6', preview: 'EU rejects German call' },
      { item_id: 'eng.train:2', annotator: null, labels: ['PER'], source_file: file, location: 'lines 9-10', preview: 'Peter Blackburn' },
      { item_id: 'eng.train:3', annotator: null, labels: ['LOC'], source_file: file, location: 'line 12', preview: 'BRUSSELS' },
    ])
  })

  it('reads tab-separated files with spaces inside tokens, CRLF endings, a BOM and no final newline', async () => {
    const file = writeConll('\uFEFFNew York\tB-LOC\r\nis\tO\r\n\r\nfun\tO')
    const items = await collect(file)
    expect(items.map((item) => [item.item_id, item.labels, item.preview, item.location])).toEqual([
      ['ner.conll:1', ['LOC'], 'New York is', 'lines 1-2'],
      ['ner.conll:2', [], 'fun', 'line 4'],
    ])
  })

  it('counts IOB1 entities: an I- that does not continue its type starts one', async () => {
    const file = writeConll('U.N. I-ORG\nofficial O\nEkeus I-PER\nheads O\nfor O\nBaghdad I-LOC\nand O\nBasra I-LOC\nBasra B-LOC\n')
    expect((await collect(file))[0]!.labels).toEqual(['ORG', 'PER', 'LOC', 'LOC', 'LOC'])
  })

  it('counts entities under IOB2, IOB1, BIOES and BILOU', () => {
    expect(entities(['B-PER', 'I-PER', 'O', 'B-ORG', 'B-ORG', 'I-ORG'])).toEqual(['PER', 'ORG', 'ORG'])
    expect(entities(['I-PER', 'I-PER', 'I-LOC', 'B-LOC', 'O', 'I-LOC'])).toEqual(['PER', 'LOC', 'LOC', 'LOC'])
    expect(entities(['S-PER', 'B-ORG', 'I-ORG', 'E-ORG', 'E-LOC', 'S-PER', 'S-PER'])).toEqual(['PER', 'ORG', 'LOC', 'PER', 'PER'])
    expect(entities(['U-PER', 'B-ORG', 'L-ORG', 'I-ORG', 'L-ORG'])).toEqual(['PER', 'ORG', 'ORG'])
    // an entity ends at its E-: the next I- of the same type starts a new one
    expect(entities(['B-X', 'E-X', 'I-X'])).toEqual(['X', 'X'])
  })

  it('keeps memory and preview small for a sentence with no blank lines, marking the cut', async () => {
    const tokens = Array.from({ length: 5000 }, (_, i) => `token${i} ${i % 100 === 0 ? 'B-T' : 'O'}`)
    const [item] = await collect(writeConll(tokens.join('\n')))
    expect(item!.labels).toHaveLength(50)
    expect(Array.from(item!.preview)).toHaveLength(PREVIEW_CHARS)
    expect(item!.preview.startsWith('token0 token1 token2')).toBe(true)
    expect(item!.preview.endsWith('…')).toBe(true)
    expect(item!.location).toBe('lines 1-5000')
  })

  it('rejects a line with one column, naming file and line', async () => {
    const { file, message } = await readError('EU B-ORG\nrejects\n')
    expect(message).toBe(`${file}:2: expected a token and a tag separated by a tab or spaces, found one column "rejects"`)
  })

  it('rejects a last column that is not an entity tag', async () => {
    const { file, message } = await readError('EU B-ORG\n\nrejects VBZ\n')
    expect(message).toBe(`${file}:3: expected an entity tag (O, B-TYPE, I-TYPE, …) in the last column, found "VBZ"`)
  })

  it('reads an empty file as no items', async () => {
    expect(await collect(writeConll('\n\n'))).toEqual([])
  })

  describe('sniff', () => {
    it('claims the CoNLL extensions whatever the head says', () => {
      for (const name of ['a.conll', 'b.iob', 'c.BIO', 'eng.testa', 'eng.testb', 'eng.train']) expect(conllAdapter.sniff(name, '')).toBe(true)
    })
    it('refuses CoNLL-U, even with NER-looking content', () => {
      expect(conllAdapter.sniff('a.conllu', 'EU\tB-ORG\nrejects\tO\n')).toBe(false)
    })
    it('claims other files when every line is columns ending in a tag', () => {
      expect(conllAdapter.sniff('a.txt', '-DOCSTART- -X- O O\n\nEU NNP B-ORG\nrejects VBZ O\n\nSmith\tS-PER\nsaid\tO')).toBe(true)
      expect(conllAdapter.sniff('a.tsv', 'EU\tB-ORG\nrejects\tO\nGerm')).toBe(true)
    })
    it('refuses prose, YOLO lines, a single token line and untagged columns', () => {
      expect(conllAdapter.sniff('a.txt', 'Hello world O\nThis is text\n')).toBe(false)
      expect(conllAdapter.sniff('a.txt', '0 0.5 0.5 0.1 0.2\n1 0.5 0.5 0.1 0.2\n')).toBe(false)
      expect(conllAdapter.sniff('a.txt', 'EU B-ORG\n')).toBe(false)
      expect(conllAdapter.sniff('a.tsv', 'id\tname\n1\tOslo\n')).toBe(false)
      expect(conllAdapter.sniff('a.txt', '')).toBe(false)
    })
  })
})
