import path from 'node:path'
import { z } from 'zod'
import { LANGUAGES } from '../../findings/messages.js'
import { mergePartials } from '../../scan/merge.js'
import { MANIFEST_PATH } from '../../records/project.js'
import { createOutput } from '../output.js'
import { parseOptions } from '../parse-options.js'
import { renderScanSummary } from '../scan-summary.js'

const optionsSchema = z.object({
  partials: z.array(z.string()).min(1, 'expected the partial manifests of every shard'),
  out: z.string().optional(),
  json: z.boolean().default(false),
  lang: z.enum(LANGUAGES, { message: 'expected --lang en or zh' }).default('en'),
})

/** `tdgov merge PARTIAL…`: the manifest of the sharded scan, as the unsharded scan writes it. */
export async function mergeCommand(raw: Record<string, unknown>): Promise<number> {
  const options = parseOptions(optionsSchema, raw)
  const output = createOutput(options.json)
  const result = await mergePartials(options.partials, options.out ?? null, options.json)
  const text = renderScanSummary(
    {
      summary: result.summary,
      stats: { scanned: result.files, cached: 0 },
      outFile: result.outFile,
      next: { dir: path.relative('.', result.root) || null, config: null, outElsewhere: path.resolve(result.outFile) === path.join(result.root, MANIFEST_PATH) ? null : result.outFile },
    },
    { lang: options.lang, color: output.color },
  )
  if (options.json) {
    output.out(result.document ?? '')
    output.err(text)
  } else {
    output.out(`merged ${result.shards} ${result.shards === 1 ? 'shard' : 'shards'}\n${text}`)
  }
  return 0
}
