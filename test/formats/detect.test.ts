import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  detectByMagicOrExtension,
  detectCompression,
  looksLikeText,
  recordExtension,
  sniffTextFormat,
} from '../../src/formats/detect.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1')

/** The head of an Arrow IPC stream: continuation marker, then a little-endian metadata length. */
function arrowStreamHead(metadataLength: number): Buffer {
  const head = Buffer.alloc(16)
  head.writeUInt32LE(0xffffffff, 0)
  head.writeUInt32LE(metadataLength, 4)
  return head
}

describe('detectByMagicOrExtension: magic bytes first', () => {
  it('recognises Parquet by PAR1 even in a file named .txt', () => {
    expect(detectByMagicOrExtension(Buffer.concat([ascii('PAR1'), Buffer.alloc(32, 0x15)]), 'notes.txt')).toBe('parquet')
  })

  it('recognises an Arrow IPC file by ARROW1 whatever the extension', () => {
    const head = Buffer.concat([ascii('ARROW1'), Buffer.alloc(2), arrowStreamHead(200)])
    expect(detectByMagicOrExtension(head, 'table.bin')).toBe('arrow')
    expect(detectByMagicOrExtension(head, 'table.csv')).toBe('arrow')
    expect(detectByMagicOrExtension(head, 'table.arrows')).toBe('arrow')
  })

  it('recognises an Arrow IPC stream by its continuation marker and metadata length', () => {
    expect(detectByMagicOrExtension(arrowStreamHead(256), 'stream.dat')).toBe('arrow-stream')
    expect(detectByMagicOrExtension(arrowStreamHead(256), 'stream.arrow')).toBe('arrow-stream')
  })

  it('does not take 0xFFFFFFFF followed by a zero or absurd length for an Arrow stream', () => {
    expect(detectByMagicOrExtension(arrowStreamHead(0), 'x.bin')).toBeNull()
    expect(detectByMagicOrExtension(arrowStreamHead(0xfffffff0), 'x.bin')).toBeNull()
  })

  it('recognises gzip and zstd by their magic bytes whatever the name', () => {
    expect(detectCompression(gzipSync(Buffer.from('{"a":1}\n')))).toBe('gzip')
    expect(detectCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00]))).toBe('zstd')
    expect(detectCompression(Buffer.from('{"a":1}\n'))).toBeNull()
    expect(detectCompression(Buffer.from([0x1f]))).toBeNull()
  })
})

describe('detectByMagicOrExtension: extension second', () => {
  const text = Buffer.from('id,text\n1,hello\n')

  it.each([
    ['train.jsonl', 'jsonl'],
    ['train.NDJSON', 'jsonl'],
    ['data.json', 'json'],
    ['table.csv', 'csv'],
    ['table.tsv', 'tsv'],
    ['table.tab', 'tsv'],
    ['notes.md', 'text'],
    ['notes.txt', 'text'],
    ['config.yaml', 'text'],
    ['dir.with.dots/train.jsonl.gz', 'jsonl'],
    ['train.csv.zst', 'csv'],
  ])('takes %s for %s when the content is text without magic', (name, format) => {
    expect(detectByMagicOrExtension(text, name)).toBe(format)
  })

  it('leaves unknown extensions and extension-less names to the fallbacks', () => {
    expect(detectByMagicOrExtension(text, 'Makefile')).toBeNull()
    expect(detectByMagicOrExtension(text, 'archive.xyz')).toBeNull()
    expect(detectByMagicOrExtension(text, 'data.gz')).toBeNull()
  })

  it('does not treat a .csv (or .jsonl, .txt) containing NUL bytes as text', () => {
    const binary = Buffer.from([0x69, 0x64, 0x2c, 0x00, 0x01, 0x02, 0x0a, 0x31, 0x2c, 0x00])
    expect(looksLikeText(binary)).toBe(false)
    expect(detectByMagicOrExtension(binary, 'table.csv')).toBeNull()
    expect(detectByMagicOrExtension(binary, 'train.jsonl')).toBeNull()
    expect(detectByMagicOrExtension(binary, 'notes.txt')).toBeNull()
  })

  it('records a dataset\'s own documentation (licence, card) as a document, not as records', () => {
    for (const name of ['LICENSE', 'README.md', 'docs/CHANGELOG', 'License.txt']) {
      expect(detectByMagicOrExtension(text, name), name).toBe('document')
    }
  })

  it('does not believe a .parquet or .arrow name on text content', () => {
    expect(detectByMagicOrExtension(text, 'fake.parquet')).toBeNull()
    expect(detectByMagicOrExtension(text, 'fake.arrow')).toBeNull()
  })

  it('reads the record extension under a compression suffix, in lower case', () => {
    expect(recordExtension('a/b/Train.JSONL.GZ')).toBe('jsonl')
    expect(recordExtension('x.zst')).toBe('zst')
    expect(recordExtension('noext')).toBe('')
  })
})

describe('sniffTextFormat', () => {
  it('takes text whose first line is a JSON object for JSON Lines', () => {
    expect(sniffTextFormat(Buffer.from('{"a": 1}\n{"a": 2}\n'))).toBe('jsonl')
    expect(sniffTextFormat(Buffer.from('\uFEFF  {"a": 1}\r\n'))).toBe('jsonl')
  })

  it('takes anything else for plain text', () => {
    expect(sniffTextFormat(Buffer.from('hello world\n'))).toBe('text')
    expect(sniffTextFormat(Buffer.from('{"a": 1, "unfinished'))).toBe('text')
    expect(sniffTextFormat(Buffer.from('[1, 2, 3]\n'))).toBe('text')
  })
})

describe('scanFile: detection on real files', () => {
  let dir: string
  const jsonl = Array.from({ length: 25 }, (_, i) => JSON.stringify({ id: i, text: `line ${i}` })).join('\n') + '\n'
  const options = { deep: false, sampleSize: 1000, pii: 'off' as const, tokens: 'off' as const, tokenScale: 16384 }

  beforeAll(() => {
    dir = makeTempDir()
    mkdirSync(path.join(dir, 'sub'))
    writeFileSync(path.join(dir, 'sub', 'really-gzip.jsonl'), gzipSync(jsonl))
    writeFileSync(path.join(dir, 'parquet.txt'), Buffer.concat([ascii('PAR1'), Buffer.alloc(40, 7)]))
    writeFileSync(path.join(dir, 'binary.csv'), Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0xff, 0x00, 0x0a]))
    writeFileSync(path.join(dir, 'no-extension'), jsonl)
  })
  afterAll(removeTempDirs)

  async function entryOf(relPath: string): Promise<Record<string, unknown>> {
    const outcome = await scanFile(path.join(dir, relPath), relPath, options)
    if (!('entry' in outcome)) throw new Error(`${relPath} unreadable: ${outcome.unreadable}`)
    return outcome.entry
  }

  it('reads a gzip file named .jsonl as gzip-compressed JSON Lines with the right record count', async () => {
    const entry = await entryOf('sub/really-gzip.jsonl')
    expect(entry).toMatchObject({ format: 'jsonl', compression: 'gzip', modality: 'text', records: 25, findings: [] })
  })

  it('reads a PAR1 file named .txt as Parquet', async () => {
    const entry = await entryOf('parquet.txt')
    expect(entry).toMatchObject({ format: 'parquet', compression: null, modality: 'tabular' })
  })

  it('does not read a .csv with NUL bytes as CSV', async () => {
    const entry = await entryOf('binary.csv')
    expect(entry.format).not.toBe('csv')
    expect(entry.records).toBeUndefined()
  })

  it('reads an extension-less file of JSON objects as JSON Lines', async () => {
    const entry = await entryOf('no-extension')
    expect(entry).toMatchObject({ format: 'jsonl', records: 25 })
  })
})

describe('JSON Lines named .json', () => {
  it('is read as JSON Lines when the first line is a whole object, and as JSON when it is not', () => {
    const lines = Buffer.from('{"text":"a"}\n{"text":"b"}\n')
    expect(detectByMagicOrExtension(lines, 'data/train.json')).toBe('jsonl')
    expect(detectByMagicOrExtension(Buffer.from('{\n  "text": "a"\n}\n'), 'data/config.json')).toBe('json')
    expect(detectByMagicOrExtension(Buffer.from('[{"text":"a"},\n{"text":"b"}]\n'), 'data/train.json')).toBe('json')
  })
})

describe('XML annotation exports', () => {
  it('are format xml whether or not they open with an XML declaration', () => {
    expect(detectByMagicOrExtension(Buffer.from('<?xml version="1.0"?>\n<annotation/>\n'), 'voc/a.xml')).toBe('xml')
    expect(detectByMagicOrExtension(Buffer.from('<annotations>\n</annotations>\n'), 'cvat/train.xml')).toBe('xml')
  })
})
