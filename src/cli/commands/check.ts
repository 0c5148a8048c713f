import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { FAIL_ON, githubJobSummary, REPORT_FORMATS, REPORTERS, runGate, writeBaseline } from '../../check/index.js'
import { LANGUAGES } from '../../findings/messages.js'
import { locateProject } from '../../records/project.js'
import { insideOf, writeFileAtomic } from '../../util/atomic-write.js'
import { checkOutTarget } from '../out-target.js'
import { noteOutput } from '../../records/output-ledger.js'
import { UserError } from '../../util/errors.js'
import { packageRoot } from '../../util/version.js'
import { createOutput } from '../output.js'
import { terminalSafe } from '../../util/terminal-safe.js'
import { parseOptions } from '../parse-options.js'

const optionsSchema = z.object({
  dir: z.string().optional(),
  project: z.string().optional(),
  config: z.string().optional(),
  format: z.enum(REPORT_FORMATS, { message: `expected --format ${REPORT_FORMATS.join(', ')}` }).default('text'),
  json: z.boolean().default(false),
  out: z.string().optional(),
  failOn: z.enum(FAIL_ON, { message: 'expected --fail-on error, warning or never' }).default('error'),
  lang: z.enum(LANGUAGES, { message: 'expected --lang en or zh' }).default('en'),
  updateBaseline: z.boolean().default(false),
  tree: z.boolean().default(true),
  docsUrl: z.string().optional(),
  force: z.boolean().default(false),
})

/** `tdgov check [dir]`: the release gate over the records; 0 pass, 1 gate failed. */
export async function checkCommand(raw: Record<string, unknown>): Promise<number> {
  const options = parseOptions(optionsSchema, raw)
  const format = options.json ? 'json' : options.format
  const project = locateProject(options)
  if (options.out !== undefined) await checkOutTarget(options.out, { tree: project.root, force: options.force })
  const result = await runGate(project, { failOn: options.failOn, today: new Date(), ignoreBaseline: options.updateBaseline, compareTree: options.tree })
  const output = createOutput(format !== 'text' || options.out !== undefined)
  if (options.updateBaseline) {
    const file = writeBaseline(project.root, result.findings)
    output.err(`baseline: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} recorded in ${terminalSafe(file)}; later runs fail only on others\n`)
    return 0
  }
  const text = REPORTERS[format](result, { lang: options.lang, color: output.color, rulesDocUrl: options.docsUrl ?? defaultDocsUrl() })
  if (options.out !== undefined) {
    try {
      writeFileAtomic(options.out, text, insideOf(project.root, options.out))
    } catch (error) {
      if (error instanceof UserError) throw error
      throw new UserError(`${options.out}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
    }
    await noteOutput(project.root, options.out)
    output.err(`${result.passed ? 'PASS' : 'FAIL'}: ${result.counts.error} error(s), ${result.counts.warning} warning(s), ${result.counts.info} info → ${terminalSafe(options.out)}\n`)
  } else output.out(text)
  const summary = process.env.GITHUB_STEP_SUMMARY
  if (format === 'github' && summary) appendFileSync(summary, githubJobSummary(result, options.lang))
  return result.passed ? 0 : 1
}

/** The rules documentation that ships with the package, so helpUri always resolves. */
function defaultDocsUrl(): string {
  return pathToFileURL(path.join(packageRoot() ?? '.', 'docs', 'rules.md')).href
}
