import { statSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { RecordDifference } from '../../audit/verify/index.js'
import { verifyAuditRecord, type Verification } from '../../audit/verify/verify-record.js'
import { readAuditRecord, type AuditRecord } from '../../records/audit-record.js'
import { loadConfig } from '../../records/load-config.js'
import { locateProject, TDGOV_DIR } from '../../records/project.js'
import { UserError } from '../../util/errors.js'
import { formatCount } from '../../util/format-count.js'
import { pct } from '../audit-options.js'
import { createOutput, type Palette } from '../output.js'
import { parseOptions } from '../parse-options.js'

const optionsSchema = z.object({
  record: z.string(),
  exports: z.array(z.string()).default([]),
  config: z.string().optional(),
  project: z.string().optional(),
  json: z.boolean().default(false),
})

/** Differences printed one per line; the rest are counted, as one edit often moves many fields. */
const LISTED_DIFFERENCES = 10

/** `tdgov audit verify RECORD`: checks a record against its plan and seed and re-draws it from the exports; 0 verified, 1 not. */
export async function auditVerifyCommand(raw: Record<string, unknown>): Promise<number> {
  const options = parseOptions(optionsSchema, raw)
  for (const dir of options.exports) {
    if (!isDirectory(dir)) throw new UserError(`--exports ${dir}: not a directory; expected a folder holding the exports the sample was drawn from`)
  }
  const record = readAuditRecord(options.record)
  const root = options.project ?? projectOfRecord(options.record) ?? locateProject(options).root
  const config = record.stratify === 'source' ? loadConfig(root, options.config) : null
  const verification = await verifyAuditRecord(record, { root, exportDirs: options.exports, config })
  const output = createOutput(options.json)
  if (options.json) output.out(JSON.stringify(verifyJson(record, options.record, verification), null, 2) + '\n')
  else output.out(describeVerification(record, options.record, verification, output.color))
  return verification.verified ? 0 : 1
}

/** A record in `<root>/.tdgov/audits/` names its inputs relative to `<root>`. */
function projectOfRecord(file: string): string | null {
  const audits = path.dirname(path.resolve(file))
  return path.basename(audits) === 'audits' && path.basename(path.dirname(audits)) === TDGOV_DIR ? path.dirname(path.dirname(audits)) : null
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}

function verifyJson(record: AuditRecord, file: string, v: Verification): Record<string, unknown> {
  return {
    id: record.id,
    record: file,
    verified: v.verified,
    plan: record.plan,
    seed: record.seed,
    sampled: record.sample.length,
    population: { units: record.population.units, fingerprint: record.population.fingerprint },
    consistency: v.consistency,
    redraw: v.redraw,
  }
}

function describeVerification(record: AuditRecord, file: string, v: Verification, c: Palette): string {
  const unit = record.kind === 'content' ? 'records' : 'annotations'
  const lines = [
    `${c.bold('audit')} ${record.id} (${file}, drawn by tdgov ${record.tool})`,
    `  plan: ${planSummary(record.plan)}`,
    `  seed "${record.seed}": ${record.sample.length} sampled rows; population ${formatCount(record.population.units)} ${unit}, fingerprint ${record.population.fingerprint}`,
  ]
  if (v.consistency.length === 0) lines.push('  the record against its own plan, strata, seed and fingerprint: consistent')
  else lines.push(`  the record against its own plan, strata, seed and fingerprint: ${v.consistency.length} ${v.consistency.length === 1 ? 'difference' : 'differences'}`, ...listed(v.consistency))
  const r = v.redraw
  if (r.status === 'not-possible') {
    lines.push(`  the sample could not be re-drawn: ${r.reason}`)
  } else {
    const inputs = r.inputs.map((input) => `${shown(input.file)} (sha256 ${input.sha256})`).join(', ')
    const same = r.units === record.population.units && r.fingerprint === record.population.fingerprint
    lines.push(`  population re-computed from ${inputs}: ${formatCount(r.units)} ${unit}, fingerprint ${r.fingerprint}${same ? ', identical' : ', different'}`)
    if (r.status === 'identical') lines.push(`  sample re-drawn from the exports under the seed and plan: identical, ${r.sampled} of ${r.sampled} rows`)
    else lines.push(`  sample re-drawn from the exports under the seed and plan: ${r.differences.length} ${r.differences.length === 1 ? 'difference' : 'differences'}`, ...listed(r.differences))
  }
  lines.push(verdictLine(v, c))
  return lines.join('\n') + '\n'
}

/** Where an export was found, relative to the working directory when it is below it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel
}

function verdictLine(v: Verification, c: Palette): string {
  if (v.verified) return `${c.bold('VERIFIED')}: the record is the sample its seed and plan draw from the exports`
  const first = v.consistency[0]
  if (first !== undefined) return `${c.red('NOT VERIFIED')}: ${describe(first)} (from the record's own plan and seed)`
  const r = v.redraw
  if (r.status === 'different') return `${c.red('NOT VERIFIED')}: ${describe(r.differences[0]!)} (from the re-drawn sample)`
  if (r.status === 'not-possible') return `${c.red('NOT VERIFIED')}: the record agrees with its plan and seed, but the sample could not be re-drawn: ${r.reason}`
  return `${c.red('NOT VERIFIED')}`
}

function listed(differences: readonly RecordDifference[]): string[] {
  const lines = differences.slice(0, LISTED_DIFFERENCES).map((d) => `    ${describe(d)}`)
  if (differences.length > LISTED_DIFFERENCES) lines.push(`    … and ${differences.length - LISTED_DIFFERENCES} more`)
  return lines
}

function describe(d: RecordDifference): string {
  return `${d.field} is ${d.found}, expected ${d.expected}`
}

function planSummary(plan: AuditRecord['plan']): string {
  const n = `n=${plan.sample_size} of ${formatCount(plan.population)}${plan.full_inspection ? ' (100% inspection)' : ''}`
  switch (plan.method) {
    case 'iso-2859-1':
      return `ISO 2859-1, AQL ${plan.aql}, level ${plan.level}: code ${plan.code_letter}, ${n}, Ac=${plan.accept}, Re=${plan.reject}`
    case 'cochran':
      return `Cochran, margin ±${pct(plan.margin)} at ${pct(plan.confidence)} confidence, p=${plan.proportion}: ${n}`
    case 'fixed-size':
      return `fixed size ${plan.plan_sample_size}: ${n}`
    case 'ratio':
      return `ratio ${pct(plan.ratio)}: ${n}`
  }
}
