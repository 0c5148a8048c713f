import { recordDate } from '../../util/record-date.js'
import { z } from 'zod'
import { sampleAudit, type SampleAuditOutput } from '../../audit/sample-audit.js'
import { defaultSheetLanguage, verdictWords, type SheetLanguage } from '../../audit/sheets/index.js'
import { STRATIFY_BY, type DrawPass } from '../../audit/sampling/draw-sample.js'
import { loadConfig } from '../../records/load-config.js'
import { locateProject } from '../../records/project.js'
import { UserError } from '../../util/errors.js'
import { adapterFlagsSchema, adapterOptionsFrom, planFlagsSchema, planFromFlags } from '../audit-options.js'
import { LANGUAGES, type Language } from '../../findings/messages.js'
import { createOutput, createProgressLine, describeFindings, type Palette } from '../output.js'
import { checkTogether, parseOptions } from '../parse-options.js'
import { describePlan, planJson } from './audit-plan.js'
import { formatCount } from '../../util/format-count.js'

const PASS_NOTES: Readonly<Record<DrawPass, string>> = {
  count: '',
  repeats: ' (again: two items share a rank, so their keys are compared)',
  resolve: ' (again: some items repeat, and the draw keeps one copy of each)',
  ratio: ' (again: a ratio needs the population size first)',
}

/** TC260-003 §5.1: a source's content is checked on a random sample of at least 4,000 items. */
const CONTENT_SAMPLE_SIZE = 4000

const optionsSchema = z.object({
  ...planFlagsSchema,
  ...adapterFlagsSchema,
  inputs: z.array(z.string()),
  seed: z.string({ message: 'expected a seed (any text, such as the date); it makes the sample reproducible' }).min(1, 'expected a non-empty seed'),
  stratify: z.enum(STRATIFY_BY, { message: 'expected label, annotator or source' }).optional(),
  sheet: z.string().optional(),
  sheetLang: z.enum(LANGUAGES, { message: 'expected --sheet-lang zh or en' }).optional(),
  source: z.string().optional(),
  rules: z.string().optional(),
  id: z.string().optional(),
  force: z.boolean().default(false),
  asOf: z.string().optional(),
  config: z.string().optional(),
  project: z.string().optional(),
  json: z.boolean().default(false),
  lang: z.enum(LANGUAGES, { message: 'expected --lang en or zh' }).default('en'),
})

/** `tdgov audit sample`: draws the sample, writes the sheet and the audit record. */
export async function auditSampleCommand(raw: Record<string, unknown>): Promise<number> {
  const options = parseOptions(optionsSchema, raw)
  const fallback = options.source !== undefined ? { method: 'fixed-size' as const, size: CONTENT_SAMPLE_SIZE } : undefined
  if (options.source !== undefined && options.stratify === 'label') throw new UserError('--stratify label: data-item audits have no labels; use source')
  // The flags are checked before any file is read, and both told at once when both are wrong.
  const [drawnOn, plan] = checkTogether(
    () => recordDate(options.asOf, '--as-of', process.env, new Date()),
    () => planFromFlags(options, fallback),
  )
  const { root } = locateProject(options)
  const config = loadConfig(root, options.config)
  const output = createOutput(options.json)
  const progress = createProgressLine(output)
  const sheetLanguage = options.sheetLang ?? defaultSheetLanguage(config?.config.dataset.language, process.env.LANG)
  const result = await sampleAudit({
    root,
    inputs: options.inputs,
    source: options.source ?? null,
    format: options.format,
    adapterOptions: adapterOptionsFrom(options),
    plan,
    seed: options.seed,
    stratify: options.stratify ?? null,
    rules: options.rules ?? null,
    id: options.id ?? null,
    sheet: options.sheet ?? null,
    sheetLanguage,
    force: options.force,
    config,
    drawnOn,
    repeats: options.repeats,
    onProgress: (units, pass) => progress.update(`sampling: ${formatCount(units)} items read${PASS_NOTES[pass]}`),
  })
  progress.done()
  if (options.json) {
    output.out(JSON.stringify(sampleJson(result), null, 2) + '\n')
  } else {
    output.out(describeSample(result, output.color, options.lang, sheetLanguage))
  }
  return 0
}

function sampleJson({ record, recordFile, sheetFile, configFile }: SampleAuditOutput): Record<string, unknown> {
  return {
    id: record.id,
    kind: record.kind,
    plan: planJson(record.plan),
    seed: record.seed,
    population: { units: record.population.units, fingerprint: record.population.fingerprint, strata: record.population.strata },
    sampled: record.sample.length,
    repeats: record.repeats,
    sheet: sheetFile,
    ...(configFile !== null && { label_studio_config: configFile }),
    record: recordFile,
    findings: record.findings,
  }
}

function describeSample({ record, recordFile, sheetFile, configFile }: SampleAuditOutput, c: Palette, lang: Language, sheetLanguage: SheetLanguage): string {
  const n = (v: number): string => formatCount(v)
  // The words the sheet offers, which are the words the reviewers will type.
  const words = verdictWords(record.kind, sheetLanguage).join(' / ')
  const verdicts = record.kind === 'content' ? `${words}, risk category in error_type` : words
  const lines = [
    `${c.bold('audit')} ${record.id}: ${n(record.sample.length)} of ${n(record.population.units)} ${record.kind === 'content' ? `records of source ${record.source}` : 'annotations'} sampled (seed "${record.seed}")`,
    ...describePlan(record.plan, record.kind === 'content' ? 'records' : 'annotations')
      .trimEnd()
      .split('\n')
      .map((line) => `  ${line.trim()}`),
    `  population fingerprint ${record.population.fingerprint}`,
  ]
  if (record.population.strata) {
    const strata = Object.entries(record.population.strata).map(([name, s]) => `${name} ${s.sampled}/${s.units}`)
    lines.push(`  strata (${record.stratify}): ${strata.join(', ')}`)
  }
  if (configFile === null) {
    lines.push(`sheet  ${sheetFile}  (fill in verdict: ${verdicts}; reviewer; corrected_label)`, `record ${recordFile}`)
  } else {
    lines.push(
      `config ${configFile}  (create a Label Studio project with it as the labelling interface: Labeling Setup → Custom template → Code)`,
      `tasks  ${sheetFile}  (then import them into that project; each pre-selects the annotator's labels to keep or change)`,
      `record ${recordFile}`,
    )
  }
  lines.push(...describeFindings(record.findings, c, lang))
  lines.push(configFile === null ? `next: tdgov audit score ${sheetFile}` : 'next: export the project as JSON, then tdgov audit score EXPORT.json')
  return lines.join('\n') + '\n'
}
