import { z } from 'zod'
import { diffManifests } from '../../diff/diff-manifests.js'
import { renderDiffMarkdown } from '../../diff/render/render-markdown.js'
import { renderDiffText } from '../../diff/render/render-text.js'
import { LANGUAGES } from '../../findings/messages.js'
import { readManifestAt } from '../../records/read-manifest-revision.js'
import { UserError } from '../../util/errors.js'
import { createOutput } from '../output.js'
import { parseOptions } from '../parse-options.js'

const FORMATS = ['text', 'md', 'json'] as const

const diffOptionsSchema = z.object({
  old: z.string(),
  new: z.string(),
  json: z.boolean().default(false),
  format: z.enum(FORMATS, { message: 'expected --format text, md or json' }).optional(),
  lang: z.enum(LANGUAGES, { message: 'expected --lang en or zh' }).default('en'),
})

export type DiffCommandOptions = z.input<typeof diffOptionsSchema>

/** `tdgov diff OLD NEW`: what changed between two manifests. Informational, so 0 whatever changed. */
export function diffCommand(raw: DiffCommandOptions): number {
  const options = parseOptions(diffOptionsSchema, raw)
  const format = formatOf(options.json, options.format)
  const before = readManifestAt(options.old)
  const after = readManifestAt(options.new)
  const diff = diffManifests(before.manifest, after.manifest, { old: before.name, new: after.name })
  const output = createOutput(format !== 'text')
  if (format === 'json') output.out(`${JSON.stringify(diff, null, 2)}\n`)
  else if (format === 'md') output.out(renderDiffMarkdown(diff, { lang: options.lang }))
  else output.out(renderDiffText(diff, { lang: options.lang, color: output.color }))
  return 0
}

/** `--json` is `--format json`; commander fills in `--format text` by default, so only md conflicts. */
function formatOf(json: boolean, format: (typeof FORMATS)[number] | undefined): (typeof FORMATS)[number] {
  if (json && format === 'md') throw new UserError('--json and --format md ask for different outputs; give one of them')
  return json ? 'json' : (format ?? 'text')
}
