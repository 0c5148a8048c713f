import type { Report, ReportFigure, ReportSource } from '../../records/report-schema.js'
import { formatBytes } from '../../util/format-bytes.js'
import { formatCount } from '../../util/format-count.js'
import { mdText } from './markdown-escape.js'
import { percent } from './percent.js'

/**
 * The public summary of training content on the AI Office's template (Art. 53(1)(d) AI Act;
 * Explanatory Notice C(2025) 5235, sections 1–3), in English as the template is. The size bins of
 * §1.3 are computed from the model: text by tokens (< 1 B, 1 B–10 T, > 10 T), images by count
 * (< 1 M, 1 M–1 B, > 1 B), audio and video by hours (< 10,000 h, 10,000 h–1 M h, > 1 M h). For an
 * estimate the bin of its interval is given; when the interval straddles a bin edge both bins are
 * named. What the records do not hold is written as not declared or not measured.
 */
export function renderEuSummary(report: Report): string {
  const out: string[] = []
  const declared = (value: string | null | undefined): string => (value ? mdText(value) : '*not declared*')
  const yesNo = (sources: readonly ReportSource[]): string => (sources.length > 0 ? 'Yes' : 'No')
  const of = (acquisition: string): ReportSource[] => report.sources.filter((s) => s.acquisition === acquisition)

  out.push(`# Public summary of training content: ${mdText(report.dataset.name ?? 'dataset')}`, '')
  out.push(`Version: ${mdText(report.dataset.version ?? 'not declared')}. Last updated: ${report.date}. Made by tdgov ${report.tool.version} from the dataset's records (manifest ${report.evidence.manifest.fingerprint.slice(0, 16)}…).`, '')
  if (report.warnings.length > 0) out.push(`> Attention: ${report.warnings.map((w) => w.code).join(', ')}; the figures may not be current.`, '')

  out.push('## 1. General information', '', '### 1.1 Provider', '')
  out.push(`- Name and contact: ${report.provider ? mdText(`${report.provider.name}${report.provider.contact ? `, ${report.provider.contact}` : ''}`) : '*not declared*'}`, '')
  out.push('### 1.2 Model', '')
  out.push(`- Versioned model name: ${declared(report.model?.name)}`)
  out.push(`- Model dependencies: ${report.baseModels.length > 0 ? report.baseModels.map((m) => mdText(`${m.name}${m.version ? ` ${m.version}` : ''}`)).join('; ') : 'none declared'}`)
  out.push(`- Date placed on the EU market: ${declared(report.model?.placedOnMarket)}`, '')

  out.push('### 1.3 Modalities, overall training data size and other characteristics', '')
  out.push('| Modality | Training data size | Measure | Types of content |', '| --- | --- | --- | --- |')
  const s = report.scale
  const textTypes = [s.byType.zhText, s.byType.enText, s.byType.code]
  const hasText = textTypes.some((t) => t.files > 0) || s.byType.other.files > 0
  out.push(`| Text | ${hasText ? (s.tokens ? sizeBin(s.tokens.figure, TEXT_BINS) : 'not measured (tokens off)') : 'none'} | ${s.tokens ? `${figure(s.tokens.figure)} tokens (${mdText(s.tokens.tokenizer)})` : '—'} | ${contentTypes(report, 'text')} |`)
  out.push(`| Image | ${s.images.value > 0 ? sizeBin(s.images, IMAGE_BINS) : 'none'} | ${formatCount(s.images.value)} images | ${contentTypes(report, 'image')} |`)
  for (const [name, hours] of [['Audio', s.audioHours], ['Video', s.videoHours]] as const) {
    out.push(`| ${name} | ${hours ? sizeBin(hours.figure, HOUR_BINS) : 'none'} | ${hours ? `${hours.figure.value} h${hours.filesWithoutDuration > 0 ? ` (${hours.filesWithoutDuration} files without a duration)` : ''}` : '—'} | ${contentTypes(report, name.toLowerCase())} |`)
  }
  out.push('')
  out.push(`- Latest date of data collection: ${report.latestCollection ? `${report.latestCollection.slice(5, 7)}/${report.latestCollection.slice(0, 4)}` : '*not declared*'}`)
  const languages = Object.entries(report.languages)
  const analysed = languages.reduce((sum, [, n]) => sum + n, 0)
  out.push(`- Linguistic characteristics (share of analysed records): ${analysed > 0 ? languages.map(([l, n]) => `${mdText(l)} ${percent(n / analysed)}`).join(', ') : 'not measured'}`, '')

  out.push('## 2. List of data sources', '')
  const section = (title: string, sources: readonly ReportSource[], extra: (src: ReportSource) => string = () => ''): void => {
    out.push(`### ${title}`, '', `- ${yesNo(sources)}`)
    for (const src of [...sources].sort((a, b) => b.share.bytes - a.share.bytes)) {
      const link = src.origin.url ? ` (${mdText(src.origin.url)})` : ''
      out.push(`  - ${mdText(src.name)}${link}: ${formatBytes(src.bytes)}, ${percent(src.share.bytes)} of the data${extra(src)}`)
    }
    out.push('')
  }
  section('2.1 Publicly available datasets', of('openSource'))
  section('2.2.1 Commercially licensed data', of('commercial'))
  section('2.2.2 Private data from other third parties', [])
  section('2.3 Data crawled and scraped from online sources', of('crawled'), (src) =>
    src.crawl ? `; robots.txt respected: ${flag(src.crawl.robotsRespected)}, opt-outs respected: ${flag(src.crawl.optOutRespected)}` : '; crawl behaviour not declared',
  )
  out.push(...crawledDomains(report, of('crawled').length > 0))
  section('2.4 User data', of('userInput'))
  section('2.5 Synthetic data', of('synthetic'), (src) => (src.synthetic ? `; generated by ${mdText(src.synthetic.generator)}${src.synthetic.version ? ` ${mdText(src.synthetic.version)}` : ''}` : '; generator not declared'))
  section('2.6 Other sources of data', [...of('selfCollected'), ...of('other')])

  out.push('## 3. Data processing aspects', '')
  const m = report.measures
  out.push('### 3.1 Respect of reservation of rights from text and data mining exception', '')
  out.push(`- Signatory of the GPAI Code of Practice: ${m.codeOfPracticeSignatory === null ? '*not declared*' : m.codeOfPracticeSignatory ? 'Yes' : 'No'}`)
  out.push(`- Measures: ${declared(m.tdmOptOut)}`, '')
  out.push('### 3.2 Removal of illegal content', '', `- ${declared(m.illegalContent)}`, '')
  out.push('### 3.3 Other information', '', `- ${m.other ? mdText(m.other) : 'none'}`, '')
  return out.join('\n')
}

/**
 * §2.3's "top 10% of all domain names determined by the size of content scraped", from the
 * records' URL fields: the crawled sources' files, or every data file when no source is declared
 * crawled (then said so). Nothing when there is neither a crawled source nor a URL field.
 */
function crawledDomains(report: Report, hasCrawledSources: boolean): string[] {
  const c = report.crawled
  if (!c) return hasCrawledSources ? ['- Top 10% of domain names by size of content: not measured (no analysed record of the crawled sources has a URL field)', ''] : []
  const top = c.domains.filter((d) => d.top10pct)
  const where = c.scope === 'crawled-sources' ? 'the URL fields of the crawled sources’ records' : 'the URL fields of every data file’s records, no source being declared crawled'
  const cut = c.top10pctDomains > top.length ? `; the ${formatCount(top.length)} largest listed` : ''
  const lines = [
    `- Top 10% of domain names by size of content (${formatCount(c.top10pctDomains)} of ${formatCount(c.distinctDomains)} domains, from ${where}${cut}): ${top.map((d) => `${mdText(d.domain)} (${bytesFigure(d.bytes)})`).join(', ')}`,
  ]
  const estimate = [c.recordsWithUrl, ...top.map((d) => d.bytes)].find((f) => f.kind === 'estimated')
  if (estimate && estimate.kind === 'estimated') {
    lines.push(`  - Sizes estimated from ${formatCount(c.analysed)} analysed of ${formatCount(c.records)} records (${Math.round(estimate.confidence * 100)}% intervals; ${mdText(estimate.method)})`)
  }
  const noDomain = c.noDomain.records
  if (noDomain.value > 0) lines.push(`  - Records whose URL has no registrable domain (IP address, localhost, no ICANN suffix, unparsable): ${noDomain.kind === 'measured' ? formatCount(noDomain.value) : `≈ ${formatCount(noDomain.value)}`}`)
  return [...lines, '']
}

function bytesFigure(f: ReportFigure): string {
  return f.kind === 'measured' ? formatBytes(f.value) : `≈ ${formatBytes(f.value)}, interval ${formatBytes(f.low)}–${formatBytes(f.high)}`
}

export const TEXT_BINS = [
  [1e9, 'Less than 1 billion tokens'],
  [1e13, '1 billion to 10 trillion tokens'],
  [Infinity, 'More than 10 trillion tokens'],
] as const
export const IMAGE_BINS = [
  [1e6, 'Less than 1 million images'],
  [1e9, '1 million to 1 billion images'],
  [Infinity, 'More than 1 billion images'],
] as const
export const HOUR_BINS = [
  [1e4, 'Less than 10,000 hours'],
  [1e6, '10,000 to 1 million hours'],
  [Infinity, 'More than 1 million hours'],
] as const

/** The bin of a figure; for an estimate, every bin its interval reaches. */
export function sizeBin(f: ReportFigure | { value: number; kind: 'measured' }, table: readonly (readonly [number, string])[]): string {
  const binOf = (v: number): string => table.find(([limit]) => v < limit)![1]
  if (f.kind === 'measured') return binOf(f.value)
  const low = binOf(f.low)
  const high = binOf(f.high)
  return low === high ? low : `${low} or ${high} (the estimate’s interval spans both)`
}

function figure(f: ReportFigure): string {
  return f.kind === 'measured' ? formatCount(f.value) : `≈ ${formatCount(f.value)} (estimate, ${Math.round(f.confidence * 100)}% interval ${formatCount(f.low)}–${formatCount(f.high)})`
}

/** The formats of a modality's files, as "types of content". */
function contentTypes(report: Report, modality: string): string {
  const formats = new Set(report.types.filter((t) => (modality === 'text' ? ['text', 'tabular'].includes(t.modality) : t.modality === modality)).map((t) => t.format))
  return formats.size > 0 ? mdText([...formats].sort().join(', ')) : '—'
}

function flag(value: boolean | null): string {
  return value === null ? 'not declared' : value ? 'yes' : 'no'
}

