import { createHash } from 'node:crypto'
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Ajv2020Module from 'ajv/dist/2020.js'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../src/records/audit-record.js'
import type { FileEntry, Manifest } from '../../src/records/manifest-schema.js'
import type { Acquisition, Report } from '../../src/records/report-schema.js'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { demoProject } from '../helpers/demo-project.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

// A CommonJS module: under NodeNext its default import is module.exports, which holds the class as `default`.
const Ajv2020 = Ajv2020Module.default

interface Tally {
  files: number
  bytes: number
  records: number
}
const NOT_DATA = new Set(['document', 'tooling', 'lfs-pointer', 'annex-link', 'annex-pointer', 'dvc-pointer'])
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
const tally = (files: readonly FileEntry[]): Tally => ({
  files: files.length,
  bytes: files.reduce((s, f) => s + f.bytes, 0),
  records: files.reduce((s, f) => s + (f.records ?? 0), 0),
})


describe('tdgov report --format json on the demo', () => {
  let demo: string
  let report: Report
  let manifest: Manifest
  let audit: AuditRecord
  let auditFile: string

  beforeAll(async () => {
    demo = await demoProject()
    const out = path.join(makeTempDir(), 'report.json')
    const run = await runCli(['report', demo, '--date', '2026-12-02', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`report (json) → ${out}\n`)
    report = JSON.parse(readFileSync(out, 'utf8'))
    manifest = JSON.parse(readFileSync(path.join(demo, '.tdgov', 'manifest.json'), 'utf8'))
    auditFile = path.join(demo, '.tdgov', 'audits', 'annotation-282278bae6af.json')
    audit = JSON.parse(readFileSync(auditFile, 'utf8'))
  }, 120_000)
  afterAll(removeTempDirs)

  it('validates against the committed JSON Schema (schemas/report.schema.json)', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report.schema.json'), 'utf8'))
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema)
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
  })

  it('gives the scale the manifest’s data files add up to (documentation left out)', () => {
    const data = manifest.files.filter((f) => !NOT_DATA.has(f.format))
    const total = tally(data)
    expect(report.scale.storageBytes).toEqual({ kind: 'measured', value: total.bytes, from: expect.any(String) })
    expect(report.scale.files.value).toBe(total.files)
    expect(report.scale.records.value).toBe(total.records)
    expect(report.scale.excluded).toEqual(tally(manifest.files.filter((f) => NOT_DATA.has(f.format))))
    expect(report.scale.images.value).toBe(data.filter((f) => f.modality === 'image').length)
    const audioSeconds = data.filter((f) => f.modality === 'audio').reduce((s, f) => s + (f.media?.durationSeconds ?? 0), 0)
    expect(report.scale.audioHours?.figure.value).toBeCloseTo(audioSeconds / 3600, 6)
    expect(report.scale.videoHours).toBeNull()
    // the demo's token figure is the scan's estimate, carried with its interval
    const tokens = manifest.content.tokens
    if (tokens === null || !('estimate' in tokens)) throw new Error('expected the demo’s token estimate')
    expect(report.scale.tokens).toEqual({
      figure: { kind: 'estimated', value: tokens.estimate, low: tokens.low, high: tokens.high, confidence: tokens.confidence, method: tokens.method, from: 'manifest:content.tokens' },
      tokenizer: 'o200k_base',
    })
  })

  it('splits the data by acquisition and type as the declared sources and the files say', () => {
    const data = manifest.files.filter((f) => !NOT_DATA.has(f.format))
    const kinds: Record<string, Acquisition> = { 'team-written': 'selfCollected', 'support-tickets': 'userInput', 'open-science-qa': 'openSource', 'synthetic-media': 'synthetic' }
    for (const [source, acquisition] of Object.entries(kinds)) expect(report.scale.byAcquisition[acquisition], acquisition).toEqual(tally(data.filter((f) => f.source === source)))
    expect(report.scale.byAcquisition.crawled).toEqual({ files: 0, bytes: 0, records: 0 })
    // open-science-qa is the one foreign open-source source
    expect(report.scale.foreignOpenSource.total).toEqual(tally(data.filter((f) => f.source === 'open-science-qa')))
    // media by modality, counted
    expect(report.scale.byType.image.bytes).toMatchObject({ kind: 'measured', value: tally(data.filter((f) => f.modality === 'image')).bytes })
    expect(report.scale.byType.audio.bytes).toMatchObject({ kind: 'measured', value: tally(data.filter((f) => f.modality === 'audio')).bytes })
    // Chinese-text records by hand: each file's records × its zh share of analysed records
    let zh = 0
    for (const f of data) if (f.content?.languages.zh) zh += Math.max(f.records ?? 0, f.content.records) * (f.content.languages.zh / f.content.records)
    const figure = report.scale.byType.zhText.records
    expect(figure.value).toBe(Math.round(zh))
    // the Label Studio export's 66 items carry 30 analysed tasks: an estimate, with an interval around it
    if (figure.kind !== 'estimated') throw new Error('expected an estimate')
    expect(figure.low).toBeLessThan(figure.value)
    expect(figure.high).toBeGreaterThan(figure.value)
  })

  it('describes each source with its share of the data files', () => {
    const data = manifest.files.filter((f) => !NOT_DATA.has(f.format))
    const total = tally(data)
    const ids = report.sources.map((s) => s.id)
    expect(ids).toEqual(['team-written', 'support-tickets', 'open-science-qa', 'synthetic-media'])
    for (const s of report.sources) {
      const own = tally(data.filter((f) => f.source === s.id))
      expect({ files: s.files, bytes: s.bytes, records: s.records }, s.id).toEqual(own)
      expect(s.share.bytes, s.id).toBeCloseTo(own.bytes / total.bytes, 12)
    }
    const open = report.sources.find((s) => s.id === 'open-science-qa')!
    expect(open).toMatchObject({ kind: 'open-source', acquisition: 'openSource', domestic: false, origin: { url: 'https://example.org/open-science-qa', organisation: 'Example University' } })
    expect(open.licence).toMatchObject({ declared: 'CC-BY-NC-4.0', use: 'non-commercial' })
    expect(report.sources.find((s) => s.id === 'synthetic-media')?.synthetic).toEqual({ generator: 'tdgov make-demo procedural renderer', version: '1' })
  })

  it('carries the labelling rules, the roster and the audit as the records state them', () => {
    expect(report.labellingRules).toEqual([
      {
        id: 'sentiment',
        version: '2.1',
        kind: 'functional',
        labels: ['positive', 'negative', 'neutral'],
        document: 'governance/labelling-rules-sentiment.md',
        sha256: sha256(path.join(demo, 'governance', 'labelling-rules-sentiment.md')),
      },
    ])
    // tdgov.yaml: annotators 1 and 2 internal and passed, 3 outsourced and pending; two reviewers
    expect(report.annotation.annotators).toMatchObject({ total: 3, internal: 2, outsourced: 1, reviewers: 2, trained: 2 })
    const items = manifest.files.filter((f) => f.annotation).reduce((s, f) => s + f.annotation!.items, 0)
    expect(report.annotation.items.byFormat).toEqual({ 'label-studio': items })
    // the export's tasks show text (data.text): each of their annotations is an annotated text item
    const tasks = JSON.parse(readFileSync(path.join(demo, 'annotations', 'label-studio-export.json'), 'utf8')) as { data: { text?: unknown }; annotations: { was_cancelled?: boolean }[] }[]
    const textItems = tasks.filter((t) => typeof t.data.text === 'string').reduce((n, t) => n + t.annotations.filter((a) => a.was_cancelled !== true).length, 0)
    expect(report.annotation.items).toMatchObject({ text: textItems, image: 0, unclassified: 0 })
    expect(textItems).toBe(66)
    const [a] = report.annotation.audits
    expect(a).toMatchObject({
      id: audit.id,
      kind: 'annotation',
      rules: { id: 'sentiment', version: '2.1' },
      plan: { method: 'iso-2859-1', aql: 6.5, level: 'II', population: 66, sampleSize: 13, accept: 2, reject: 3 },
      scored: { reviewed: 13, defects: 1, accuracy: 12 / 13, decision: 'accept', verificationRatio: 13 / 66 },
      stale: false,
    })
    expect(report.annotation.humanVerificationRatio).toMatchObject({ value: 13 / 66, reviewed: 13, population: 66 })
  })

  it('gives each audit’s label tallies, per-annotator and per-class accuracy and confusion matrix as the reviewed sheet says', () => {
    const [a] = report.annotation.audits
    expect(a!.labels).toEqual({ counts: audit.population.labels, capped: false })
    // the sheet by hand: verdict per row, the reviewer's label is the corrected one when given
    const sheet = (parseCsv(readFileSync(path.join(demo, 'governance', 'sentiment-review.csv'), 'utf8'), { bom: true }) as string[][]).slice(1)
    expect(sheet).toHaveLength(13)
    const perAnnotator: Record<string, { reviewed: number; correct: number }> = {}
    const perClass: Record<string, { reviewed: number; correct: number }> = {}
    const labels = ['negative', 'neutral', 'positive']
    const confusion = labels.map(() => labels.map(() => 0))
    for (const [, , annotator, label, , verdict, corrected] of sheet) {
      const ok = verdict === 'correct'
      // a class is the true label (the reviewer's): per-class accuracy is each class's recall
      const gold = ok ? label! : corrected!
      for (const [table, key] of [[perAnnotator, annotator!], [perClass, gold]] as const) {
        const cell = (table[key] ??= { reviewed: 0, correct: 0 })
        cell.reviewed++
        if (ok) cell.correct++
      }
      confusion[labels.indexOf(gold)]![labels.indexOf(label!)]!++
    }
    for (const [table, model] of [[perAnnotator, a!.scored!.perAnnotator], [perClass, a!.scored!.perClass]] as const) {
      expect(Object.keys(model).sort()).toEqual(Object.keys(table).sort())
      for (const [key, cell] of Object.entries(table)) expect(model[key], key).toMatchObject({ reviewed: cell.reviewed, correct: cell.correct, accuracy: cell.correct / cell.reviewed })
    }
    expect(a!.scored!.confusion).toEqual({ labels, matrix: confusion })
  })

  it('reports personal information, quality and evidence from the records, and what was not measured as null', () => {
    expect(report.personalInformation).toMatchObject({ mode: 'sample', recordsSearched: manifest.content.personalInformation.records, found: manifest.content.personalInformation.counts })
    expect(report.quality.duplicates).toEqual({ kind: 'measured', value: 0, from: expect.stringContaining('every record compared') })
    expect(report.quality.emptyRecords).toEqual({ empty: manifest.content.empty, analysed: manifest.content.records })
    expect(report.crawled).toBeNull()
    expect(report.mechanism).toBeNull()
    expect(report.evidence).toEqual({
      manifest: { file: '.tdgov/manifest.json', sha256: sha256(path.join(demo, '.tdgov', 'manifest.json')), fingerprint: manifest.fingerprint, toolVersion: manifest.tool.version },
      config: { file: 'tdgov.yaml', sha256: sha256(path.join(demo, 'tdgov.yaml')) },
      audits: [{ id: audit.id, file: '.tdgov/audits/annotation-282278bae6af.json', sha256: sha256(auditFile) }],
    })
    expect(report.warnings).toEqual([])
    expect(report.date).toBe('2026-12-02')
    expect(report.findings.passed).toBe(true)
    expect(report.findings.items.map((f) => f.code)).toContain('SOURCES_TOO_FEW')
  })

  it('writes no raw personal value of the demo’s support tickets', () => {
    const tickets = readFileSync(path.join(demo, 'text', 'zh', 'support-tickets.jsonl'), 'utf8')
    const raw = [...tickets.matchAll(/\d{11,19}[\dXx]?|[\w.+-]+@[\w-]+\.[\w.]+/g)].map((m) => m[0])
    expect(raw.length).toBeGreaterThan(3)
    const text = JSON.stringify(report)
    expect(raw.filter((value) => text.includes(value))).toEqual([])
  })

  it('gives the same bytes for the same SOURCE_DATE_EPOCH, and takes its date from it', async () => {
    const env = { SOURCE_DATE_EPOCH: '1735689600' } // 2025-01-01T00:00:00Z
    const first = await runCli(['report', demo], { env })
    const second = await runCli(['report', demo], { env })
    expect(first.status, first.stderr).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(JSON.parse(first.stdout).date).toBe('2025-01-01')
  })

  it('says at the top when tdgov.yaml changed after the scan or an audited export changed, and --strict refuses', async () => {
    const changed = path.join(makeTempDir(), 'demo')
    cpSync(demo, changed, { recursive: true })
    appendFileSync(path.join(changed, 'tdgov.yaml'), '\nmechanism: supervised fine-tuning of a 7B chat model on instruction–response pairs\n')
    const export_ = path.join(changed, 'annotations', 'label-studio-export.json')
    writeFileSync(export_, readFileSync(export_, 'utf8').replace('"positive"', '"negative"'))
    // The export's change is seen by a rescan; the config edited after it is what the manifest predates.
    expect((await runCli(['scan', changed, '--no-cache'])).status).toBe(0)
    appendFileSync(path.join(changed, 'tdgov.yaml'), '# edited after the scan\n')
    const run = await runCli(['report', changed, '--date', '2026-12-02'])
    expect(run.status, run.stderr).toBe(0)
    const r = JSON.parse(run.stdout)
    expect(r.warnings).toEqual([
      { code: 'CONFIG_CHANGED', args: { config: path.join(changed, 'tdgov.yaml') } },
      { code: 'AUDIT_STALE', args: { audit: 'annotation-282278bae6af' } },
    ])
    expect(r.mechanism).toBe('supervised fine-tuning of a 7B chat model on instruction–response pairs')
    expect(r.annotation.audits[0].stale).toBe(true)
    expect(r.annotation.humanVerificationRatio).toBeNull()
    const strict = await runCli(['report', changed, '--strict'])
    expect(strict.status).toBe(2)
    expect(strict.stdout).toBe('')
    expect(strict.stderr.trim().split('\n')).toHaveLength(1)
    expect(strict.stderr).toMatch(/not current \(CONFIG_CHANGED, AUDIT_STALE \(annotation-282278bae6af\)\)/)
  })

  it('refuses a project without a manifest, and a bad --date, with one line and exit 2', async () => {
    const empty = makeTempDir()
    const none = await runCli(['report', empty])
    expect(none.status).toBe(2)
    expect(none.stderr).toMatch(/no manifest; run `tdgov scan/)
    const bad = await runCli(['report', demo, '--date', '2026-02-30'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--date 2026-02-30: expected a calendar date YYYY-MM-DD/)
  })
})
