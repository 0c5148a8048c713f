import { availableParallelism } from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import type { ManifestFinding } from '../../scan/manifest-schema.js'
import { DEFAULT_SAMPLE_SIZE, scan } from '../../scan/scan.js'
import { createOutput, createProgressLine, formatBytes, progressBar } from '../output.js'
import { parseOptions } from '../parse-options.js'

const scanOptionsSchema = z.object({
  dir: z.string().default('.'),
  out: z.string().optional(),
  json: z.boolean().default(false),
  jobs: z.coerce
    .number({ message: 'expected a whole number of worker threads' })
    .int('expected a whole number of worker threads')
    .min(1, 'expected at least 1 worker thread')
    .max(256, 'expected at most 256 worker threads')
    .default(availableParallelism()),
  cache: z.boolean().default(true),
  deep: z.boolean().default(false),
  strict: z.boolean().default(false),
})

export type ScanCommandOptions = z.input<typeof scanOptionsSchema>

/** `tdgov scan [dir]`: writes the manifest; returns the exit code. */
export async function scanCommand(raw: ScanCommandOptions): Promise<number> {
  const options = parseOptions(scanOptionsSchema, raw)
  const output = createOutput(options.json)
  const progress = createProgressLine(output)
  const outFile = options.out ?? path.join(options.dir, '.tdgov', 'manifest.json')

  const { summary, document, stats } = await scan({
    root: options.dir,
    outFile,
    jobs: options.jobs,
    cache: options.cache,
    deep: options.deep,
    sampleSize: DEFAULT_SAMPLE_SIZE,
    needDocument: options.json,
    onProgress: (p) =>
      progress.update(`scanning ${progressBar(p.filesDone, p.filesTotal)} ${p.filesDone}/${p.filesTotal} files, ${formatBytes(p.bytesDone)} read`),
  })
  progress.done()

  const { totals } = summary
  const c = output.color
  const report =
    `${c.bold('scanned')} ${totals.files} files, ${formatBytes(totals.bytes)}, ${totals.records} records` +
    ` (${stats.scanned} read, ${stats.cached} from cache) → ${outFile}\n` +
    `fingerprint ${summary.fingerprint}\n` +
    `findings: ${c.red(`${totals.findings.error} errors`)}, ${c.yellow(`${totals.findings.warning} warnings`)}, ${totals.findings.info} info\n`
  const listing = summary.listing.map((f) => `  ${describeFinding(f, c.dim)}\n`).join('')
  const more = summary.unlisted > 0 ? `  … and ${summary.unlisted} more in the manifest\n` : ''

  if (document !== null && options.json) {
    output.out(document)
    output.err(report)
  } else {
    output.out(report + listing + more)
  }
  return options.strict && totals.findings.error > 0 ? 1 : 0
}

function describeFinding(f: ManifestFinding, dim: (s: string) => string): string {
  const where = f.line !== undefined ? `:${f.line}` : f.offset !== undefined ? ` (byte ${f.offset})` : ''
  return `${f.severity.padEnd(7)} ${f.path}${where}  ${f.message} ${dim(`[${f.code}]`)}`
}
