import path from 'node:path'
import { availableParallelism } from 'node:os'
import { z } from 'zod'
import { DEFAULT_SAMPLE_SIZE, scan, scanShard, type ScanProgress } from '../../scan/scan.js'
import { UserError } from '../../util/errors.js'
import { formatCount } from '../../util/format-count.js'
import { parseShard } from '../shard-option.js'
import { LANGUAGES } from '../../findings/messages.js'
import { createOutput, createProgressLine, formatBytes, progressBar } from '../output.js'
import { renderScanSummary } from '../scan-summary.js'
import { parseOptions } from '../parse-options.js'
import { locateProject } from '../../records/project.js'
import { checkOutTarget } from '../out-target.js'
import { noteOutput } from '../../records/output-ledger.js'
import { DEFAULT_LIMITS } from '../../formats/limits.js'

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
  pii: z.enum(['off', 'sample', 'full'], { message: 'expected --pii off, sample or full' }).default('sample'),
  tokens: z.enum(['off', 'estimate', 'exact'], { message: 'expected --tokens off, estimate or exact' }).default('estimate'),
  config: z.string().optional(),
  lang: z.enum(LANGUAGES, { message: 'expected --lang en or zh' }).default('en'),
  force: z.boolean().default(false),
  maxRecordBytes: wholeNumber('--max-record-bytes', 1).default(DEFAULT_LIMITS.maxRecordBytes),
  maxDepth: wholeNumber('--max-depth', 1).default(DEFAULT_LIMITS.maxDepth),
  maxDecompressedBytes: wholeNumber('--max-decompressed-bytes', 0).default(DEFAULT_LIMITS.maxDecompressedBytes),
  maxDecompressionRatio: z.coerce
    .number({ message: 'expected --max-decompression-ratio to be a number' })
    .positive('expected --max-decompression-ratio above 0')
    .default(DEFAULT_LIMITS.maxDecompressionRatio),
  maxFields: wholeNumber('--max-fields', 1).default(DEFAULT_LIMITS.maxFields),
  maxAnalysisSeconds: z.coerce
    .number({ message: 'expected --max-analysis-seconds to be a number' })
    .positive('expected --max-analysis-seconds above 0')
    .max(86_400, 'expected --max-analysis-seconds of at most 86400 (a day)')
    .default(DEFAULT_LIMITS.maxAnalysisSeconds),
  // the default depends on --deep (see DEFAULT_LIMITS.maxAnalysisMemoryMiB)
  maxAnalysisMemory: wholeNumber('--max-analysis-memory', 0).optional(),
  shard: z.string().optional(),
})

/** A limit given as a whole number of at least `min`. */
function wholeNumber(flag: string, min: number): z.ZodCoercedNumber {
  const message = `expected ${flag} to be a whole number of at least ${min}`
  return z.coerce.number({ message }).int(message).min(min, message).max(Number.MAX_SAFE_INTEGER, message)
}

export type ScanCommandOptions = z.input<typeof scanOptionsSchema>

/** `tdgov scan [dir]`: writes the manifest; returns the exit code. */
export async function scanCommand(raw: ScanCommandOptions): Promise<number> {
  const options = parseOptions(scanOptionsSchema, raw)
  const shard = options.shard === undefined ? null : parseShard(options.shard, process.env)
  if (shard && options.json) throw new UserError('--json: a shard writes a partial for tdgov merge, not a manifest; print the merged manifest instead')
  const output = createOutput(options.json)
  const progress = createProgressLine(output)
  const project = locateProject(options)
  const outFile = options.out ?? (shard ? path.join(project.root, '.tdgov', `manifest.shard-${shard.index}-of-${shard.count}.ndjson`) : project.manifestFile)
  if (options.out !== undefined) await checkOutTarget(options.out, { tree: project.root, force: options.force })

  const request = {
    root: project.root,
    outFile,
    jobs: options.jobs,
    cache: options.cache,
    // Counting every token means reading every record's text.
    deep: options.deep || options.tokens === 'exact',
    sampleSize: DEFAULT_SAMPLE_SIZE,
    pii: options.pii,
    tokens: options.tokens,
    limits: {
      maxRecordBytes: options.maxRecordBytes,
      maxDepth: options.maxDepth,
      maxDecompressedBytes: options.maxDecompressedBytes,
      maxDecompressionRatio: options.maxDecompressionRatio,
      maxFields: options.maxFields,
      maxAnalysisSeconds: options.maxAnalysisSeconds,
      maxAnalysisMemoryMiB: options.maxAnalysisMemory ?? (options.deep || options.tokens === 'exact' ? 0 : DEFAULT_LIMITS.maxAnalysisMemoryMiB),
    },
    ...(options.config !== undefined && { configFile: options.config }),
    needDocument: options.json,
    onProgress: (p: ScanProgress) =>
      progress.update(`scanning ${progressBar(p.filesDone, p.filesTotal)} ${p.filesDone}/${p.filesTotal} files, ${formatBytes(p.bytesDone)} read`),
  }
  if (shard) {
    const result = await scanShard({ ...request, shard })
    progress.done()
    if (options.out !== undefined) await noteOutput(project.root, options.out)
    output.out(
      `shard ${shard.index} of ${shard.count}: ${formatCount(result.files)} ${result.files === 1 ? 'file' : 'files'} scanned → ${outFile}\n` +
        `next: when all ${shard.count} shards are done, tdgov merge PARTIALS… (the manifest: ${path.relative('.', project.manifestFile) || project.manifestFile})\n`,
    )
    return 0
  }
  const { summary, document, stats } = await scan(request)
  progress.done()
  if (options.out !== undefined) await noteOutput(project.root, options.out)

  const written = path.resolve(outFile) === path.resolve(project.manifestFile)
  const text = renderScanSummary(
    {
      summary,
      stats,
      outFile,
      next: {
        dir: path.resolve(options.dir) === path.resolve('.') ? null : options.dir,
        config: options.config ?? null,
        outElsewhere: written ? null : outFile,
      },
    },
    { lang: options.lang, color: output.color },
  )
  if (document !== null && options.json) {
    output.out(document)
    output.err(text)
  } else {
    output.out(text)
  }
  return options.strict && summary.totals.findings.error > 0 ? 1 : 0
}
