import { availableParallelism } from 'node:os'
import { z } from 'zod'
import { DEFAULT_SAMPLE_SIZE, scan } from '../../scan/scan.js'
import { countOf } from '../../provenance/pii/index.js'
import type { BuiltManifest } from '../../scan/manifest.js'
import { LANGUAGES } from '../../findings/messages.js'
import { createOutput, createProgressLine, describeCounts, describeFinding, formatBytes, progressBar, type Palette } from '../output.js'
import { parseOptions } from '../parse-options.js'
import { locateProject } from '../../records/project.js'

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
})

export type ScanCommandOptions = z.input<typeof scanOptionsSchema>

/** `tdgov scan [dir]`: writes the manifest; returns the exit code. */
export async function scanCommand(raw: ScanCommandOptions): Promise<number> {
  const options = parseOptions(scanOptionsSchema, raw)
  const output = createOutput(options.json)
  const progress = createProgressLine(output)
  const project = locateProject(options)
  const outFile = options.out ?? project.manifestFile

  const { summary, document, stats } = await scan({
    root: project.root,
    outFile,
    jobs: options.jobs,
    cache: options.cache,
    // Counting every token means reading every record's text.
    deep: options.deep || options.tokens === 'exact',
    sampleSize: DEFAULT_SAMPLE_SIZE,
    pii: options.pii,
    tokens: options.tokens,
    ...(options.config !== undefined && { configFile: options.config }),
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
    `findings: ${describeCounts(totals.findings, c)}\n`
  const withProvenance = report + describeProvenance(summary, c)
  const listing = summary.listing.map((f) => `  ${describeFinding(f, c.dim, options.lang)}\n`).join('')
  const more = summary.unlisted > 0 ? `  … and ${summary.unlisted} more in the manifest\n` : ''

  if (document !== null && options.json) {
    output.out(document)
    output.err(withProvenance)
  } else {
    output.out(withProvenance + listing + more)
  }
  return options.strict && totals.findings.error > 0 ? 1 : 0
}

/** Sources, content and personal information in a few lines; the manifest has the rest. */
function describeProvenance(summary: Pick<BuiltManifest, 'configured' | 'sources' | 'content' | 'totals'>, c: Palette): string {
  const lines: string[] = []
  const undeclared = summary.totals.bySource['(undeclared)']?.files ?? 0
  if (summary.configured) {
    lines.push(`sources: ${summary.sources.length} declared${undeclared > 0 ? c.yellow(`, ${undeclared} file(s) in none`) : ''}`)
    const width = Math.max(...summary.sources.map((s) => s.id.length), 2)
    for (const s of summary.sources) {
      const pii = s.personalInformation
      const piiTotal = countOf(pii.counts)
      const origin = s.domestic === null ? '' : s.domestic ? ' domestic' : ' foreign'
      lines.push(
        `  ${s.id.padEnd(width)}  ${s.kind}${origin}, ${s.files} file${s.files === 1 ? '' : 's'}, ${formatBytes(s.bytes)}, licence ${s.licence.declared ?? (s.licence.contract ? 'by contract' : 'not declared')} → ${s.licence.use}` +
          `, personal information ${piiTotal === 0 ? 'none found' : `${piiTotal} (basis: ${pii.basis ?? 'not declared'})`}`,
      )
    }
  }
  const content = summary.content
  if (content.records > 0) {
    const languages = Object.entries(content.languages)
      .map(([l, n]) => `${l} ${percent(n ?? 0, content.records - content.empty)}`)
      .join(', ')
    lines.push(`content: ${content.records} records analysed; ${languages || 'no text'}; duplicates ${percent(content.records * content.duplicates.rate, content.records)}`)
  }
  const tokens = content.tokens
  if (tokens && 'total' in tokens) lines.push(`tokens: ${tokens.total.toLocaleString('en')} (${tokens.encoding}, every record)`)
  else if (tokens) {
    const n = (x: number): string => x.toLocaleString('en')
    lines.push(`tokens: ≈ ${n(tokens.estimate)} (${Math.round(tokens.confidence * 100)}% interval ${n(tokens.low)}–${n(tokens.high)}, ${tokens.encoding})`)
  }
  const pii = content.personalInformation
  const counts = Object.entries(pii.counts).filter(([, n]) => (n ?? 0) > 0)
  if (pii.records > 0) {
    const found = counts.length === 0 ? 'none found' : c.yellow(counts.map(([t, n]) => `${t} ${n}`).join(', '))
    lines.push(`personal information in ${pii.records} records searched: ${found}`)
  }
  return lines.map((l) => `${l}\n`).join('')
}

function percent(part: number, whole: number): string {
  if (whole === 0) return '0%'
  const p = (part / whole) * 100
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`
}

