import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSheet } from '../../src/audit/sheets/index.js'
import type { AuditRecord } from '../../src/records/audit-record.js'
import type { Finding } from '../../src/findings/finding.js'
import { shuffled } from '../audit/engine/engine-helpers.js'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const LABELS = ['cat', 'dog', 'bird']

/** A generic JSONL export: `items` items, each labelled by one of four annotators. */
function exportLines(items: number): string[] {
  return Array.from({ length: items }, (_, i) =>
    JSON.stringify({ item: `img-${String(i).padStart(5, '0')}`, annotator: `ann${i % 4}`, label: LABELS[i % 3], text: `photo ${i}` }),
  )
}

function ok(result: ExecResult): ExecResult {
  expect(result.status, `tdgov failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

/** The CSV sheet's rows as arrays of cells (a tiny RFC 4180 reader is enough for these fixtures). */
function csvIds(file: string): string[] {
  return readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(',')[1]!)
}

/** Fills every verdict: incorrect for the rows `wrong` picks, reviewer rev-1. */
function fillCsv(file: string, wrong: (row: number) => boolean): void {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
  const filled = lines.map((line, i) => {
    if (i === 0 || line === '') return line
    const cells = line.split(',')
    const bad = wrong(i)
    cells[5] = bad ? 'incorrect' : 'correct'
    cells[6] = bad ? 'dog' : ''
    cells[7] = bad ? 'wrong-class' : ''
    cells[8] = 'rev-1'
    return cells.join(',')
  })
  writeFileSync(file, '\uFEFF' + filled.join('\r\n'))
}

describe('tdgov audit plan', () => {
  it('prints the ISO 2859-1 plan as JSON: lot 4,000, AQL 1.5, level II → L, 200, Ac 7, Re 8', async () => {
    const result = ok(await runCli(['audit', 'plan', '--lot', '4000', '--aql', '1.5', '--json']))
    expect(JSON.parse(result.stdout)).toMatchObject({ method: 'iso-2859-1', code_letter: 'L', sample_size: 200, accept: 7, reject: 8, full_inspection: false })
  })

  it('follows an arrow to the destination plan and inspects everything when n ≥ lot', async () => {
    const arrow = JSON.parse(ok(await runCli(['audit', 'plan', '--lot', '200', '--aql', '1.0', '--json'])).stdout) as Record<string, unknown>
    expect(arrow).toMatchObject({ code_letter: 'G', sample_size: 50, accept: 1, reject: 2, full_inspection: false })
    const small = JSON.parse(ok(await runCli(['audit', 'plan', '--lot', '10', '--aql', '0.65', '--json'])).stdout) as Record<string, unknown>
    expect(small).toMatchObject({ code_letter: 'B', sample_size: 10, plan_sample_size: 20, accept: 0, reject: 1, full_inspection: true })
  })

  it('prints the Cochran size with the plan fields that do not apply as null', async () => {
    const plan = JSON.parse(ok(await runCli(['audit', 'plan', '--population', '300', '--margin', '0.05', '--json'])).stdout) as Record<string, unknown>
    expect(plan).toMatchObject({ method: 'cochran', code_letter: null, sample_size: 169, accept: null, reject: null, full_inspection: false })
  })

  it('takes --margin without --population as the infinite-population case: ±3% at 95% is 1,068, ±5% at 99% is 664', async () => {
    // n0 = z²·P(1−P)/e²: 1.959964² · 0.25 / 0.03² = 1067.1 → 1,068; 2.575829² · 0.25 / 0.05² = 663.5 → 664
    const text = ok(await runCli(['audit', 'plan', '--margin', '0.03'])).stdout
    expect(text).toContain('→ sample 1,068 items')
    expect(text).toContain('infinite population')
    const plan = JSON.parse(ok(await runCli(['audit', 'plan', '--margin', '0.05', '--confidence', '0.99', '--json'])).stdout) as Record<string, unknown>
    expect(plan).toMatchObject({ method: 'cochran', sample_size: 664, population: null, full_inspection: false })
  })

  it('refuses an AQL that is not in Table II-A with one line and exit 2', async () => {
    const result = await runCli(['audit', 'plan', '--lot', '4000', '--aql', '0.3'])
    expect(result.status).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('--aql 0.3: expected one of 0.065')])
  })
})

describe('tdgov audit sample → score', () => {
  let dir: string
  const lines = exportLines(3000)

  beforeAll(() => {
    dir = makeTempDir()
    writeTree(dir, {
      'ann.jsonl': lines.join('\n') + '\n',
      'shuffled.jsonl': shuffled(lines, 'order').join('\n') + '\n',
      'formula.jsonl': JSON.stringify({ item: 'x-1', annotator: 'ann0', label: 'cat', text: "=cmd|' /C calc'!A0" }) + '\n',
    })
  })

  const sample = (input: string, sheet: string, ...extra: string[]): Promise<ExecResult> =>
    runCli(['audit', 'sample', input, '--aql', '1.5', '--sheet', sheet, ...extra], { cwd: dir })
  const record = (id: string): AuditRecord => JSON.parse(readFileSync(path.join(dir, '.tdgov', 'audits', `${id}.json`), 'utf8')) as AuditRecord

  it('gives identical sheets for the same seed, the same ids for shuffled input, another sample for another seed', async () => {
    ok(await sample('ann.jsonl', 'a.csv', '--seed', 's1'))
    ok(await sample('ann.jsonl', 'b.csv', '--seed', 's1'))
    expect(readFileSync(path.join(dir, 'b.csv'))).toEqual(readFileSync(path.join(dir, 'a.csv')))
    const ids = csvIds(path.join(dir, 'a.csv'))
    // lot 3,000, level II → code letter K; K at AQL 1.5 is 125: 5/6
    expect(ids).toHaveLength(125)
    ok(await sample('shuffled.jsonl', 'c.csv', '--seed', 's1'))
    expect(csvIds(path.join(dir, 'c.csv'))).toEqual(ids) // rank order: the same whatever the input order
    ok(await sample('ann.jsonl', 'd.csv', '--seed', 's2'))
    const other = csvIds(path.join(dir, 'd.csv'))
    expect(other).toHaveLength(125)
    expect(other).not.toEqual(ids)
  })

  it('records the plan, seed, population fingerprint and input hash, and the shuffled export has the same fingerprint', async () => {
    const a = JSON.parse(ok(await sample('ann.jsonl', 'e.csv', '--seed', 's3', '--json')).stdout) as { id: string; population: { units: number; fingerprint: string } }
    const rec = record(a.id)
    expect(rec).toMatchObject({ kind: 'annotation', seed: 's3', plan: { method: 'iso-2859-1', code_letter: 'K', sample_size: 125, accept: 5, reject: 6 } })
    expect(rec.population.units).toBe(3000)
    expect(rec.inputs).toEqual([expect.objectContaining({ path: 'ann.jsonl', format: 'jsonl', bytes: Buffer.byteLength(lines.join('\n') + '\n') })])
    expect(rec.inputs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(rec.sample).toHaveLength(125)
    // The same annotations in another order are the same population, so the same audit.
    const c = JSON.parse(ok(await sample('shuffled.jsonl', 'f.csv', '--seed', 's3', '--json')).stdout) as { id: string; population: { fingerprint: string } }
    expect(c.population.fingerprint).toBe(a.population.fingerprint)
    expect(c.id).toBe(a.id)
  })

  it('never overwrites an existing sheet without --force, and leaves it as it was', async () => {
    writeFileSync(path.join(dir, 'mine.csv'), 'my notes\n')
    const refused = await sample('ann.jsonl', 'mine.csv', '--seed', 's4')
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('mine.csv already exists; pass --force')
    expect(readFileSync(path.join(dir, 'mine.csv'), 'utf8')).toBe('my notes\n')
    ok(await sample('ann.jsonl', 'mine.csv', '--seed', 's4', '--force'))
    expect(readFileSync(path.join(dir, 'mine.csv'), 'utf8')).toContain('audit_id,item_id,annotator,label,preview,verdict')
  })

  it('neutralises a preview that a spreadsheet would run as a formula', async () => {
    ok(await runCli(['audit', 'sample', 'formula.jsonl', '--size', '1', '--seed', 's', '--sheet', 'formula.csv'], { cwd: dir }))
    const text = readFileSync(path.join(dir, 'formula.csv'), 'utf8')
    expect(text).toContain(`'=cmd|' /C calc'!A0`)
    expect(text.split(/[\r\n,]/).some((cell) => cell.startsWith('='))).toBe(false)
    ok(await runCli(['audit', 'sample', 'formula.jsonl', '--size', '1', '--seed', 's', '--sheet', 'formula.xlsx'], { cwd: dir }))
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path.join(dir, 'formula.xlsx'))
    const cell = book.worksheets[0]!.getCell('E2')
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.value).toBe(`'=cmd|' /C calc'!A0`)
  })

  it('scores a filled sheet: accepts within Ac (exit 0), rejects at Re (exit 1), and records the result', async () => {
    const out = JSON.parse(ok(await sample('ann.jsonl', 'g.csv', '--seed', 's5', '--json')).stdout) as { id: string }
    const sheet = path.join(dir, 'g.csv')
    fillCsv(sheet, (row) => row % 40 === 0) // rows 40, 80, 120: 3 defects ≤ Ac 5
    const accepted = await runCli(['audit', 'score', 'g.csv', '--json'], { cwd: dir })
    expect(accepted.status, accepted.stderr).toBe(0)
    const result = JSON.parse(accepted.stdout) as Record<string, unknown>
    expect(result).toMatchObject({ reviewed: 125, defects: 3, decision: 'accept' })
    expect(result.accuracy).toBeCloseTo(122 / 125, 12)
    for (const key of ['wilson', 'clopper_pearson', 'per_class', 'per_annotator', 'confusion', 'error_types', 'cohen_kappa']) expect(result).toHaveProperty(key)
    expect(record(out.id).result).toMatchObject({ decision: 'accept', defects: 3 })

    fillCsv(sheet, (row) => row % 20 === 0) // 6 defects = Re
    const rejected = await runCli(['audit', 'score', 'g.csv'], { cwd: dir })
    expect(rejected.status).toBe(1)
    expect(rejected.stdout).toContain('REJECT')
    expect(record(out.id).result).toMatchObject({ decision: 'reject', defects: 6 })
  })

  describe('a sheet that is not the sample drawn is refused with exit 2, naming the row', () => {
    let original: string
    beforeAll(async () => {
      ok(await sample('ann.jsonl', 'h.csv', '--seed', 's6'))
      original = readFileSync(path.join(dir, 'h.csv'), 'utf8')
    })

    const tamper = async (edit: (rows: string[]) => string[]): Promise<ExecResult> => {
      const [header, ...rows] = original.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '')
      writeFileSync(path.join(dir, 'h.csv'), '\uFEFF' + [header, ...edit(rows)].join('\r\n') + '\r\n')
      return runCli(['audit', 'score', 'h.csv'], { cwd: dir })
    }

    it('a dropped row', async () => {
      const dropped = original.replace(/^\uFEFF/, '').split('\r\n')[3]!.split(',')[1]!
      const result = await tamper((rows) => rows.filter((_, i) => i !== 2))
      expect(result.status).toBe(2)
      expect(result.stderr).toContain(`item "${dropped}"`)
      expect(result.stderr).toContain('is missing from the sheet')
    })

    it('an added row', async () => {
      const result = await tamper((rows) => [...rows, rows[0]!.replace(/img-\d+/, 'img-99999')])
      expect(result.status).toBe(2)
      expect(result.stderr).toContain('row 127: item "img-99999"')
    })

    it('a changed item id', async () => {
      const result = await tamper((rows) => rows.map((row, i) => (i === 4 ? row.replace(/img-\d+/, 'img-77777') : row)))
      expect(result.status).toBe(2)
      expect(result.stderr).toContain('row 6: item "img-77777"')
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
    })
  })

  it('scores an xlsx sheet filled in a spreadsheet', async () => {
    const out = JSON.parse(ok(await sample('ann.jsonl', 'review.xlsx', '--seed', 's7', '--json')).stdout) as { id: string }
    const file = path.join(dir, 'review.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    const sheet = book.worksheets[0]!
    for (let row = 2; row <= sheet.rowCount; row++) {
      sheet.getCell(`F${row}`).value = 'correct'
      sheet.getCell(`I${row}`).value = 'rev-2'
    }
    await book.xlsx.writeFile(file)
    const rows = await readSheet(file)
    expect(rows).toHaveLength(125)
    const result = await runCli(['audit', 'score', 'review.xlsx', '--json'], { cwd: dir })
    expect(result.status, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ id: out.id, reviewed: 125, defects: 0, decision: 'accept', accuracy: 1 })
  })
})

describe('tdgov audit sample --source: a data-item (content-safety) audit', () => {
  let dir: string
  beforeAll(() => {
    dir = makeTempDir()
    const records = Array.from({ length: 500 }, (_, i) => JSON.stringify({ id: i, text: `record number ${i} about topic ${i % 7}` }))
    writeTree(dir, {
      'tdgov.yaml': `dataset: {name: t, intended_use: commercial}
sources:
  - {id: web, name: Web pages, kind: crawled, license: CC-BY-4.0, crawl: {robots_respected: true, opt_out_respected: true}, paths: ["web/**"]}
  - {id: other, name: Other, kind: self-collected, paths: ["other/**"]}
policy: {safety_pass_rate_min: 0.96, harmful_rate_max: 0.05}
`,
      'web/a.jsonl': records.slice(0, 300).join('\n') + '\n',
      'web/b.txt': Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n') + '\n',
      // compressed records are read as the scan reads them: decompressed, one item each
      'web/c.jsonl.gz': gzipSync(records.slice(300, 350).join('\n') + '\n'),
      'web/d.csv': 'id,text\n1,first row\n2,"second, quoted\nrow"\n',
      'other/c.jsonl': records.slice(0, 10).join('\n') + '\n',
    })
  })

  it('shows each record’s content in full up to 2,000 characters, marked when cut, personal values masked', async () => {
    const root = makeTempDir()
    // 1,499 characters (999 + ' 13812345678 ' + 487) with a phone number at character 1,001; 5,000 characters; their id and URL are not content
    const mid = 'a'.repeat(999) + ' 13812345678 ' + 'b'.repeat(487)
    const long = 'word '.repeat(1000).trim()
    writeTree(root, {
      'tdgov.yaml': 'dataset: {name: t, intended_use: research}\nsources:\n  - {id: web, name: Web, kind: self-collected, paths: ["**"]}\n',
      'web.jsonl': [JSON.stringify({ id: 'r1', url: 'https://example.com/1', text: mid }), JSON.stringify({ id: 'r2', url: 'https://example.com/2', text: long })].join('\n') + '\n',
    })
    ok(await runCli(['audit', 'sample', '--source', 'web', '--size', '2', '--seed', 'x', '--sheet', 'safety.jsonl'], { cwd: root }))
    const previews = new Map(readFileSync(path.join(root, 'safety.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>).map((r) => [r.item_id, r.preview!]))
    const whole = previews.get('web.jsonl#1')!
    expect(Array.from(whole)).toHaveLength(1499)
    expect(whole).not.toContain('13812345678')
    expect(whole).not.toContain('example.com')
    const cut = previews.get('web.jsonl#2')!
    expect(cut.endsWith('… [cut: the record has 4,999 characters]')).toBe(true)
    expect(Array.from(cut.slice(0, cut.indexOf('… [cut')))).toHaveLength(1999)
  })

  it('samples records of the declared source only, and scores pass / fail against the TC260-003 thresholds', async () => {
    const drawn = JSON.parse(ok(await runCli(['audit', 'sample', '--source', 'web', '--size', '100', '--seed', 'x', '--sheet', 'safety.csv', '--json'], { cwd: dir })).stdout) as {
      id: string
      kind: string
      population: { units: number }
      sampled: number
    }
    expect(drawn).toMatchObject({ kind: 'content', population: { units: 552 }, sampled: 100 })
    const rows = await readSheet(path.join(dir, 'safety.csv'))
    expect(rows.every((r) => r.cells.item_id.startsWith('web/'))).toBe(true)
    expect(rows[0]!.cells.preview).not.toBe('')

    const lines = readFileSync(path.join(dir, 'safety.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n')
    const fill = (fails: number): void => {
      const out = lines.map((line, i) => {
        if (i === 0 || line === '') return line
        const cells = line.split(',')
        cells[5] = i <= fails ? 'fail' : 'pass'
        cells[7] = i <= fails ? 'violence' : ''
        cells[8] = 'safety-rev'
        return cells.join(',')
      })
      writeFileSync(path.join(dir, 'safety.csv'), '\uFEFF' + out.join('\r\n'))
    }
    fill(3)
    const pass = await runCli(['audit', 'score', 'safety.csv', '--json'], { cwd: dir })
    expect(pass.status, pass.stderr).toBe(0)
    expect(JSON.parse(pass.stdout)).toMatchObject({ decision: 'accept', accuracy: 0.97, source_rejected: false, error_types: { violence: 3 } })
    fill(6)
    const harmful = await runCli(['audit', 'score', 'safety.csv', '--json'], { cwd: dir })
    expect(harmful.status).toBe(1)
    expect(JSON.parse(harmful.stdout)).toMatchObject({ decision: 'reject', source_rejected: true })
  })

  it('samples the rows of a Parquet file, read by the scan\'s row reader, not the file as one item', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer')
    const pq = makeTempDir()
    const texts = Array.from({ length: 40 }, (_, i) => `parquet row ${i + 1} about topic ${i % 5}`)
    writeTree(pq, {
      'tdgov.yaml': 'dataset: {name: t, intended_use: research}\nsources:\n  - {id: hub, name: Hub, kind: open-source, license: CC0-1.0, paths: ["hub/**"]}\n',
      'hub/train.parquet': Buffer.from(
        parquetWriteBuffer({ columnData: [{ name: 'id', data: texts.map((_, i) => `id-${i}`), type: 'STRING' }, { name: 'text', data: texts, type: 'STRING' }] }),
      ),
    })
    ok(await runCli(['audit', 'sample', '--source', 'hub', '--ratio', '1', '--seed', 'rows', '--sheet', 'rows.jsonl', '--id', 'hub-rows'], { cwd: pq }))
    const rows = await readSheet(path.join(pq, 'rows.jsonl'))
    expect(rows).toHaveLength(40)
    const byId = new Map(rows.map((r) => [r.cells.item_id, r.cells]))
    // row 7 is the seventh text written; its preview is its content field, not its id
    expect(byId.get('hub/train.parquet#7')).toMatchObject({ preview: 'parquet row 7 about topic 1' })
  })

  it('reads compressed and quoted records as text, one item per record', async () => {
    ok(await runCli(['audit', 'sample', '--source', 'web', '--ratio', '1', '--seed', 'all', '--sheet', 'all.jsonl', '--id', 'all-records'], { cwd: dir }))
    const rows = await readSheet(path.join(dir, 'all.jsonl'))
    const preview = (id: string): string | undefined => rows.find((r) => r.cells.item_id === id)?.cells.preview
    expect(preview('web/c.jsonl.gz#1')).toBe('record number 300 about topic 6')
    // the record's content field, not its id column: the preview is what the model is trained on
    expect(preview('web/d.csv#2')).toBe('second, quoted row')
    expect(rows.filter((r) => r.cells.item_id.startsWith('web/b.txt#'))).toHaveLength(200)
  })

  it('refuses a source whose CSV opens a quote it never closes, naming the file and the line', async () => {
    const open = makeTempDir()
    writeTree(open, {
      'tdgov.yaml': 'dataset: {name: t, intended_use: research}\nsources:\n  - {id: all, name: All, kind: self-collected, paths: ["**"]}\n',
      // rows 1 and 2 are whole; the quote on line 4 swallows the rest of the file
      'data.csv': 'id,text\n1,a\n2,b\n3,"never closed\n4,d\n',
    })
    const result = await runCli(['audit', 'sample', '--source', 'all', '--seed', 'x', '--size', '2'], { cwd: open })
    expect(result.status).toBe(2)
    expect(result.stderr.trim()).toBe('tdgov: data.csv:4: the quote that opens a cell on this line is never closed; expected a closing quote before the end of the file (the records after it cannot be read)')
  })

  it('names the declared sources when --source is unknown', async () => {
    const result = await runCli(['audit', 'sample', '--source', 'nope', '--seed', 'x'], { cwd: dir })
    expect(result.status).toBe(2)
    expect(result.stderr.trim()).toBe('tdgov: --source nope: no such source in tdgov.yaml (sources: web, other)')
  })
})

describe('labelling rules and roster', () => {
  it('reports labels outside the declared set, annotators missing from the roster or untrained, and a reviewer who is the annotator', async () => {
    const dir = makeTempDir()
    writeTree(dir, {
      'rules.md': '# Labelling rules v2\n',
      'tdgov.yaml': `dataset: {name: t, intended_use: research}
labelling_rules:
  - {id: animals, version: "2", kind: functional, labels: [cat, dog], document: rules.md}
annotators:
  - {id: ann0, role: annotator, affiliation: internal, trained_on: 2026-01-10, assessment: passed}
  - {id: ann1, role: annotator, affiliation: outsourced, trained_on: 2026-01-10, assessment: failed}
  - {id: ann2, role: annotator, affiliation: outsourced}
  - {id: rev-1, role: reviewer, affiliation: internal, trained_on: 2026-01-10, assessment: passed}
policy: {training_valid_days: 36500}
`,
      'ann.jsonl': exportLines(40).join('\n') + '\n',
    })
    const drawn = await runCli(['audit', 'sample', 'ann.jsonl', '--size', '10', '--seed', 'r', '--sheet', 's.csv', '--json'], { cwd: dir })
    const out = JSON.parse(ok(drawn).stdout) as { id: string; findings: Finding[] }
    const codes = out.findings.map((f) => `${f.code} ${f.message}`)
    expect(codes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^LABEL_UNDECLARED label "bird" \(13 times\)/),
        expect.stringMatching(/^ANNOTATOR_UNTRAINED annotator "ann1" .*failed the assessment/),
        expect.stringMatching(/^ANNOTATOR_UNTRAINED annotator "ann2" .*no training date/),
        expect.stringMatching(/^ANNOTATOR_NOT_IN_ROSTER annotator "ann3"/),
      ]),
    )
    // what the export holds is found in the export
    const population = out.findings.filter((f) => f.code === 'LABEL_UNDECLARED' || f.code.startsWith('ANNOTATOR_'))
    expect(population.length).toBeGreaterThanOrEqual(4)
    expect(population.map((f) => f.location)).toEqual(population.map(() => ({ kind: 'file', path: 'ann.jsonl' })))
    expect(out.findings.find((f) => f.code === 'LABEL_UNDECLARED')!.args).toEqual({ label: 'bird', count: 13, rules: 'animals' })
    const rec = JSON.parse(readFileSync(path.join(dir, '.tdgov', 'audits', `${out.id}.json`), 'utf8')) as AuditRecord
    expect(rec.rules).toMatchObject({ id: 'animals', version: '2', document: 'rules.md' })
    expect(rec.rules!.sha256).toMatch(/^[0-9a-f]{64}$/)

    const lines = readFileSync(path.join(dir, 's.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n')
    const filled = lines.map((line, i) => {
      if (i === 0 || line === '') return line
      const cells = line.split(',')
      cells[5] = 'correct'
      cells[8] = i === 1 ? cells[2]! : 'rev-1'
      return cells.join(',')
    })
    writeFileSync(path.join(dir, 's.csv'), '\uFEFF' + filled.join('\r\n'))
    const scored = await runCli(['audit', 'score', 's.csv', '--json', '--target-accuracy', '0.5'], { cwd: dir })
    const result = JSON.parse(scored.stdout) as { reviewer_is_annotator: { row: number; item_id: string; annotator: string }[]; findings: Finding[] }
    expect(result.reviewer_is_annotator).toEqual([expect.objectContaining({ row: 2 })])
    const self = result.reviewer_is_annotator[0]!
    // what the sheet says is found at the audit record, and its row
    const recordAt = { kind: 'audit', id: out.id, path: `.tdgov/audits/${out.id}.json` }
    expect(result.findings.filter((f) => f.code === 'REVIEWER_IS_ANNOTATOR')).toEqual([
      expect.objectContaining({ severity: 'error', args: { row: 2, item: self.item_id, annotator: self.annotator }, location: { ...recordAt, row: 2 } }),
    ])
    // the annotator who reviewed is not in the roster as a reviewer either; findings already recorded when the sample was drawn are not repeated
    expect(result.findings.filter((f) => f.code === 'ANNOTATOR_NOT_IN_ROSTER')).toEqual([
      expect.objectContaining({ args: { role: 'reviewer', annotator: self.annotator, count: 1 }, location: recordAt }),
    ])
    expect(result.findings.map((f) => f.code).sort()).toEqual(['ANNOTATOR_NOT_IN_ROSTER', 'REVIEWER_IS_ANNOTATOR'])
  })
})

describe('tdgov audit agreement', () => {
  it('joins per-annotator exports on item id and prints every measure, null where one does not apply', async () => {
    const dir = makeTempDir()
    // Krippendorff (2011): 4 coders × 12 units with missing values, one generic JSONL per coder
    const data: Record<string, (number | null)[]> = {
      A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    }
    const files: Record<string, string> = {}
    for (const [coder, values] of Object.entries(data)) {
      files[`${coder}.jsonl`] = values
        .map((v, unit) => (v === null ? null : JSON.stringify({ item: `u${unit + 1}`, annotator: coder, label: String(v) })))
        .filter((line) => line !== null)
        .join('\n')
    }
    writeTree(dir, files)
    const result = JSON.parse(ok(await runCli(['audit', 'agreement', 'A.jsonl', 'B.jsonl', 'C.jsonl', 'D.jsonl', '--json'], { cwd: dir })).stdout) as {
      items: number
      annotators: number
      cohen_kappa: number | null
      fleiss_kappa: number | null
      krippendorff_alpha: Record<string, number>
    }
    expect(result).toMatchObject({ items: 11, annotators: 4, cohen_kappa: null, fleiss_kappa: null })
    expect(result.krippendorff_alpha.nominal).toBeCloseTo(0.743421052631579, 9)
    expect(result.krippendorff_alpha.ordinal).toBeCloseTo(0.8153875037548814, 9)
    expect(result.krippendorff_alpha.interval).toBeCloseTo(0.8491071428571428, 9)
    expect(result.krippendorff_alpha.ratio).toBeCloseTo(0.7974027747116121, 9)
  })
})
