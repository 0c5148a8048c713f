import { execFileSync } from 'node:child_process'
import { appendFileSync, chmodSync, closeSync, cpSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { zipSync } from 'fflate'
import { ByteWriter, ParquetWriter } from 'hyparquet-writer'
import { expect } from 'vitest'
import { parse as parseYaml } from 'yaml'
import type { Manifest } from '../../src/records/manifest-schema.js'
import { writeBigCoco } from '../helpers/big-coco.js'
import { REPO_ROOT } from '../helpers/exec.js'
import { mutate } from '../fuzz/mutate.js'
import { writeBigJsonl } from '../helpers/processes.js'
import type { CaseRun, During } from './run-case.js'

/**
 * The adversarial corpus: each case builds its hostile input in a fresh dataset folder (nothing
 * binary is committed), names the tdgov command a user or CI would run on it, and says what a
 * correct outcome is beyond the suite's common checks (exit 0, 1 or 2; no stack trace; one line
 * when it exits 2; peak RSS under 300 MB; the canary outside untouched).
 */
export interface AdversarialCase {
  id: string
  /** the issue's words for it, or "already held" for a promise that held before */
  why: string
  build: (dataset: string, scratch: string) => string[]
  /** what happens to the running command once a file is open (a signal, a change to the data) */
  during?: (dataset: string) => During
  check?: (run: CaseRun, dataset: string, scratch: string) => void
  /** why the case cannot run here, when it cannot */
  skip?: string
}

const manifestOf = (dataset: string): Manifest => JSON.parse(readFileSync(path.join(dataset, '.tdgov', 'manifest.json'), 'utf8')) as Manifest
/** Every file of the dataset's scan cache, whatever its version (two files: the index and the entries). */
const cacheFiles = (dataset: string): string[] => {
  const files = readdirSync(path.join(dataset, '.tdgov', 'cache')).map((f) => path.join(dataset, '.tdgov', 'cache', f))
  expect(files.length).toBeGreaterThanOrEqual(2)
  return files
}
const codesOf = (dataset: string, file: string): string[] => manifestOf(dataset).files.find((f) => f.path === file)?.findings.map((f) => f.code) ?? []

/**
 * The issue's COCO has 7M annotations (a 1.1 GB file here); generating and scanning it takes
 * minutes, so the suite reads 1M (160 MB, which the whole-file parse took some 750 MB for) unless
 * ADVERSARIAL_FULL=1.
 */
const COCO_ANNOTATIONS = process.env.ADVERSARIAL_FULL === '1' ? 7_000_000 : 1_000_000
const COCO_IMAGES = Math.round(COCO_ANNOTATIONS / 14)

/**
 * The demo project with an audit record drawn from its Label Studio export (13 of 66 items, so a
 * sheet may have 113 rows): the record a hostile sheet is scored against, the project's tdgov.yaml
 * and the sheet audit sample wrote.
 */
function demoAudit(d: string): { record: string; config: string; sheet: string } {
  cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), d, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  const config = path.join(d, 'tdgov.yaml')
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'tdgov.js'), 'audit', 'sample', path.join(d, 'annotations', 'label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', config], { stdio: 'ignore' })
  const record = path.join(d, '.tdgov', 'audits', 'annotation-282278bae6af.json')
  return { record, config, sheet: record.replace(/\.json$/, '.csv') }
}

/** `head`, then `body` repeated until the file passes `bytes`, written without holding it. */
function writeRepeated(file: string, head: string, body: string, bytes: number): void {
  const fd = openSync(file, 'w')
  try {
    let written = writeSync(fd, head)
    const chunk = body.repeat(Math.max(1, Math.floor((8 << 20) / body.length)))
    while (written < bytes) written += writeSync(fd, chunk)
  } finally {
    closeSync(fd)
  }
}

/** `n` distinct short JSON keys (three or four printable characters, none needing an escape). */
function distinctKeys(n: number): string[] {
  const alphabet = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => c !== '"' && c !== '\\')
  const keys: string[] = []
  for (let i = 0; keys.length < n; i++) {
    const width = i < alphabet.length ** 3 ? 3 : 4
    let key = width === 4 ? '~' : ''
    for (let j = 0, v = i % alphabet.length ** 3; j < 3; j++, v = Math.floor(v / alphabet.length)) key += alphabet[v % alphabet.length]
    keys.push(key)
  }
  return keys
}

const CONFIG = 'dataset: {name: hostile, intended_use: research}\nsources:\n  - {id: all, name: all, kind: self-collected, license: CC-BY-4.0, personal_information: none, paths: ["**"]}\n'

const isRoot = process.getuid?.() === 0
const tdgov = (...args: string[]): void => {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'tdgov.js'), ...args], { stdio: 'ignore' })
}
/** A dataset scanned once (its manifest kept in the scratch folder), then given a 200 MB file, so a second scan is interrupted while reading it. */
function scannedThenBig(d: string, scratch: string): void {
  writeFileSync(path.join(d, 'small.jsonl'), '{"text":"small"}\n')
  tdgov('scan', d)
  cpSync(path.join(d, '.tdgov', 'manifest.json'), path.join(scratch, 'previous.json'))
  writeBigJsonl(path.join(d, 'big.jsonl'), 200 * 1000 * 1000)
}
/** The previous manifest byte for byte, and no temporary file anywhere in .tdgov. */
function expectPreviousKept(d: string, scratch: string): void {
  expect(readFileSync(path.join(d, '.tdgov', 'manifest.json')).equals(readFileSync(path.join(scratch, 'previous.json'))), 'the previous manifest was overwritten').toBe(true)
  expect(readdirSync(path.join(d, '.tdgov'), { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'))).toEqual([])
}
/** A finding's words that are JavaScript's, not tdgov's (the fuzz run's list). */
const JS_INTERNALS = /Cannot read properties|Cannot destructure|is not a function|is not iterable|of undefined|of null|Maximum call stack|Invalid array length|Invalid string length|RangeError|TypeError|ReferenceError/

export const CASES: AdversarialCase[] = [
  // Writes outside the dataset or over the user's data
  {
    id: 'tdgov-folder-is-a-link',
    why: 'a dataset whose .tdgov is a symlink makes tdgov scan write the manifest and cache wherever it points',
    build: (d, scratch) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      mkdirSync(path.join(scratch, 'elsewhere'))
      symlinkSync(path.join(scratch, 'elsewhere'), path.join(d, '.tdgov'))
      return ['scan', d]
    },
    check: (run, _d, scratch) => {
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('is a symbolic link')
      expect(execFileSync('ls', ['-A', path.join(scratch, 'elsewhere')], { encoding: 'utf8' })).toBe('')
    },
  },
  {
    id: 'cache-folder-is-a-link',
    why: 'a dataset whose .tdgov/cache is a symlink makes tdgov scan write the cache wherever it points',
    build: (d, scratch) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      mkdirSync(path.join(scratch, 'elsewhere'))
      mkdirSync(path.join(d, '.tdgov'))
      symlinkSync(path.join(scratch, 'elsewhere'), path.join(d, '.tdgov', 'cache'))
      return ['scan', d]
    },
    check: (run, _d, scratch) => {
      expect(run.status).toBe(0)
      expect(execFileSync('ls', ['-A', path.join(scratch, 'elsewhere')], { encoding: 'utf8' })).toBe('')
    },
  },
  {
    id: 'out-onto-a-data-file',
    why: 'tdgov scan d --out d/data.jsonl replaces the data file with the manifest',
    build: (d) => {
      writeFileSync(path.join(d, 'data.jsonl'), '{"text":"a"}\n')
      return ['scan', d, '--out', path.join(d, 'data.jsonl')]
    },
    check: (run, d) => {
      expect(run.status).toBe(2)
      expect(readFileSync(path.join(d, 'data.jsonl'), 'utf8')).toBe('{"text":"a"}\n')
    },
  },
  {
    id: 'rules-document-dev-zero',
    why: 'a labelling-rules document: /dev/zero grows to 7.6 GB',
    build: (d) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      writeFileSync(path.join(d, 'tdgov.yaml'), `${CONFIG}labelling_rules:\n  - {id: r, version: "1", kind: functional, labels: [x], document: /dev/zero}\n`)
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'tdgov.js'), 'scan', d], { stdio: 'ignore' })
      return ['check', d, '--no-tree', '--format', 'json']
    },
    check: (run) => {
      expect(run.status).toBe(1)
      const gate = JSON.parse(run.stdout) as { findings: { code: string; args: Record<string, unknown> }[] }
      expect(gate.findings.find((f) => f.code === 'RULES_DOCUMENT_MISSING')?.args.reason).toBe('outside')
    },
  },
  {
    id: 'rules-document-etc-shadow',
    why: 'document: /etc/shadow is accepted and hashed',
    build: (d) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      writeFileSync(path.join(d, 'tdgov.yaml'), `${CONFIG}labelling_rules:\n  - {id: r, version: "1", kind: functional, labels: [x], document: /etc/shadow}\n`)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(JSON.stringify(manifestOf(d))).not.toMatch(/shadow.{0,40}[0-9a-f]{64}/)
    },
  },
  // Crashes that lose the whole scan (the config part)
  {
    id: 'config-50mb',
    why: 'a 50 MB tdgov.yaml: heap limit, exit 134',
    build: (d) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      writeFileSync(path.join(d, 'tdgov.yaml'), `${CONFIG}# ${'x'.repeat(50 * 1024 * 1024)}\n`)
      return ['scan', d]
    },
    check: (run) => {
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('a configuration may hold at most')
    },
  },
  {
    id: 'config-alias-bomb',
    why: 'a YAML alias bomb: exit 3 instead of a config error',
    build: (d) => {
      const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
      for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`)
      writeFileSync(path.join(d, 'tdgov.yaml'), lines.join('\n') + '\n')
      return ['scan', d]
    },
    check: (run) => {
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('Excessive alias count')
    },
  },
  // A tampered audit record
  {
    id: 'audit-record-cut-to-3-rows',
    why: 'a record cut to 3 of its 13 sampled rows, with a matching sheet, scores ACCEPT … n=13 … 0 defects',
    build: (d) => {
      const { record, config } = demoAudit(d)
      const cut = JSON.parse(readFileSync(record, 'utf8')) as { sample: unknown[] }
      cut.sample = cut.sample.slice(0, 3)
      writeFileSync(record, JSON.stringify(cut, null, 2) + '\n')
      const sheet = path.join(d, 'governance', 'cut.csv')
      writeFileSync(sheet, readFileSync(path.join(d, 'governance', 'sentiment-review.csv'), 'utf8').split('\n').slice(0, 4).join('\n') + '\n')
      return ['audit', 'score', sheet, '--record', record, '--config', config]
    },
    check: (run) => {
      expect(run.status).toBe(1)
      expect(run.stdout).toContain('NOT ACCEPTED')
      expect(run.stdout).not.toMatch(/^ACCEPT/m)
    },
  },
  {
    id: 'oversized-review-sheet-csv',
    why: 'oversized review sheets over 1 GB: a 1.1 GB CSV of sample rows, scored with --max-sheet-bytes raised past it',
    build: (d) => {
      const { record, config, sheet } = demoAudit(d)
      const [header, row] = readFileSync(sheet, 'utf8').split('\n')
      const big = path.join(d, 'governance', 'big.csv')
      writeRepeated(big, `${header!}\n`, `${row!}\n`, 1100 * 1024 * 1024)
      return ['audit', 'score', big, '--record', record, '--config', config, '--max-sheet-bytes', String(2 * 1024 * 1024 * 1024)]
    },
    check: (run) => {
      expect(run.status).toBe(2)
      expect(run.stderr).toMatch(/big\.csv: more than 113 rows/)
    },
  },
  {
    id: 'oversized-review-sheet-jsonl-newlines',
    why: 'oversized review sheets: 60 MiB of newlines, within the 64 MiB bound, took 937 MB',
    build: (d) => {
      const { record, config } = demoAudit(d)
      const sheet = path.join(d, 'governance', 'blank.jsonl')
      writeRepeated(sheet, '', '\n', 60 * 1024 * 1024)
      return ['audit', 'score', sheet, '--record', record, '--config', config]
    },
    check: (run) => {
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('is missing from the sheet')
    },
  },
  {
    id: 'oversized-review-sheet-xlsx',
    why: 'oversized review sheets: an xlsx whose sheet XML unpacks to 300 MB while its zip directory says 1 KB',
    build: (d) => {
      const { record, config } = demoAudit(d)
      const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
      const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat((300 << 20) / row.length)}</sheetData></worksheet>`
      const zip = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/worksheets/sheet1.xml': new TextEncoder().encode(xml) }, { level: 6 })
      // every entry's uncompressed size, in its local header (offset 22) and the central directory (24), says 1,000
      const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
      for (let at = 0; at + 30 < zip.length; at++) {
        const signature = view.getUint32(at, true)
        if (signature === 0x04034b50) view.setUint32(at + 22, 1000, true)
        else if (signature === 0x02014b50) view.setUint32(at + 24, 1000, true)
      }
      const sheet = path.join(d, 'governance', 'bomb.xlsx')
      writeFileSync(sheet, zip)
      return ['audit', 'score', sheet, '--record', record, '--config', config]
    },
    check: (run) => expect(run.status).toBe(2),
  },
  // Silent omissions
  {
    id: 'names-with-cr-and-separators',
    why: 'names containing \r, U+2028 or U+2029, and everything under such a folder, are missing from the manifest with no finding',
    build: (d) => {
      for (const name of ['a\rb.jsonl', 'line\u2028sep.jsonl', 'para\u2029sep.jsonl']) writeFileSync(path.join(d, name), '{"text":"x"}\n')
      mkdirSync(path.join(d, 'folder\u2028name'))
      writeFileSync(path.join(d, 'folder\u2028name', 'inner.jsonl'), '{"text":"y"}\n')
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const paths = manifestOf(d).files.map((f) => f.path)
      for (const p of ['a\rb.jsonl', 'line\u2028sep.jsonl', 'para\u2029sep.jsonl', 'folder\u2028name/inner.jsonl']) expect(paths).toContain(p)
      // and the summary shows them escaped, never raw
      expect(run.stdout).not.toMatch(/[\r\u2028\u2029]/)
    },
  },
  {
    id: 'name-not-utf8',
    why: 'names that are not valid UTF-8 get FILE_UNREADABLE "ENOENT (open)" with U+FFFD in the recorded path',
    build: (d) => {
      writeFileSync(Buffer.concat([Buffer.from(d + '/bad'), Buffer.from([0xff]), Buffer.from('name.jsonl')]), '{"text":"x"}\n')
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const manifest = manifestOf(d)
      expect(manifest.files.find((f) => f.path === 'bad\\xffname.jsonl')?.records).toBe(1)
      expect(manifest.findings.find((f) => f.code === 'PATH_ESCAPED')?.location).toEqual({ kind: 'file', path: 'bad\\xffname.jsonl' })
    },
  },
  {
    id: 'nul-byte-in-jsonl',
    why: 'one NUL byte in the first MiB of a 10k-line JSONL makes it binary, 0 records, no finding',
    build: (d) => {
      const lines = Array.from({ length: 10_000 }, (_, i) => `{"text":"line ${i}"}`)
      lines[5] = '{"text":"a\u0000b"}'.replace('\\u0000', '\u0000')
      writeFileSync(path.join(d, 'data.jsonl'), lines.join('\n') + '\n')
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'data.jsonl')!
      expect(entry.format).toBe('jsonl')
      expect(entry.findings.map((f) => f.code)).toContain('CONTENT_LOOKS_BINARY')
    },
  },
  // Crashes that lose the whole scan
  {
    id: 'single-line-200mb-jsonl',
    why: 'a 200 MB single-line JSONL: V8 "invalid size" fatal error, exit 133',
    build: (d) => {
      writeFileSync(path.join(d, 'one.jsonl'), `{"text":"${'a'.repeat(200 * 1024 * 1024)}"}\n`)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(codesOf(d, 'one.jsonl')).toContain('RECORD_TOO_LONG')
    },
  },
  {
    id: 'json-nested-100k',
    why: 'a .json nested 100k deep: exit 3 "Maximum call stack size exceeded"',
    build: (d) => {
      writeFileSync(path.join(d, 'deep.json'), '['.repeat(100_000) + ']'.repeat(100_000))
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(codesOf(d, 'deep.json')).toContain('NESTING_TOO_DEEP')
    },
  },
  {
    id: 'audit-source-csv-unclosed-quote',
    why: 'audit sample --source over a CSV with an unclosed quote: exit 3 "Quote Not Closed"',
    build: (d) => {
      writeFileSync(path.join(d, 'open.csv'), 'id,text\n1,"never closed\n2,b\n3,c\n')
      writeFileSync(path.join(d, 'tdgov.yaml'), CONFIG)
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'tdgov.js'), 'scan', d], { stdio: 'ignore' })
      return ['audit', 'sample', '--source', 'all', '--seed', 'x', '--size', '10', '--config', path.join(d, 'tdgov.yaml')]
    },
    // one line naming the file, the line where the quote opens and that it never closes (it said "no items to sample")
    check: (run) => {
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('open.csv:2: the quote that opens a cell on this line is never closed')
    },
  },
  // Hangs
  {
    id: 'letters-without-spaces-1mb',
    why: 'the token estimate is quadratic in a run of letters without spaces (1 MB > 120 s)',
    build: (d) => {
      writeFileSync(path.join(d, 'run.jsonl'), `{"text":"${'abcdefghij'.repeat(100_000)}"}\n`)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(manifestOf(d).content.tokens).not.toBeNull()
    },
  },
  {
    id: 'dna-records',
    why: 'three 200 kB DNA records take 26.6 s',
    build: (d) => {
      const bases = 'ACGT'
      let dna = ''
      for (let i = 0; i < 200_000; i++) dna += bases[(i * 7919) % 4]
      writeFileSync(path.join(d, 'dna.jsonl'), [0, 1, 2].map(() => JSON.stringify({ sequence: dna })).join('\n') + '\n')
      return ['scan', d]
    },
    check: (run) => expect(run.status).toBe(0),
  },
  {
    id: 'long-line-in-gzip',
    why: 'a long line inside gzip never finishes (the line reader re-concatenates its carry on every chunk)',
    build: (d) => {
      writeFileSync(path.join(d, 'long.jsonl.gz'), gzipSync(Buffer.from(`{"text":"${'xy'.repeat(25 * 1024 * 1024)}"}\n`)))
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(codesOf(d, 'long.jsonl.gz').some((c) => c === 'RECORD_TOO_LONG' || c === 'DECOMPRESSION_LIMIT')).toBe(true)
    },
  },
  // Memory
  {
    id: 'zstd-bomb',
    why: 'a 33 KB zstd bomb takes 2.2 GB (the 64 KB head is decompressed whole)',
    build: (d) => {
      const plain = path.join(d, '..', 'zeros.jsonl')
      writeFileSync(plain, Buffer.from('{"a":0}\n'.repeat(128 * 1024 * 1024 / 8)))
      execFileSync('zstd', ['-q', '-19', '--long=27', '-f', plain, '-o', path.join(d, 'bomb.jsonl.zst')])
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(codesOf(d, 'bomb.jsonl.zst')).toContain('DECOMPRESSION_LIMIT')
    },
  },
  {
    id: 'coco-7m-annotations',
    why: 'COCO with 7M annotations 2.1 GB and "Invalid string length" above 512 MB',
    build: (d) => {
      writeBigCoco(path.join(d, 'instances.json'), { images: COCO_IMAGES, annotations: COCO_ANNOTATIONS, categories: 80 })
      // a budget far below the count's time: reading the export tells the analysis thread it advances
      return ['scan', d, '--max-analysis-seconds', '2']
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'instances.json')!
      // the generator's shape: annotation a on image a % images + 1 with category a % 80 + 1
      expect(entry.annotation).toEqual({ format: 'coco', items: COCO_IMAGES, annotations: COCO_ANNOTATIONS, labels: 80 })
      expect(entry.findings.map((f) => f.code)).not.toContain('ANNOTATION_EXPORT_INVALID')
      expect(entry.findings.map((f) => f.code)).not.toContain('ANALYSIS_STOPPED')
    },
  },
  {
    id: 'csv-unterminated-quote',
    why: 'an unterminated quote in a 330 MB CSV takes 1.6 GB',
    build: (d) => {
      // 330 MB, as in the issue: the quote opened on line 2 is never closed
      const fd = openSync(path.join(d, 'open.csv'), 'w')
      writeSync(fd, 'id,text\n1,"never closed\n')
      const block = Array.from({ length: 10_000 }, (_, i) => `${i},some text that goes on and on and on, and on\n`).join('')
      for (let written = 0; written < 330_000_000; written += block.length) writeSync(fd, block)
      closeSync(fd)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(statSync(path.join(d, 'open.csv')).size).toBeGreaterThan(330_000_000)
      expect(codesOf(d, 'open.csv')).toEqual(expect.arrayContaining(['CSV_UNTERMINATED_QUOTE', 'RECORD_TOO_LONG']))
    },
  },
  {
    id: 'zstd-1gb-of-lines',
    why: '1 GB of lines as .zst takes 1.7 GB',
    build: (d) => {
      // 12.75 million JSON Lines records, 1.06 GB, compressed about 55 times (under the ratio limit)
      const lines = `seq 1 12750000 | awk '{print "{\\"id\\":"$1",\\"text\\":\\"line "$1" of some ordinary text that goes on for a while\\"}"}'`
      execFileSync('bash', ['-c', `set -o pipefail; ${lines} | zstd -q -o "$0"`, path.join(d, 'lines.jsonl.zst')])
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'lines.jsonl.zst')!
      expect(entry.records).toBe(12_750_000)
      expect(entry.findings).toEqual([])
    },
  },
  {
    id: 'json-1m-distinct-keys',
    why: '1M distinct JSON keys 1.4 GB and a 50 MB manifest (one 8.2 MB JSON Lines record of a million keys still took 1.07 GB: parsed whole, then walked for the schema, content and personal information)',
    build: (d) => {
      writeFileSync(path.join(d, 'keys.jsonl'), `{${distinctKeys(1_000_000).map((k) => `"${k}":0`).join(',')}}\n`)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'keys.jsonl')!
      expect(entry.records).toBe(1)
      expect(entry.schema?.fields).toHaveLength(10_000)
      expect(entry.findings.map((f) => f.code)).toEqual(['FIELDS_CAPPED', 'RECORD_FIELDS_CUT'])
      expect(statSync(path.join(d, '.tdgov', 'manifest.json')).size).toBeLessThan(1024 * 1024)
    },
  },
  {
    id: 'json-1m-distinct-keys-in-10-records',
    why: '1M distinct JSON keys 1.4 GB and a 50 MB manifest (ten records of 100,000 keys each still took 410 MB)',
    build: (d) => {
      const keys = distinctKeys(1_000_000)
      const lines = Array.from({ length: 10 }, (_, l) => `{${keys.slice(l * 100_000, (l + 1) * 100_000).map((k) => `"${k}":0`).join(',')}}`)
      writeFileSync(path.join(d, 'keys.jsonl'), lines.join('\n') + '\n')
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'keys.jsonl')!
      expect(entry.records).toBe(10)
      expect(entry.schema?.fields).toHaveLength(10_000)
      expect(entry.findings.map((f) => f.code)).toContain('FIELDS_CAPPED')
      expect(statSync(path.join(d, '.tdgov', 'manifest.json')).size).toBeLessThan(1024 * 1024)
    },
  },
  {
    id: 'jsonl-300-records-of-1mb',
    why: 'found with the million keys: the per-file sample held every sampled record whole until the file ended, so 300 records of 1 MB took 560 MB (400 of them 930 MB)',
    build: (d) => {
      const text = 'lorem ipsum '.repeat(90_000)
      writeFileSync(path.join(d, 'long.jsonl'), Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i, text })).join('\n') + '\n')
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'long.jsonl')!
      expect(entry.records).toBe(300)
      expect(entry.findings.map((f) => f.code)).toContain('SAMPLE_REDUCED')
      // 16 Mi characters hold 15 of these records of 1.08 M characters: the 16th halves the sample to 8
      expect(entry.content?.records).toBe(8)
    },
  },
  {
    id: 'parquet-footer-2-62-rows',
    why: 'a Parquet footer claiming 2⁶² rows in a 268-byte file is believed (records: 4611686018427387904 in the manifest)',
    build: (d) => {
      // two rows, then the footer says 2^62: the file's, its row group's and its column chunk's counts agree
      const writer = new ByteWriter()
      const parquet = new ParquetWriter({ writer, schema: [{ name: 'root', num_children: 1 }, { name: 'n', type: 'INT32', repetition_type: 'REQUIRED' }], codec: 'UNCOMPRESSED', statistics: false })
      void parquet.write({ columnData: [{ name: 'n', data: [1, 2] }] })
      parquet.num_rows = 2n ** 62n
      parquet.row_groups[0]!.num_rows = 2n ** 62n
      parquet.row_groups[0]!.columns[0]!.meta_data!.num_values = 2n ** 62n
      parquet.finish()
      writeFileSync(path.join(d, 'claims.parquet'), new Uint8Array(writer.getBuffer()))
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'claims.parquet')!
      expect(entry.records).toBeUndefined()
      expect(entry.findings.map((f) => f.code)).toEqual(['PARQUET_INVALID_FOOTER'])
      expect(manifestOf(d).totals.records).toBeLessThan(1000)
    },
  },
  // Personal information leaking
  {
    id: 'json-key-is-an-identity-number',
    why: 'a JSON key that is an identity number goes raw into the manifest’s schema, the cache and stdout',
    build: (d) => {
      writeFileSync(path.join(d, 'keys.jsonl'), '{"110101199003071233": 1, "text": "x"}\n')
      return ['scan', d, '--json']
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const everything = [run.stdout, run.stderr, readFileSync(path.join(d, '.tdgov', 'manifest.json'), 'utf8'), ...cacheFiles(d).map((f) => readFileSync(f, 'utf8'))].join('\n')
      expect(everything).not.toContain('110101199003071233')
    },
  },
  // Injection into terminals and CI logs
  {
    id: 'names-forge-terminal-and-ci-lines',
    why: 'an ESC sequence in a file name clears the screen and forges lines, and x\\n::error file=x::y emits a GitHub Actions command',
    build: (d) => {
      writeFileSync(path.join(d, '\u001b[2Jforged.jsonl'), '{"text":"x"}\n')
      writeFileSync(path.join(d, 'x\n::error file=x::y.jsonl'), 'not json\n')
      writeFileSync(path.join(d, 'tdgov.yaml'), 'dataset: {name: hostile, intended_use: research}\n')
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'tdgov.js'), 'scan', d], { stdio: 'ignore' })
      return ['check', d, '--format', 'github', '--fail-on', 'never']
    },
    check: (run) => {
      expect(run.status).toBe(0)
      expect(run.stdout + run.stderr).not.toContain('\u001b')
      // every workflow command is a line of its own: no name starts one
      for (const line of run.stdout.split('\n').filter((l) => l.includes('::error file=x::y'))) expect(line.startsWith('::error file=x::y')).toBe(false)
    },
  },
  {
    id: 'init-folder-with-newline',
    why: 'an init draft for a folder named with a newline is invalid YAML',
    build: (d) => {
      mkdirSync(path.join(d, 'two\nlines'))
      writeFileSync(path.join(d, 'two\nlines', 'a.jsonl'), '{"text":"x"}\n')
      return ['init', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(() => parseYaml(readFileSync(path.join(d, 'tdgov.yaml'), 'utf8'))).not.toThrow()
      expect(readFileSync(path.join(d, 'tdgov.yaml'), 'utf8')).toContain('two\\nlines')
    },
  },
  // Smaller
  {
    id: 'wav-cut-inside-header',
    why: 'a WAV cut inside its header gives no finding',
    build: (d) => {
      writeFileSync(path.join(d, 'cut.wav'), readFileSync(path.join(REPO_ROOT, 'fixtures', 'demo', 'audio', 'prompt-0001.wav')).subarray(0, 30))
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(codesOf(d, 'cut.wav')).toContain('MEDIA_UNREADABLE')
    },
  },
  // Promises that already held, kept in the suite
  {
    id: 'gzip-bomb',
    why: 'already held: a gzip bomb becomes a finding',
    build: (d) => {
      // 256 MiB of short lines in about 1 MB (a long single line is another case)
      writeFileSync(path.join(d, 'bomb.jsonl.gz'), gzipSync(Buffer.from('{"a":1}\n'.repeat(32 * 1024 * 1024)), { level: 9 }))
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(manifestOf(d).files.find((f) => f.path === 'bomb.jsonl.gz')).toBeDefined()
    },
  },
  {
    id: 'corrupt-gzip',
    why: 'already held: a corrupt gz stream becomes a finding',
    build: (d) => {
      const gz = gzipSync(Buffer.from('{"text":"a"}\n'.repeat(1000)))
      gz[gz.length >> 1] ^= 0xff
      writeFileSync(path.join(d, 'broken.jsonl.gz'), gz)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      // JSON_INVALID and COMPRESSED_CORRUPT have no offset: now the compressed bytes decoded
      // cleanly before the failure, 0 for a file smaller than the decoder's 64 KiB pieces
      const corrupt = manifestOf(d).files.find((f) => f.path === 'broken.jsonl.gz')!.findings.find((f) => f.code === 'COMPRESSED_CORRUPT')
      expect(corrupt?.location).toMatchObject({ offset: 0 })
    },
  },
  {
    id: 'json-invalid-offset',
    why: 'JSON_INVALID and COMPRESSED_CORRUPT have no offset',
    build: (d) => {
      // 50,000 records on lines of their own, the 40,000th with a bare word: V8 says "Unexpected token" and no place
      const lines = Array.from({ length: 50_000 }, (_, i) => (i === 39_999 ? '{"text":tru}' : JSON.stringify({ text: `record ${i}` })))
      writeFileSync(path.join(d, 'broken.json'), `[\n${lines.join(',\n')}\n]\n`)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const text = readFileSync(path.join(d, 'broken.json'), 'utf8')
      const invalid = manifestOf(d).files.find((f) => f.path === 'broken.json')!.findings.find((f) => f.code === 'JSON_INVALID')
      // line 40,001 (after the "[" line), at the '}' after "tru"
      expect(invalid?.location).toMatchObject({ line: 40_001, offset: text.indexOf('tru}') + 3 })
    },
  },
  {
    id: 'zip-named-jsonl',
    why: 'already held: a zip named .jsonl becomes a finding',
    build: (d) => {
      writeFileSync(path.join(d, 'data.jsonl'), Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(200, 1)]))
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(manifestOf(d).files.find((f) => f.path === 'data.jsonl')).toBeDefined()
    },
  },
  {
    id: 'truncated-parquet',
    why: 'already held: a truncated Parquet file becomes a finding',
    build: (d) => {
      const file = path.join(d, 'train.parquet')
      cpSync(path.join(REPO_ROOT, 'fixtures', 'demo', 'tables', 'train-00000-of-00001.parquet'), file)
      truncateSync(file, 1000)
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(codesOf(d, 'train.parquet').length).toBeGreaterThan(0)
    },
  },
  {
    id: 'parquet-decoder-spins',
    why: 'found by the fuzz run: a Parquet file with three bits flipped in a V2 data page keeps hyparquet busy without end, and the scan with it (the per-file time budget)',
    build: (d) => {
      const bytes = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'formats', 'parquet', 'basic.parquet'))
      writeFileSync(path.join(d, 'basic.parquet'), mutate(bytes, { kind: 'flip', positions: [438814258, 333077318, 398815745], bits: [6, 2, 7, 3, 5, 7, 1, 2] }, []))
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      return ['scan', d, '--max-analysis-seconds', '2']
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const entry = manifestOf(d).files.find((f) => f.path === 'basic.parquet')!
      expect(entry.findings.map((f) => f.code)).toEqual(['ANALYSIS_STOPPED'])
      // the footer's row count stands (the fixture has 3 rows); the other file is analysed as usual
      expect(entry.records).toBe(3)
      expect(manifestOf(d).files.find((f) => f.path === 'a.jsonl')?.records).toBe(1)
    },
  },
  // Interrupted and disturbed runs
  {
    id: 'sigterm-mid-scan',
    why: 'SIGTERM exits silently',
    build: (d, scratch) => {
      scannedThenBig(d, scratch)
      return ['scan', d, '--no-cache']
    },
    during: (d) => ({ opened: path.join(d, 'big.jsonl'), then: 'SIGTERM' }),
    check: (run, d, scratch) => {
      expect(run.status).toBe(143)
      expect(run.stderr.trim()).toBe('tdgov: terminated (SIGTERM); nothing was written')
      expectPreviousKept(d, scratch)
    },
  },
  {
    id: 'sigint-mid-scan',
    why: 'already held: SIGINT at any point leaves the previous manifest byte-identical with no temporary files',
    build: (d, scratch) => {
      scannedThenBig(d, scratch)
      return ['scan', d, '--no-cache']
    },
    during: (d) => ({ opened: path.join(d, 'big.jsonl'), then: 'SIGINT' }),
    check: (run, d, scratch) => {
      expect(run.status).toBe(130)
      expectPreviousKept(d, scratch)
    },
  },
  {
    id: 'sigkill-mid-scan',
    why: 'already held: SIGKILL at any point leaves the previous manifest byte-identical with no temporary files',
    build: (d, scratch) => {
      scannedThenBig(d, scratch)
      return ['scan', d, '--no-cache']
    },
    during: (d) => ({ opened: path.join(d, 'big.jsonl'), then: 'SIGKILL' }),
    check: (_run, d, scratch) => expectPreviousKept(d, scratch),
  },
  {
    id: 'file-grows-mid-scan',
    why: 'already held: a file that changes mid-scan is caught',
    build: (d, scratch) => {
      scannedThenBig(d, scratch)
      return ['scan', d, '--no-cache']
    },
    during: (d) => ({ opened: path.join(d, 'big.jsonl'), then: () => appendFileSync(path.join(d, 'big.jsonl'), '{"text":"late"}\n'.repeat(65_536)) }),
    check: (run, d) => {
      expect(run.status).toBe(0)
      expect(codesOf(d, 'big.jsonl')).toContain('FILE_CHANGED_DURING_SCAN')
    },
  },
  {
    id: 'unreadable-root',
    why: 'an unreadable root reports "scanned 0 files", exit 0',
    ...(isRoot && { skip: 'root can list any directory' }),
    build: (d) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      chmodSync(d, 0o000)
      return ['scan', d]
    },
    check: (run, d) => {
      chmodSync(d, 0o755)
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('cannot list the directory')
    },
  },
  {
    id: 'read-only-output-location',
    why: 'already held: a read-only output location leaves the old manifest intact',
    ...(isRoot && { skip: 'root can write into a read-only folder' }),
    build: (d, scratch) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      const out = path.join(scratch, 'out')
      mkdirSync(out)
      tdgov('scan', d, '--out', path.join(out, 'manifest.json'))
      cpSync(path.join(out, 'manifest.json'), path.join(scratch, 'previous.json'))
      writeFileSync(path.join(d, 'b.jsonl'), '{"text":"b"}\n')
      chmodSync(out, 0o555)
      return ['scan', d, '--out', path.join(out, 'manifest.json')]
    },
    check: (run, _d, scratch) => {
      chmodSync(path.join(scratch, 'out'), 0o755)
      expect(run.status).toBe(2)
      expect(readFileSync(path.join(scratch, 'out', 'manifest.json')).equals(readFileSync(path.join(scratch, 'previous.json')))).toBe(true)
    },
  },
  // Personal information and engine messages
  {
    id: 'content-audit-previews',
    why: 'values the detectors miss appear raw in content-audit previews (ID:110101199003071233abc, user_440305198512314561_file, full-width １３８１２３４５６７８, tel18600001111ext)',
    build: (d) => {
      const texts = ['ID:110101199003071233abc please', 'file user_440305198512314561_file here', 'call １３８１２３４５６７８ now', 'tel18600001111ext ok']
      writeFileSync(path.join(d, 'data.jsonl'), texts.map((text) => JSON.stringify({ text }) + '\n').join(''))
      writeFileSync(path.join(d, 'tdgov.yaml'), CONFIG)
      tdgov('scan', d)
      return ['audit', 'sample', '--source', 'all', '--seed', 'x', '--size', '4', '--config', path.join(d, 'tdgov.yaml')]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const audits = path.join(d, '.tdgov', 'audits')
      const written = readdirSync(audits).map((f) => readFileSync(path.join(audits, f), 'utf8')).join('\n') + run.stdout
      expect(written).toContain('preview')
      for (const raw of ['110101199003071233', '440305198512314561', '１３８１２３４５６７８', '13812345678', '18600001111']) expect(written).not.toContain(raw)
    },
  },
  {
    id: 'engine-messages-in-findings',
    why: 'messages quote JavaScript internals ("Cannot read properties of undefined")',
    build: (d) => {
      const mutations = [
        { kind: 'truncate' as const, at: 300 },
        { kind: 'flip' as const, positions: [-9, -20, -33], bits: [1, 3, 5] },
        { kind: 'delete' as const, at: 40, length: 30 },
        { kind: 'repeat' as const, at: 60, length: 16, times: 40 },
      ]
      for (const fixture of ['parquet/basic.parquet', 'arrow/basic.arrow', 'arrow-stream/basic.arrows']) {
        const bytes = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'formats', fixture))
        mutations.forEach((m, i) => {
          // flips counted from the end land in the footer or the last message
          const mutation = m.kind === 'flip' ? { ...m, positions: m.positions.map((p) => bytes.length + p) } : m
          writeFileSync(path.join(d, `${i}-${path.basename(fixture)}`), mutate(bytes, mutation, []))
        })
      }
      return ['scan', d, '--max-analysis-seconds', '2']
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const findings = manifestOf(d).files.flatMap((f) => f.findings)
      expect(findings.length).toBeGreaterThan(0)
      for (const f of findings) expect(`${f.message ?? ''} ${JSON.stringify(f.args)}`).not.toMatch(JS_INTERNALS)
    },
  },
  {
    id: 'links-loops-fifos',
    why: 'already held: symlinks out of the root, loops and FIFOs are never followed',
    build: (d) => {
      writeFileSync(path.join(d, 'a.jsonl'), '{"text":"a"}\n')
      symlinkSync('/etc', path.join(d, 'etc-link'))
      mkdirSync(path.join(d, 'loop'))
      symlinkSync('..', path.join(d, 'loop', 'up'))
      execFileSync('mkfifo', [path.join(d, 'pipe.jsonl')])
      return ['scan', d]
    },
    check: (run, d) => {
      expect(run.status).toBe(0)
      const paths = manifestOf(d).files.map((f) => f.path)
      expect(paths.some((p) => p.startsWith('etc-link/'))).toBe(false)
    },
  },
  {
    id: 'bad-flag-and-missing-path',
    why: 'already held: bad flags and missing paths give one line and exit 2',
    build: (d) => ['scan', path.join(d, 'absent'), '--jobs', 'many'],
    check: (run) => expect(run.status).toBe(2),
  },
]
