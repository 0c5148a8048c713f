/**
 * Case H, "labelled facts": tdgov against data whose facts were planted (bench/gen-labelled.ts,
 * truth.json). It measures; it does not gate: the truth comparisons are targets, reported PASS or
 * FAIL, and only a failing tdgov run (or data that does not match its own truth) is an error.
 *
 *   H pii        tdgov's detector in-process on every planted sentence: precision and recall per type
 *   H pii scan   `tdgov scan pii/ --deep --pii full`: counts per type against the planted valid values
 *   H dup        `tdgov scan` and `tdgov scan --deep` per duplicate case: rate, estimate interval, counts
 *   H numeric    `tdgov scan` (sample and --pii full) on integer tables: no personal information
 *   H lang       `tdgov scan` and `--deep` on the language mix: records per class
 *   H enc        `tdgov scan enc/ --deep --pii full`: records, fields, encoding, PII, duplicates per CSV
 *   H parquet    `tdgov scan parquet/ --deep --pii full`: the Parquet file against its JSONL twin and the truth
 *
 * Every command runs once: the case is about facts; its times are for scale. Manifest fields are
 * read tolerantly: a field that is missing is reported as missing, never a crash.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PlantedType } from '../checkdigits.js'
import type { DupCaseTruth, LabelledTruth, PiiCounts, TableTruth } from '../gen-labelled.js'
import { fmtSeconds, measure } from '../measure.js'
import type { Measurement } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check, Target } from '../results.js'
import type { Ctx } from './context.js'

export interface LabelledCtx {
  /** where manifests go */
  outDir: string
  /** the generated folder (BENCH_DIR/labelled) */
  root: string
  truth: LabelledTruth
  cli: string
  jobs: string[]
  /** dist/bench: the detector is loaded from dist/src/provenance/pii next to it */
  distBenchDir: string
}

// ---------------------------------------------------------------------------------------------
// tolerant manifest reading

type Json = unknown

function at(v: Json, ...keys: (string | number)[]): Json {
  let cur = v
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, Json>)[k]
  }
  return cur
}

function num(v: Json): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

function readJson(file: string): Json {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Json
  } catch {
    return null
  }
}

function fileEntry(manifest: Json, rel: string): Json {
  const files = at(manifest, 'files')
  if (!Array.isArray(files)) return undefined
  return files.find((f) => at(f, 'path') === rel || (typeof at(f, 'path') === 'string' && (at(f, 'path') as string).endsWith(`/${rel}`)))
}

/** The first string under a key named encoding or charset, anywhere in the file entry. */
function reportedEncoding(entry: Json): string | null {
  const stack: Json[] = [entry]
  while (stack.length > 0) {
    const v = stack.pop()
    if (v === null || typeof v !== 'object') continue
    for (const [k, child] of Object.entries(v as Record<string, Json>)) {
      if ((k === 'encoding' || k === 'charset') && typeof child === 'string') return child
      if (typeof child === 'object') stack.push(child)
    }
  }
  return null
}

const ENCODING_NAMES: Record<TableTruth['encoding'], RegExp> = {
  'utf-8': /^utf-?8(?:-bom)?$/i,
  'utf-16le': /^utf-?16-?le(?:-bom)?$/i,
  gbk: /^(?:gbk|gb18030|gb2312|cp936|windows-936)$/i,
}

function fieldNames(entry: Json): string[] | null {
  const fields = at(entry, 'schema', 'fields')
  if (!Array.isArray(fields)) return null
  return fields.map((f) => String(at(f, 'name')))
}

function piiCounts(v: Json): Record<string, number> {
  const counts = at(v, 'counts')
  const out: Record<string, number> = {}
  if (counts && typeof counts === 'object') for (const [k, n] of Object.entries(counts as Record<string, Json>)) if (typeof n === 'number') out[k] = n
  return out
}

function findingCodes(manifest: Json): string[] {
  const codes: string[] = []
  const top = at(manifest, 'findings')
  if (Array.isArray(top)) for (const f of top) codes.push(String(at(f, 'code')))
  const files = at(manifest, 'files')
  if (Array.isArray(files)) for (const e of files) for (const f of (at(e, 'findings') as Json[] | undefined) ?? []) codes.push(String(at(f, 'code')))
  return codes
}

function sameCounts(a: PiiCounts | Record<string, number>, b: PiiCounts | Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if (((a as Record<string, number>)[k] ?? 0) !== ((b as Record<string, number>)[k] ?? 0)) return false
  return true
}

function fmtCounts(c: Record<string, number> | PiiCounts): string {
  const parts = Object.entries(c).filter(([, n]) => (n ?? 0) > 0).map(([k, n]) => `${k} ${n}`)
  return parts.length === 0 ? 'none' : parts.join(', ')
}

const pct = (x: number | null, digits = 2): string => (x === null ? '—' : `${(x * 100).toFixed(digits)} %`)

/** Terminal columns: CJK characters and full-width forms take two. */
function width(s: string): number {
  let w = 0
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}

function pad(s: string, n: number): string {
  const w = width(s)
  return w >= n ? s : s + ' '.repeat(n - w)
}

function printRows(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]): string => '  ' + cells.map((c, i) => pad(c, widths[i] ?? 0)).join(' | ')
  console.log(line(header))
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
}

function target(name: string, pass: boolean, limit: string, value: number | null = null): Target {
  return { name, value, limit, pass }
}

function printTargets(targets: Target[]): void {
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}${t.value !== null ? ` (${t.value})` : ''} [${t.limit}]`)
}

function summary(m: Measurement): CaseResult['tdgov'] {
  return { command: m.argv, medianMs: m.medianMs, timesMs: m.timesMs, maxRssKb: m.maxRssKb, ok: m.ok }
}

function refOf(label: string, m: Measurement): NonNullable<CaseResult['reference']> {
  return { label, command: m.argv, medianMs: m.medianMs, timesMs: m.timesMs, maxRssKb: m.maxRssKb }
}

function scan(ctx: LabelledCtx, label: string, dirRel: string, out: string, extra: string[]): { m: Measurement; manifest: Json } {
  const file = path.join(ctx.outDir, out)
  fs.rmSync(file, { force: true })
  const argv = [process.execPath, ctx.cli, 'scan', path.join(ctx.root, dirRel), '--no-cache', '--out', file, ...extra, ...ctx.jobs]
  const m = measure(label, argv, ctx.outDir, 1)
  return { m, manifest: m.ok ? readJson(file) : null }
}

// ---------------------------------------------------------------------------------------------
// H pii: the detector in-process

interface PiiSink {
  add(type: string, raw: string): void
}
type FindPii = (text: string, sink: PiiSink) => void

/** tdgov's built detector: `findPii` from the pii index, or from detect.js where the index does not export it. */
async function loadDetector(distBenchDir: string): Promise<{ findPii: FindPii; from: string } | null> {
  const dir = path.join(distBenchDir, '..', 'src', 'provenance', 'pii')
  for (const name of ['index.js', 'detect.js']) {
    const file = path.join(dir, name)
    if (!fs.existsSync(file)) continue
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>
    if (typeof mod['findPii'] === 'function') return { findPii: mod['findPii'] as FindPii, from: path.relative(path.join(distBenchDir, '..'), file) }
  }
  return null
}

/** The form a reported span and a planted value are compared in: separators and a +86 prefix do not matter. */
export function canonicalValue(type: string, s: string): string {
  if (type === 'email') return s.trim().toLowerCase()
  const compact = s.replace(/[\s\-()（）]/g, '').toUpperCase()
  if (type === 'cn-mobile' || type === 'phone-e164') return compact.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '')
  return compact
}

interface TypeRow {
  type: string
  plantedValid: number
  plantedInvalid: number
  found: number
  tp: number
  fp: number
  fn: number
  /** FPs by what was there: an invalid planted value, a value of another type, or plain prose */
  fpOn: { invalid: number; otherType: number; prose: number }
  precision: number | null
  recall: number | null
  ms: number
  /** planted variants behind the FNs and behind the FPs on invalid values: where the detector errs */
  fnVariants: Record<string, number>
  fpVariants: Record<string, number>
  examples: { fp: { at: string; raw: string; on: string }[]; fn: { at: string; written: string; variant: string; context: boolean }[] }
}

function readSentenceTexts(ctx: LabelledCtx): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const f of ctx.truth.pii.files) {
    const lines = fs.readFileSync(path.join(ctx.root, f.path), 'utf8').split('\n')
    if (lines[lines.length - 1] === '') lines.pop()
    out.set(f.path, f.format === 'jsonl' ? lines.map((l) => String(at(JSON.parse(l) as Json, 'text'))) : lines)
  }
  return out
}

async function casePiiInProcess(ctx: LabelledCtx): Promise<CaseResult> {
  console.log('\n[H] labelled: personal information, tdgov\'s detector in-process on every planted sentence')
  const detector = await loadDetector(ctx.distBenchDir)
  const checks: Check[] = []
  const sentences = ctx.truth.pii.sentences
  const texts = readSentenceTexts(ctx)
  checks.push(check('planted sentences read back', sentences.length, [...texts.values()].reduce((a, l) => a + l.length, 0)))
  if (detector === null) {
    console.error('  ✗ findPii not found in dist/src/provenance/pii (index.js or detect.js); build first')
    return {
      id: 'H', name: 'labelled: PII in-process', reference: null,
      tdgov: { command: ['findPii (in-process)'], medianMs: NaN, timesMs: [], maxRssKb: null, ok: false },
      ratio: null, ratioKind: 'none', targets: [], checks,
    }
  }
  console.log(`  detector: ${detector.from}`)
  const rows = new Map<string, TypeRow>()
  const row = (type: string): TypeRow => {
    let r = rows.get(type)
    if (!r) {
      r = { type, plantedValid: 0, plantedInvalid: 0, found: 0, tp: 0, fp: 0, fn: 0, fpOn: { invalid: 0, otherType: 0, prose: 0 }, precision: null, recall: null, ms: 0, fnVariants: {}, fpVariants: {}, examples: { fp: [], fn: [] } }
      rows.set(type, r)
    }
    return r
  }
  for (const t of ['cn-resident-id', 'bank-card', 'cn-mobile', 'email', 'cn-uscc'] satisfies PlantedType[]) row(t)
  let totalMs = 0
  let benignMs = 0
  for (const s of sentences) {
    const text = texts.get(s.file)?.[s.line - 1] ?? ''
    const spans: { type: string; raw: string }[] = []
    const t0 = process.hrtime.bigint()
    detector.findPii(text, { add: (type, raw) => spans.push({ type, raw }) })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    totalMs += ms
    const p = s.planted
    if (p) {
      const r = row(p.type)
      r.ms += ms
      if (p.valid) r.plantedValid++
      else r.plantedInvalid++
    } else {
      benignMs += ms
    }
    let matched = false
    const where = `${s.file}:${s.line}`
    for (const span of spans) {
      const r = row(span.type)
      r.found++
      if (p && p.valid && !matched && p.type === span.type && canonicalValue(p.type, span.raw) === canonicalValue(p.type, p.written)) {
        r.tp++
        matched = true
        continue
      }
      r.fp++
      const overlaps = p !== null && (p.written.includes(span.raw) || span.raw.includes(p.written) || canonicalValue(p.type, span.raw) === canonicalValue(p.type, p.written))
      const on = p === null || !overlaps ? 'prose' : p.valid ? `valid ${p.type}` : `invalid ${p.type} (${p.variant})`
      if (on === 'prose') r.fpOn.prose++
      else if (p && !p.valid) {
        r.fpOn.invalid++
        const k = `${p.type} ${p.variant}`
        r.fpVariants[k] = (r.fpVariants[k] ?? 0) + 1
      } else r.fpOn.otherType++
      if (r.examples.fp.length < 5) r.examples.fp.push({ at: where, raw: span.raw, on })
    }
    if (p && p.valid && !matched) {
      const r = row(p.type)
      r.fn++
      const k = `${p.variant}, ${p.context ? 'with' : 'without'} context`
      r.fnVariants[k] = (r.fnVariants[k] ?? 0) + 1
      if (r.examples.fn.length < 5) r.examples.fn.push({ at: where, written: p.written, variant: p.variant, context: p.context })
    }
  }
  const table = [...rows.values()]
  for (const r of table) {
    r.precision = r.tp + r.fp === 0 ? null : r.tp / (r.tp + r.fp)
    r.recall = r.plantedValid === 0 ? null : r.tp / r.plantedValid
  }
  printRows(
    ['type', 'planted valid', 'planted invalid', 'found', 'TP', 'FP', '(on invalid / other type / prose)', 'FN', 'precision', 'recall', 'time'],
    table.map((r) => [
      r.type, String(r.plantedValid), String(r.plantedInvalid), String(r.found), String(r.tp), String(r.fp),
      `${r.fpOn.invalid} / ${r.fpOn.otherType} / ${r.fpOn.prose}`, String(r.fn), pct(r.precision), pct(r.recall), `${r.ms.toFixed(1)} ms`,
    ]),
  )
  console.log(`  ${sentences.length} sentences (${ctx.truth.pii.benign} without a planted value, ${benignMs.toFixed(1)} ms) in ${totalMs.toFixed(1)} ms`)
  for (const r of table) {
    if (r.fn > 0) console.log(`    FN ${r.type} by variant: ${fmtCounts(r.fnVariants)}`)
    if (r.fpOn.invalid > 0) console.log(`    FP ${r.type} on invalid values by variant: ${fmtCounts(r.fpVariants)}`)
    for (const e of r.examples.fn.slice(0, 3)) console.log(`    FN ${r.type} ${e.at}: ${e.written} (${e.variant}, ${e.context ? 'with' : 'without'} context)`)
    for (const e of r.examples.fp.slice(0, 3)) console.log(`    FP ${r.type} ${e.at}: ${e.raw} (on ${e.on})`)
  }
  console.log('  (the values are synthetic, planted by the bench)')
  const targets: Target[] = []
  for (const r of table) {
    if (r.plantedValid > 0) {
      targets.push(target(`${r.type} precision ≥ 99%`, r.precision !== null && r.precision >= 0.99, '≥ 99%', r.precision))
      targets.push(target(`${r.type} recall = 100%`, r.recall === 1, '= 100%', r.recall))
    } else {
      targets.push(target(`${r.type} (not planted): no spans`, r.found === 0, '0 found', r.found))
    }
  }
  printTargets(targets)
  return {
    id: 'H',
    name: 'labelled: PII in-process',
    reference: null,
    tdgov: { command: [`findPii (${detector.from}), in-process`], medianMs: totalMs, timesMs: [totalMs], maxRssKb: null, ok: true },
    ratio: null,
    ratioKind: 'none',
    targets,
    checks,
    details: { sentences: sentences.length, benign: ctx.truth.pii.benign, types: table },
  }
}

/** `tdgov scan pii/ --deep --pii full`: the manifest's counts per type against the planted valid values. */
function casePiiScan(ctx: LabelledCtx): CaseResult {
  console.log('\n[H] labelled: personal information, tdgov scan pii/ --deep --pii full')
  const { m, manifest } = scan(ctx, 'tdgov scan pii/ --deep --pii full', ctx.truth.pii.dir, 'h-pii.json', ['--deep', '--pii', 'full'])
  const counts = piiCounts(at(manifest, 'content', 'personalInformation'))
  const planted = ctx.truth.pii.valid as Record<string, number>
  const types = [...new Set([...Object.keys(planted), ...Object.keys(counts)])]
  printRows(['type', 'planted valid', 'manifest count'], types.map((t) => [t, String(planted[t] ?? 0), String(counts[t] ?? 0)]))
  const checks: Check[] = []
  if (m.ok) checks.push(check('manifest records == planted sentences', ctx.truth.pii.sentences.length, num(at(manifest, 'totals', 'records'))))
  // The manifest counts matches, true and false together: every planted valid value found
  // (recall 100%) and at most 1% of the count false (precision ≥ 99%) bound it on both sides.
  const targets = types.map((t) => {
    const valid = planted[t] ?? 0
    const found = counts[t] ?? 0
    return target(`scan count ${t} within [planted valid, planted valid / 0.99]`, found >= valid && found <= valid / 0.99, `${valid}–${Math.floor(valid / 0.99)}`, found)
  })
  printTargets(targets)
  return {
    id: 'H', name: 'labelled: PII scan --deep --pii full', reference: null, tdgov: summary(m), ratio: null, ratioKind: 'none', targets, checks,
    details: { planted, manifest: counts },
  }
}

// ---------------------------------------------------------------------------------------------
// H dup

interface DupFacts {
  records: number | null
  withinFiles: number | null
  acrossFiles: number | null
  rate: number | null
  estimate: { rate: number | null; low: number | null; high: number | null; confidence: number | null; method: string | null; sampledRecords: number | null } | null
}

export function dupFacts(manifest: Json): DupFacts {
  const d = at(manifest, 'content', 'duplicates')
  const e = at(d, 'estimate')
  return {
    records: num(at(manifest, 'content', 'records')),
    withinFiles: num(at(d, 'withinFiles')),
    acrossFiles: num(at(d, 'acrossFiles')),
    rate: num(at(d, 'rate')),
    estimate:
      e && typeof e === 'object'
        ? {
            rate: num(at(e, 'rate')), low: num(at(e, 'low')), high: num(at(e, 'high')), confidence: num(at(e, 'confidence')),
            method: typeof at(e, 'method') === 'string' ? (at(e, 'method') as string) : null, sampledRecords: num(at(e, 'sampledRecords')),
          }
        : null,
  }
}

function fmtEstimate(e: DupFacts['estimate']): string {
  if (e === null) return 'no estimate'
  const conf = e.confidence !== null ? `${Math.round(e.confidence * 100)}% ` : ''
  return `${pct(e.rate)} (${conf}${pct(e.low)}–${pct(e.high)}${e.method ? `, ${e.method}` : ''}${e.sampledRecords !== null ? `, ${e.sampledRecords} sampled` : ''})`
}

function caseDup(ctx: LabelledCtx, t: DupCaseTruth): CaseResult {
  console.log(`\n[H] labelled: duplicates ${t.id} (${t.files.length} file(s), ${t.records.toLocaleString('en-US')} records, truth ${pct(t.rate)})`)
  const sample = scan(ctx, `tdgov scan ${t.id}`, t.dir, `h-dup-${t.id}.json`, [])
  const deep = scan(ctx, `tdgov scan ${t.id} --deep`, t.dir, `h-dup-${t.id}-deep.json`, ['--deep'])
  const s = dupFacts(sample.manifest)
  const d = dupFacts(deep.manifest)
  const deepDuplicates = d.withinFiles !== null && d.acrossFiles !== null ? d.withinFiles + d.acrossFiles : null
  printRows(
    ['', 'records analysed', 'within files', 'across files', 'rate', 'estimate'],
    [
      ['truth', String(t.records), String(t.withinFiles), String(t.acrossFiles), pct(t.rate), '—'],
      ['scan', String(s.records ?? '—'), String(s.withinFiles ?? '—'), String(s.acrossFiles ?? '—'), pct(s.rate), fmtEstimate(s.estimate)],
      ['scan --deep', String(d.records ?? '—'), String(d.withinFiles ?? '—'), String(d.acrossFiles ?? '—'), pct(d.rate), fmtEstimate(d.estimate)],
    ],
  )
  const checks: Check[] = []
  if (deep.m.ok) checks.push(check(`--deep records analysed (${t.id})`, t.records, d.records))
  const est = s.estimate
  const inInterval = est !== null && est.low !== null && est.high !== null && est.low <= t.rate + 1e-12 && t.rate <= est.high + 1e-12
  const targets = [
    target(
      `${t.id}: scan's estimate interval contains the truth ${pct(t.rate)}${est === null ? ' (no estimate)' : ''}`,
      inInterval,
      'interval ∋ truth',
      est?.rate ?? null,
    ),
    target(`${t.id}: --deep duplicates == truth ${t.duplicates}`, deepDuplicates === t.duplicates && d.records === t.records, 'deep = truth', deepDuplicates),
    target(`${t.id}: --deep rate == truth ${pct(t.rate)}`, d.rate !== null && Math.abs(d.rate - t.rate) < 5e-5, 'deep rate = truth', d.rate),
  ]
  printTargets(targets)
  return {
    id: 'H',
    name: `labelled: duplicates ${t.id}`,
    reference: refOf('scan (sample)', sample.m),
    tdgov: summary(deep.m),
    ratio: null,
    ratioKind: 'none',
    targets,
    checks,
    details: { truth: { records: t.records, duplicates: t.duplicates, withinFiles: t.withinFiles, acrossFiles: t.acrossFiles, rate: t.rate }, scan: s, deep: d },
  }
}

// ---------------------------------------------------------------------------------------------
// H numeric

const NOT_IN_TABLES = ['cn-mobile', 'bank-card', 'cn-uscc']

function caseNumeric(ctx: LabelledCtx): CaseResult {
  const n = ctx.truth.numeric
  console.log(`\n[H] labelled: numeric tables (${n.files.map((f) => path.basename(f.path)).join(', ')}; source "${n.source}", personal_information: none)`)
  console.log(`  lookalike cells: mobile-shaped ${n.lookalikes.mobileLike}, Luhn-valid card-shaped ${n.lookalikes.cardLike}, id-valid ${n.lookalikes.residentIdLike}, credit-code-valid ${n.lookalikes.usccLike}`)
  const sample = scan(ctx, 'tdgov scan numeric/', n.dir, 'h-numeric.json', [])
  const full = scan(ctx, 'tdgov scan numeric/ --pii full', n.dir, 'h-numeric-full.json', ['--pii', 'full'])
  const rows: string[][] = []
  const targets: Target[] = []
  const details: Record<string, unknown> = {}
  for (const [label, r] of [['scan', sample], ['scan --pii full', full]] as const) {
    const counts = piiCounts(at(r.manifest, 'content', 'personalInformation'))
    const noBasis = r.m.ok ? findingCodes(r.manifest).filter((c) => c === 'PII_WITHOUT_BASIS').length : null
    rows.push([label, ...NOT_IN_TABLES.map((t) => String(counts[t] ?? 0)), fmtCounts(counts), noBasis === null ? '—' : noBasis > 0 ? `yes (${noBasis})` : 'no'])
    const tableCount = NOT_IN_TABLES.reduce((a, t) => a + (counts[t] ?? 0), 0)
    const all = Object.values(counts).reduce((a, c) => a + c, 0)
    targets.push(target(`${label}: phone/card/credit-code count == 0`, r.m.ok && tableCount === 0, '= 0', tableCount))
    targets.push(target(`${label}: no personal information of any type`, r.m.ok && all === 0, '= 0', all))
    targets.push(target(`${label}: no PII_WITHOUT_BASIS`, noBasis === 0, 'none', noBasis))
    details[label] = { counts, piiWithoutBasis: noBasis }
  }
  printRows(['', ...NOT_IN_TABLES, 'all types', 'PII_WITHOUT_BASIS'], rows)
  const checks: Check[] = []
  if (sample.m.ok) {
    for (const f of n.files) {
      const rel = path.relative(n.dir, f.path)
      checks.push(check(`${rel} records`, f.records, num(at(fileEntry(sample.manifest, rel), 'records'))))
    }
  }
  printTargets(targets)
  return {
    id: 'H', name: 'labelled: numeric tables', reference: refOf('scan (sample)', sample.m), tdgov: summary(full.m),
    ratio: null, ratioKind: 'none', targets, checks, details: { lookalikes: n.lookalikes, ...details },
  }
}

// ---------------------------------------------------------------------------------------------
// H lang

function caseLanguages(ctx: LabelledCtx): CaseResult {
  const l = ctx.truth.languages
  console.log(`\n[H] labelled: language mix (${l.records.toLocaleString('en-US')} records)`)
  const sample = scan(ctx, 'tdgov scan lang/', l.dir, 'h-lang.json', [])
  const deep = scan(ctx, 'tdgov scan lang/ --deep', l.dir, 'h-lang-deep.json', ['--deep'])
  const classes = Object.keys(l.classes) as (keyof typeof l.classes)[]
  const read = (manifest: Json): Record<string, number> => {
    const v = at(manifest, 'content', 'languages')
    const out: Record<string, number> = {}
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v as Record<string, Json>)) if (typeof c === 'number') out[k] = c
    return out
  }
  const s = read(sample.manifest)
  const d = read(deep.manifest)
  const sTotal = Object.values(s).reduce((a, c) => a + c, 0)
  const keys = [...new Set([...classes, ...Object.keys(s), ...Object.keys(d)])]
  printRows(
    ['class', 'truth', 'truth share', 'scan (sample)', 'sample share', 'scan --deep'],
    keys.map((k) => {
      const truth = (l.classes as Record<string, number>)[k] ?? 0
      return [k, String(truth), pct(truth / l.records, 1), String(s[k] ?? 0), sTotal > 0 ? pct((s[k] ?? 0) / sTotal, 1) : '—', String(d[k] ?? 0)]
    }),
  )
  const targets: Target[] = []
  for (const k of keys) {
    const truth = (l.classes as Record<string, number>)[k] ?? 0
    targets.push(target(`--deep ${k} == ${truth}`, deep.m.ok && (d[k] ?? 0) === truth, `= ${truth}`, d[k] ?? 0))
  }
  for (const k of keys) {
    const p = ((l.classes as Record<string, number>)[k] ?? 0) / l.records
    // a uniform sample of n: the share is within 3 standard errors (plus one record) of the truth
    const tol = sTotal > 0 ? 3 * Math.sqrt((p * (1 - p)) / sTotal) + 1 / sTotal : 0
    const share = sTotal > 0 ? (s[k] ?? 0) / sTotal : null
    targets.push(target(`sample share ${k} within 3 s.e. of ${pct(p, 1)}`, share !== null && Math.abs(share - p) <= tol, `± ${pct(tol, 1)}`, share))
  }
  printTargets(targets)
  return {
    id: 'H', name: 'labelled: language mix', reference: refOf('scan (sample)', sample.m), tdgov: summary(deep.m),
    ratio: null, ratioKind: 'none', targets, checks: [], details: { truth: l.classes, scan: s, deep: d },
  }
}

// ---------------------------------------------------------------------------------------------
// H enc, H parquet: tables against their truth, file by file

interface TableFacts {
  records: number | null
  fields: string[] | null
  encoding: string | null
  pii: Record<string, number>
  duplicates: number | null
  languages: Record<string, number>
}

export function tableFacts(manifest: Json, rel: string): TableFacts {
  const e = fileEntry(manifest, rel)
  const langs = at(e, 'content', 'languages')
  const languages: Record<string, number> = {}
  if (langs && typeof langs === 'object') for (const [k, c] of Object.entries(langs as Record<string, Json>)) if (typeof c === 'number') languages[k] = c
  return {
    records: num(at(e, 'records')),
    fields: fieldNames(e),
    encoding: reportedEncoding(e),
    pii: piiCounts(at(e, 'pii')),
    duplicates: num(at(e, 'content', 'duplicates')),
    languages,
  }
}

function tableTargets(t: TableTruth, rel: string, f: TableFacts, ok: boolean): Target[] {
  const targets = [
    target(`${rel}: records == ${t.records}`, ok && f.records === t.records, `= ${t.records}`, f.records),
    target(`${rel}: fields == ${t.fields.join(',')}`, ok && f.fields !== null && f.fields.join('\u0000') === t.fields.join('\u0000'), t.fields.join(',')),
    target(`${rel}: personal information == ${fmtCounts(t.pii)}`, ok && sameCounts(f.pii, t.pii), fmtCounts(t.pii)),
    target(`${rel}: duplicates (--deep) == ${t.duplicates}`, ok && f.duplicates === t.duplicates, `= ${t.duplicates}`, f.duplicates),
  ]
  if (t.format !== 'parquet') {
    const pass = f.encoding === null ? t.encoding === 'utf-8' : ENCODING_NAMES[t.encoding].test(f.encoding)
    targets.push(target(`${rel}: encoding ${t.encoding}${t.bom ? ' (BOM)' : ''}`, ok && pass, f.encoding === null ? 'not reported' : `reported ${f.encoding}`))
  }
  if (t.languages) targets.push(target(`${rel}: languages == ${fmtCounts(t.languages)}`, ok && sameCounts(f.languages, t.languages), fmtCounts(t.languages)))
  return targets
}

function printTables(dir: string, files: TableTruth[], facts: TableFacts[]): void {
  const rows: string[][] = []
  files.forEach((t, i) => {
    const f = facts[i] as TableFacts
    const rel = path.relative(dir, t.path)
    rows.push([`${rel} (truth)`, String(t.records), t.fields.join(','), t.format === 'parquet' ? '—' : `${t.encoding}${t.bom ? '+BOM' : ''}`, fmtCounts(t.pii), String(t.duplicates)])
    rows.push([`${rel} (scan)`, String(f.records ?? '—'), f.fields?.join(',') ?? '—', f.encoding ?? 'not reported', fmtCounts(f.pii), String(f.duplicates ?? '—')])
  })
  printRows(['file', 'records', 'fields', 'encoding', 'personal information', 'duplicates'], rows)
}

function caseTables(ctx: LabelledCtx, label: string, dir: string, files: TableTruth[], out: string): CaseResult {
  console.log(`\n[H] labelled: ${label}`)
  const r = scan(ctx, `tdgov scan ${dir}/ --deep --pii full`, dir, out, ['--deep', '--pii', 'full'])
  const facts = files.map((t) => tableFacts(r.manifest, path.relative(dir, t.path)))
  printTables(dir, files, facts)
  const targets = files.flatMap((t, i) => tableTargets(t, path.relative(dir, t.path), facts[i] as TableFacts, r.m.ok))
  if (files.length === 2 && files.some((t) => t.format === 'parquet')) {
    const [a, b] = facts as [TableFacts, TableFacts]
    const same = a.records === b.records && sameCounts(a.pii, b.pii) && a.duplicates === b.duplicates && sameCounts(a.languages, b.languages)
    targets.push(target('Parquet and its JSONL twin: same records, personal information, duplicates and languages', r.m.ok && same, 'identical'))
  }
  printTargets(targets)
  return {
    id: 'H', name: `labelled: ${label}`, reference: null, tdgov: summary(r.m), ratio: null, ratioKind: 'none', targets, checks: [],
    details: { files: files.map((t, i) => ({ path: t.path, truth: t, scan: facts[i] })) },
  }
}

// ---------------------------------------------------------------------------------------------

/** Runs case H and prints what each part cost. */
export async function caseLabelled(ctx: LabelledCtx): Promise<CaseResult[]> {
  fs.mkdirSync(ctx.outDir, { recursive: true })
  const truth = ctx.truth
  console.log(`\n[H] labelled facts (${truth.scale} scale, seed ${truth.seed}; truth in ${path.join(ctx.root, 'truth.json')})`)
  const timed: { part: string; ms: number }[] = []
  const results: CaseResult[] = []
  const run = async (part: string, f: () => CaseResult | CaseResult[] | Promise<CaseResult>): Promise<void> => {
    const t0 = process.hrtime.bigint()
    const r = await f()
    timed.push({ part, ms: Number(process.hrtime.bigint() - t0) / 1e6 })
    results.push(...(Array.isArray(r) ? r : [r]))
  }
  await run('PII in-process', () => casePiiInProcess(ctx))
  await run('PII scan', () => casePiiScan(ctx))
  for (const t of truth.duplicates) await run(`duplicates ${t.id}`, () => caseDup(ctx, t))
  await run('numeric tables', () => caseNumeric(ctx))
  await run('language mix', () => caseLanguages(ctx))
  await run('encodings', () => caseTables(ctx, 'UTF-8 / UTF-16 LE / GBK CSV', truth.encodings.dir, truth.encodings.files, 'h-enc.json'))
  await run('parquet twin', () => caseTables(ctx, 'Parquet and its JSONL twin', truth.parquet.dir, truth.parquet.files, 'h-parquet.json'))
  console.log('\n[H] time per part (tdgov runs and reading the manifests):')
  printRows(['part', 'time'], timed.map((t) => [t.part, fmtSeconds(t.ms)]))
  const all = results.flatMap((r) => r.targets)
  console.log(`[H] ${all.filter((t) => t.pass).length} of ${all.length} targets pass`)
  return results
}

/** Case H as the bench's registry runs it: the labelled data from the generation step, manifests to labelled-out/. */
export async function caseH(ctx: Ctx): Promise<CaseResult[]> {
  if (!ctx.gen.labelled) throw new Error('case H: the labelled data is missing after generation')
  return caseLabelled({
    outDir: path.join(ctx.l.benchDir, 'labelled-out'),
    root: ctx.l.labelledDir,
    truth: ctx.gen.labelled.truth,
    cli: ctx.cli,
    jobs: ctx.jobs,
    distBenchDir: ctx.distBenchDir,
  })
}
