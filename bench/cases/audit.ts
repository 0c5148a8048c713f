/** Case F: `tdgov audit sample` over the 1M- and 10M-line annotation exports. */
import fs from 'node:fs'
import path from 'node:path'
import { ANNOTATION_FILES, ANNOTATION_SIZES } from '../generate.js'
import type { AnnotationSize } from '../generate.js'
import { measure, runOnce } from '../measure.js'
import type { Measurement } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { refSummary, sha256File, summary, warmFile } from './context.js'
import type { Ctx } from './context.js'

/** F: one pass over the export, so 10× the lines should take about 10× the time */
const TARGET_F_TIME_RATIO = 12
/** F: the sample is bounded (n = 1250), so memory should not grow with the population */
const TARGET_F_RSS_RATIO = 1.25

/** F: the plan. ISO 2859-1, level II (default), AQL 1.0; both lots are ≥ 500,001 units. */
const AUDIT_AQL = '1.0'
const AUDIT_SEED = 'bench'
/** Table I: lots of 500,001 and over are code letter Q at general level II (R is level III). */
const AUDIT_CODE_LETTER = 'Q'
/** Table II-A: Q (n = 1250) at AQL 1.0 is Ac 21 / Re 22, no arrow. */
const AUDIT_SAMPLE_SIZE = 1250
const AUDIT_ACCEPT = 21
const AUDIT_REJECT = 22
const AUDIT_CONFIG = 'dataset:\n  name: bench\n  intended_use: research\n'

/** The parts of `.tdgov/audits/<id>.json` that case F checks. */
interface AuditRecordView {
  population?: { units?: number }
  plan?: { code_letter?: string | null; sample_size?: number; accept?: number | null; reject?: number | null }
  sample?: unknown[]
}

function readAuditRecordView(file: string): AuditRecordView | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as AuditRecordView
  } catch (err) {
    console.error(`  !!! MISMATCH: cannot read audit record ${file}: ${err instanceof Error ? err.message : String(err)}`)
    return null
  }
}

interface AuditRun {
  size: AnnotationSize
  lines: number
  ref: Measurement
  td: Measurement
  checks: Check[]
}

/**
 * F, one export: `wc -l` (one streaming pass over the same bytes, for scale), then `tdgov audit
 * sample` ctx.runs times. Each run's sheet and record are hashed and deleted before the next run,
 * so "the same sample every run" compares freshly written files; the last run's files are kept.
 */
function auditOne(ctx: Ctx, config: string, size: AnnotationSize): AuditRun {
  const { l } = ctx
  const file = l.annotationFile(size)
  const lines = ctx.gen.annotations?.files[size]?.lines ?? ANNOTATION_FILES[size]
  console.log(`\n[F] tdgov audit sample ${path.basename(file)} (${lines.toLocaleString('en-US')} lines)`)
  warmFile(file)
  const ref = measure('wc -l', ['wc', '-l', file], l.benchDir, ctx.runs)
  const id = `bench-${size}`
  const sheet = path.join(l.benchDir, `audit-${size}.csv`)
  const recordFile = path.join(path.dirname(config), '.tdgov', 'audits', `${id}.json`)
  const argv = [
    process.execPath, ctx.cli, 'audit', 'sample', file,
    '--format', 'jsonl', '--aql', AUDIT_AQL, '--seed', AUDIT_SEED,
    '--sheet', sheet, '--id', id, '--force', '--config', config,
  ]
  const sheetHashes: string[] = []
  const recordHashes: string[] = []
  const collect = (remove: boolean): void => {
    if (fs.existsSync(sheet)) sheetHashes.push(sha256File(sheet))
    if (fs.existsSync(recordFile)) recordHashes.push(sha256File(recordFile))
    if (remove) {
      fs.rmSync(sheet, { force: true })
      fs.rmSync(recordFile, { force: true })
    }
  }
  fs.rmSync(sheet, { force: true }) // a stale sheet of an earlier bench must not be compared
  fs.rmSync(recordFile, { force: true })
  const td = measure(`tdgov audit sample ${size}`, argv, l.benchDir, ctx.runs, () => collect(true))
  const checks: Check[] = []
  const refLines = Number(ref.last.stdout.trim().split(/\s+/)[0])
  checks.push(check(`wc -l equals the generated line count (${size})`, lines, ref.ok ? refLines : null))
  if (!td.ok) return { size, lines, ref, td, checks }
  collect(false)
  const record = readAuditRecordView(recordFile)
  checks.push(check(`record population.units (${size})`, lines, record?.population?.units ?? null))
  checks.push(check(`record plan.code_letter (${size})`, AUDIT_CODE_LETTER, record?.plan?.code_letter ?? null))
  checks.push(check(`record plan.sample_size (${size})`, AUDIT_SAMPLE_SIZE, record?.plan?.sample_size ?? null))
  checks.push(check(`record plan Ac/Re (${size})`, `${AUDIT_ACCEPT}/${AUDIT_REJECT}`, record?.plan ? `${record.plan.accept}/${record.plan.reject}` : null))
  checks.push(check(`record sample.length == plan.sample_size (${size})`, record?.plan?.sample_size ?? -1, record?.sample?.length ?? null))
  const sheetRows = fs.existsSync(sheet) ? fs.readFileSync(sheet, 'utf8').split('\n').filter((s) => s.trim() !== '').length - 1 : null
  checks.push(check(`sheet rows (${size})`, AUDIT_SAMPLE_SIZE, sheetRows))
  // the 1M sample must come out the same when drawn again: run it once more if ctx.runs was 1
  if (size === '1m' && sheetHashes.length < 2) {
    fs.rmSync(sheet, { force: true })
    fs.rmSync(recordFile, { force: true })
    console.log(`  tdgov audit sample ${size}: one more run (not timed) to compare the samples …`)
    const again = runOnce(argv, l.benchDir)
    if (again.status === 0) collect(false)
    else console.error(`  ✗ the repeated run failed (exit ${again.status ?? again.signal ?? '?'}): ${again.stderr.trim().split('\n').slice(-5).join(' / ')}`)
  }
  if (sheetHashes.length >= 2) {
    const same = (hashes: string[]): string => (hashes.every((h) => h === hashes[0]) ? 'identical' : `${new Set(hashes).size} different`)
    checks.push(check(`sheet bytes over ${sheetHashes.length} runs (${size})`, 'identical', same(sheetHashes)))
    checks.push(check(`record bytes over ${recordHashes.length} runs (${size})`, 'identical', same(recordHashes)))
  } else if (size === '1m') {
    checks.push(check(`sheet bytes of a repeated run (${size})`, 'identical', null))
  }
  return { size, lines, ref, td, checks }
}

/**
 * F: `tdgov audit sample` over a 1M- and a 10M-line generic JSONL export: time, items/s and peak
 * RSS for both; the targets compare the two (one pass: time grows linearly; memory is bounded by
 * the sample, not the population).
 */
export function caseF(ctx: Ctx): CaseResult[] {
  const { l } = ctx
  // the audit record goes to .tdgov/audits next to the config: keep it in a scratch project
  const project = path.join(l.benchDir, 'audit-project')
  fs.rmSync(project, { recursive: true, force: true })
  fs.mkdirSync(project, { recursive: true })
  const config = path.join(project, 'tdgov.yaml')
  fs.writeFileSync(config, AUDIT_CONFIG)
  const runs = ANNOTATION_SIZES.map((size) => auditOne(ctx, config, size))
  const small = runs.find((r) => r.size === '1m')
  const large = runs.find((r) => r.size === '10m')
  const timeRatio = small?.td.ok && large?.td.ok ? large.td.medianMs / small.td.medianMs : null
  const rssRatio =
    small?.td.ok && large?.td.ok && small.td.maxRssKb !== null && large.td.maxRssKb !== null ? large.td.maxRssKb / small.td.maxRssKb : null
  if (timeRatio !== null) console.log(`  10M / 1M time: ${timeRatio.toFixed(2)}×`)
  if (rssRatio !== null) console.log(`  10M / 1M peak RSS: ${rssRatio.toFixed(2)}×`)
  return runs.map(
    (r): CaseResult => ({
      id: 'F',
      name: `audit sample ${r.size.toUpperCase()} lines`,
      reference: refSummary('wc -l', r.ref),
      tdgov: summary(r.td),
      ratio: r.td.ok ? r.lines / (r.td.medianMs / 1000) : null,
      ratioKind: 'items/s',
      items: r.lines,
      targets:
        r.size !== '10m'
          ? []
          : [
              {
                name: 'one pass: 10M time ≤ 12 × 1M time',
                value: timeRatio,
                limit: `10M/1M time ≤ ${TARGET_F_TIME_RATIO}×`,
                pass: timeRatio !== null && timeRatio <= TARGET_F_TIME_RATIO,
              },
              {
                name: 'memory independent of population: peak RSS(10M) ≤ 1.25 × peak RSS(1M)',
                value: rssRatio,
                limit: `10M/1M RSS ≤ ${TARGET_F_RSS_RATIO}×`,
                pass: rssRatio !== null && rssRatio <= TARGET_F_RSS_RATIO,
              },
            ],
      checks: r.checks,
    }),
  )
}
