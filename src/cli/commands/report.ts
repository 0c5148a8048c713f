import { z } from 'zod'
import { locateProject } from '../../records/project.js'
import { buildReport, CAC_LANGS, CAC_OUTPUTS, renderReport, reportDate, REPORT_FORMATS } from '../../report/index.js'
import { insideOf, writeFileAtomic } from '../../util/atomic-write.js'
import { checkOutTarget } from '../out-target.js'
import { noteOutput } from '../../records/output-ledger.js'
import { UserError } from '../../util/errors.js'
import { createOutput } from '../output.js'
import { terminalSafe } from '../../util/terminal-safe.js'
import { parseOptions } from '../parse-options.js'

const optionsSchema = z.object({
  dir: z.string().optional(),
  project: z.string().optional(),
  config: z.string().optional(),
  format: z.enum(REPORT_FORMATS, { message: `expected --format ${REPORT_FORMATS.join(', ')}` }).default('json'),
  out: z.string().optional(),
  date: z.string().optional(),
  lang: z.enum(CAC_LANGS, { message: 'expected --lang zh or en' }).default('zh'),
  as: z.enum(CAC_OUTPUTS, { message: `expected --as ${CAC_OUTPUTS.join(', ')}` }).optional(),
  strict: z.boolean().default(false),
  force: z.boolean().default(false),
})

/** `tdgov report [dir]`: the Art. 19 report model from the records; 0 written, 2 bad input. */
export async function reportCommand(raw: Record<string, unknown>): Promise<number> {
  const options = parseOptions(optionsSchema, raw)
  if (options.as !== undefined && options.format !== 'cac') throw new UserError(`--as applies to --format cac (got --format ${options.format})`)
  const project = locateProject(options)
  if (options.out !== undefined) await checkOutTarget(options.out, { tree: project.root, force: options.force })
  const build = await buildReport(project, { date: reportDate(options.date, process.env, new Date()) })
  const { report } = build
  if (options.strict && report.warnings.length > 0) {
    const codes = report.warnings.map((w) => (w.args.audit !== undefined ? `${w.code} (${w.args.audit})` : w.code)).join(', ')
    throw new UserError(`${project.manifestFile}: the records are not current (${codes}); rescan or re-audit, or drop --strict`)
  }
  const text = await renderReport(build, options.format, { lang: options.lang, as: options.as ?? 'md' })
  const output = createOutput(options.out !== undefined)
  if (options.out === undefined) {
    if (typeof text !== 'string' && process.stdout.isTTY === true) throw new UserError(`--format ${options.format} writes a binary file; give --out FILE`)
    output.out(text)
    return 0
  }
  try {
    writeFileAtomic(options.out, text, insideOf(project.root, options.out))
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${options.out}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  await noteOutput(project.root, options.out)
  output.err(`report (${options.format}) → ${terminalSafe(options.out)}${report.warnings.length > 0 ? ` (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} at the top)` : ''}\n`)
  return 0
}
