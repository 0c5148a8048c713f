import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { AUDITS_DIR, readAuditRecord, renderAuditRecord, type AuditRecord } from '../../records/audit-record.js'
import { matchRowsToSample } from '../../audit/score/check-sheet.js'
import { DEFAULT_TARGET_ACCURACY, scoreAudit, TC260_HARMFUL_RATE_MAX, TC260_PASS_RATE_MIN } from '../../audit/score/score-audit.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, readSheet, rowsAllowed } from '../../audit/sheets/index.js'
import { loadConfig } from '../../records/load-config.js'
import { locateProject } from '../../records/project.js'
import { auditFindings } from '../../audit/audit-findings.js'
import { relativeTo } from '../../audit/sample-audit.js'
import { applyPolicy, findingFingerprint } from '../../check/index.js'
import { inconsistencyFinding } from '../../audit/verify/index.js'
import { redrawSample } from '../../audit/verify/redraw-sample.js'
import { makeFinding, type Finding } from '../../findings/finding.js'
import { insideOf, writeFileAtomic } from '../../util/atomic-write.js'
import { UserError } from '../../util/errors.js'
import { confidenceOption, pct, shareOption, wholeNumberOption } from '../audit-options.js'
import { LANGUAGES, renderMessage, type Language } from '../../findings/messages.js'
import { repeatsFinding } from '../../check/rules/audit-units-repeated.js'
import { createOutput, describeFindings, type Palette } from '../output.js'
import { parseOptions } from '../parse-options.js'
import { formatCount } from '../../util/format-count.js'
import { recordDate, startOfDay } from '../../util/record-date.js'

const optionsSchema = z.object({
  sheet: z.string(),
  record: z.string().optional(),
  confidence: confidenceOption.default(0.95),
  targetAccuracy: shareOption('a target accuracy such as 0.95 or 95%').optional(),
  maxSheetBytes: wholeNumberOption('a size in bytes').optional(),
  maxSheetRows: wholeNumberOption('a whole number of rows').optional(),
  maxSheetRowBytes: wholeNumberOption('a size in bytes').optional(),
  asOf: z.string().optional(),
  config: z.string().optional(),
  project: z.string().optional(),
  json: z.boolean().default(false),
  lang: z.enum(LANGUAGES, { message: 'expected --lang en or zh' }).default('en'),
})

/** `tdgov audit score SHEET`: checks the sheet against its audit, scores it, records the result; 1 unless accepted. */
export async function auditScoreCommand(raw: Record<string, unknown>): Promise<number> {
  const options = parseOptions(optionsSchema, raw)
  const { root } = locateProject(options)
  const loaded = loadConfig(root, options.config)
  const policy = loaded?.config.policy
  const limits = {
    maxBytes: options.maxSheetBytes ?? DEFAULT_SHEET_LIMITS.maxBytes,
    maxRowBytes: options.maxSheetRowBytes ?? DEFAULT_SHEET_LIMITS.maxRowBytes,
  }
  const rowsFor = (sampleSize: number): number => options.maxSheetRows ?? rowsAllowed(sampleSize)
  // With --record the sample size is known first, so reading stops a little past it; without, the
  // first filled row names the record, and reading goes on with its sample size.
  const given = options.record === undefined ? null : readAuditRecord(options.record)
  const rows = await readSheet(options.sheet, {
    ...limits,
    maxRows: given === null ? (options.maxSheetRows ?? null) : rowsFor(given.sample.length),
    rowsAfterFirst: (first) => rowsFor(readAuditRecord(findRecord(options.sheet, first.cells.audit_id, root)).sample.length),
  })
  const recordFile = options.record ?? findRecord(options.sheet, rows[0]?.cells.audit_id, root)
  const record = given ?? readAuditRecord(recordFile)
  checkRowCount(options.sheet, rows.length, { ...limits, maxRows: rowsFor(record.sample.length) })
  const matched = matchRowsToSample(record, rows, options.sheet)
  const sheetSha256 = createHash('sha256').update(readFileSync(options.sheet)).digest('hex')
  // Scoring the same sheet again is the same scoring: it keeps its day, so its findings and the
  // audit's age do not move with the calendar.
  const rescored = record.result !== null && record.result.sheet_sha256 === sheetSha256 && options.asOf === undefined
  const scoredOn = rescored ? record.result!.scored_on : recordDate(options.asOf, '--as-of', process.env, new Date())
  const result = scoreAudit(record, matched, {
    confidence: options.confidence,
    targetAccuracy: options.targetAccuracy ?? policy?.target_accuracy ?? DEFAULT_TARGET_ACCURACY,
    passRateMin: policy?.safety_pass_rate_min ?? TC260_PASS_RATE_MIN,
    harmfulRateMax: policy?.harmful_rate_max ?? TC260_HARMFUL_RATE_MAX,
    sheet: options.sheet,
    sheetSha256,
    scoredOn,
  })
  const today = new Date()
  // Annotators and reviewers are judged trained at the day the sample was drawn (records before
  // version 4 do not say: at the day of scoring).
  const judgedAt = startOfDay(record.drawn_on ?? scoredOn)
  const scored: AuditRecord = { ...record, result }
  const recordPath = relativeTo(root, recordFile)
  // When the exports are here with the recorded sha256, the sample is drawn again: a record whose
  // rows were swapped for other items, with ranks re-computed to match, differs only from that.
  const redraw = await redrawSample(record, { root, exportDirs: [], config: loaded })
  const redrawn = redraw.status === 'different' ? [makeFinding(inconsistencyFinding({ id: record.id, path: recordPath }, 'redraw', redraw.differences))] : []
  const current = dedupe([...redrawn, ...auditFindings(root, scored, recordPath, loaded, judgedAt)])
  // What the sheet adds to what was found when the sample was drawn.
  const drawn = new Set(record.findings.map((f) => findingFingerprint(f)))
  result.findings = current.filter((f) => !drawn.has(findingFingerprint(f)))
  writeFileAtomic(recordFile, renderAuditRecord(scored), insideOf(root, recordFile))
  // An error that stands (after tdgov.yaml's policy grades it) blocks acceptance, whatever the counts say.
  const blocking = applyPolicy(current, policy ?? null, null, today).findings.filter((f) => f.severity === 'error')
  const accepted = result.decision === 'accept' && blocking.length === 0
  const output = createOutput(options.json)
  if (options.json) {
    output.out(JSON.stringify({ id: record.id, kind: record.kind, record: recordFile, accepted, blocking: [...new Set(blocking.map((f) => f.code))], ...result }, null, 2) + '\n')
  } else {
    output.out(describeScore(scored, recordFile, blocking, output.color, options.lang))
  }
  return accepted ? 0 : 1
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = findingFingerprint(f)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The record named by the sheet's audit_id: next to the sheet, or in the project's .tdgov/audits. */
function findRecord(sheet: string, auditId: string | undefined, root: string): string {
  if (auditId === undefined || auditId === '') throw new UserError(`${sheet}: no rows with an audit_id; expected a sheet written by tdgov audit sample`)
  const candidates = [path.join(path.dirname(sheet), `${auditId}.json`), path.join(root, AUDITS_DIR, `${auditId}.json`)]
  const found = candidates.find((file) => existsSync(file))
  if (found === undefined) throw new UserError(`${sheet}: audit record ${auditId}.json not found in ${candidates.map((f) => path.dirname(f)).join(' or ')}; pass --config with the project's tdgov.yaml, or --record FILE`)
  return found
}

function describeScore(record: AuditRecord, recordFile: string, blocking: readonly Finding[], c: Palette, lang: Language): string {
  const r = record.result!
  const interval = (i: readonly [number, number] | null): string => (i === null ? 'n/a' : `${pct(i[0])}–${pct(i[1])}`)
  const conf = pct(r.confidence)
  const what = record.kind === 'content' ? 'pass rate' : 'accuracy'
  const verdict = r.decision === 'accept' ? c.bold('ACCEPT') : c.red(r.decision.toUpperCase())
  const lines = [
    `${c.bold('audit')} ${record.id}: ${r.reviewed} reviewed${r.unreviewed > 0 ? `, ${r.unreviewed} not yet` : ''}, ${r.defects} ${record.kind === 'content' ? 'failed' : 'incorrect'}`,
    `  ${what} ${pct(r.accuracy)}; ${conf} intervals: Wilson ${interval(r.wilson)}, Clopper–Pearson ${interval(r.clopper_pearson)}`,
  ]
  if (r.weighted_accuracy !== null) {
    lines.push(`  stratified estimate (strata weighted by population) ${pct(r.weighted_accuracy)}, ${conf} interval ${interval(r.weighted_interval)}`)
  }
  lines.push(`  human verification ratio ${pct(r.verification_ratio)} (${r.reviewed} of ${formatCount(record.population.units)} ${record.kind === 'content' ? 'records' : 'annotations'})`)
  // The population was drawn with repeats resolved; said here in the words the draw used.
  if (record.repeats !== null && record.repeats.units > 0) {
    lines.push(`  population: ${renderMessage('AUDIT_UNITS_REPEATED', repeatsFinding(record.repeats, { kind: 'dataset' }).args ?? {}, lang)}`)
  }
  lines.push(decisionLine(r, verdict, blocking, c))
  const perAnnotator = Object.entries(r.per_annotator)
  if (record.kind === 'annotation') {
    const classes = Object.entries(r.per_class)
    if (classes.length > 0) lines.push(`per class: ${classes.map(([k, v]) => `${k} ${v.correct}/${v.reviewed}`).join(', ')}`)
    if (perAnnotator.length > 0) lines.push(`per annotator: ${perAnnotator.map(([k, v]) => `${k} ${pct(v.accuracy)} (${v.correct}/${v.reviewed})`).join(', ')}`)
    if (r.cohen_kappa !== null) lines.push(`Cohen's kappa, annotator vs reviewer: ${r.cohen_kappa.toFixed(3)}`)
  }
  const errors = Object.entries(r.error_types)
  if (errors.length > 0) lines.push(`${record.kind === 'content' ? 'risk categories' : 'error types'}: ${errors.map(([k, v]) => `${k} ${v}`).join(', ')}`)
  lines.push(...describeFindings(r.findings, c, lang))
  lines.push(`result recorded in ${recordFile}`)
  return lines.join('\n') + '\n'
}

/**
 * The decision and the rule it applied; an error finding that stands makes an accept NOT ACCEPTED
 * and is named on the same line, so the line read alone never says ACCEPT beside an error.
 */
function decisionLine(r: NonNullable<AuditRecord['result']>, verdict: string, blocking: readonly Finding[], c: Palette): string {
  if (blocking.length === 0) return `${verdict}: ${r.rule}`
  const codes = [...new Set(blocking.map((f) => f.code))].join(', ')
  const stand = `${blocking.length} error finding${blocking.length === 1 ? ' stands' : 's stand'} (${codes})`
  if (r.decision === 'accept') return `${c.red('NOT ACCEPTED')}: ${stand}; the sample alone would be accepted (${r.rule})`
  return `${verdict}: ${r.rule}; and ${stand}`
}
