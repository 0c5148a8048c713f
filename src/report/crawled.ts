import type { FileEntry, UrlFactsEntry } from '../records/manifest-schema.js'
import type { Report, ReportFigure } from '../records/report-schema.js'
import { TopTally } from '../util/top-tally.js'

/** Domains the report lists (as many as the manifest's dataset summary keeps). */
export const REPORT_DOMAINS = 1000
/** Domains held while the files are summed, before the smaller half is folded. */
const WORKING_DOMAINS = 16_384

export const CRAWLED_METHOD =
  'expansion estimate stratified by file: the analysed records’ sums of each file × its records / its analysed records; ' +
  'normal interval from the analysed records’ variance with finite population correction, never below what the analysed records hold; ' +
  'a domain that no file’s analysed records hold is not listed'

const FROM = 'derived:manifest.files[].content.urls'

export interface CrawledOptions {
  z: number
  confidence: number
}

/**
 * Values summed per domain: the estimate and its variance, for bytes and records, and what the
 * analysed records hold (the floor of the interval). Bytes first: they rank the domains.
 */
type Sums = [bytes: number, records: number, bytesVar: number, recordsVar: number, seenBytes: number, seenRecords: number]

/** One file's stratum: N records, n of them analysed (a uniform sample, or all of them). */
interface Stratum {
  N: number
  n: number
}

/**
 * The top registrable domains by bytes of the data files' records with a URL field
 * (manifest.files[].content.urls), over `files` (the crawled sources' files when tdgov.yaml
 * declares one, else every data file). Each file is a stratum: when its records were all analysed
 * its sums are counted; otherwise they are scaled by records / analysed (the sample is uniform
 * within the file) and the variance is that of a total from a simple random sample without
 * replacement. Null when no analysed record of those files has a URL field.
 */
export function crawledOf(files: readonly FileEntry[], scope: NonNullable<Report['crawled']>['scope'], options: CrawledOptions): Report['crawled'] {
  const domains = new TopTally(6, WORKING_DOMAINS)
  const withUrl = zero()
  const noDomainRecords = zero()
  const noDomainBytes = zero()
  let withUrls = 0
  let analysed = 0
  let records = 0
  let sampled = false
  for (const file of files) {
    const urls: UrlFactsEntry | undefined = file.content?.urls
    if (!urls || !file.content) continue
    const n = file.content.records
    const stratum: Stratum = { n, N: Math.max(file.records ?? n, n) }
    withUrls++
    analysed += n
    records += stratum.N
    sampled ||= stratum.n < stratum.N
    for (const d of urls.domains) domains.add(d.domain, cell(stratum, d))
    if (urls.other) domains.addOther(urls.other.domains, cell(stratum, urls.other))
    add(withUrl, count(stratum, urls.recordsWithUrl))
    add(noDomainRecords, count(stratum, urls.noDomain.records))
    add(noDomainBytes, total(stratum, urls.noDomain.bytes, urls.noDomain.bytesSquared))
  }
  if (withUrls === 0) return null
  const figureOf = (value: number, variance: number, seen: number): ReportFigure => {
    if (!sampled) return { kind: 'measured', value: Math.round(value), from: FROM }
    const half = options.z * Math.sqrt(variance)
    return {
      kind: 'estimated',
      value: Math.round(value),
      low: Math.max(seen, Math.floor(value - half)),
      high: Math.ceil(value + half),
      confidence: options.confidence,
      method: CRAWLED_METHOD,
      from: FROM,
    }
  }
  const { rows, other } = domains.result(REPORT_DOMAINS)
  const distinct = rows.length + (other?.keys ?? 0)
  const top = Math.max(1, Math.ceil(distinct / 10))
  const o = other?.values ?? [0, 0, 0, 0, 0, 0]
  return {
    scope,
    files: withUrls,
    records,
    analysed,
    recordsWithUrl: figureOf(withUrl[0], withUrl[1], withUrl[2]),
    domains: rows.map(({ key, values: v }, i) => ({
      domain: key,
      bytes: figureOf(v[0]!, v[2]!, v[4]!),
      records: figureOf(v[1]!, v[3]!, v[5]!),
      top10pct: i < top,
    })),
    distinctDomains: distinct,
    top10pctDomains: top,
    noDomain: { records: figureOf(noDomainRecords[0], noDomainRecords[1], noDomainRecords[2]), bytes: figureOf(noDomainBytes[0], noDomainBytes[1], noDomainBytes[2]) },
    otherBytes: figureOf(o[0]!, o[2]!, o[4]!),
    from: FROM,
  }
}

/** estimate, variance, seen */
type Part = [number, number, number]

function zero(): Part {
  return [0, 0, 0]
}

function add(into: Part, part: Part): void {
  into[0] += part[0]
  into[1] += part[1]
  into[2] += part[2]
}

function cell(s: Stratum, d: { records: number; bytes: number; bytesSquared: number }): Sums {
  const bytes = total(s, d.bytes, d.bytesSquared)
  const records = count(s, d.records)
  return [bytes[0], records[0], bytes[1], records[1], bytes[2], records[2]]
}

/** A count of analysed records (each 0 or 1, so Σy² = Σy). */
function count(s: Stratum, k: number): Part {
  return total(s, k, k)
}

/**
 * The stratum's total of y from the analysed records' Σy and Σy²: N / n × Σy, with variance
 * N² (1 − n/N) s² / n, s² the sample variance of y over the n analysed records (for n = 1, Σy², a
 * bound of the variance, stands in for it).
 */
function total(s: Stratum, sum: number, sumSquares: number): Part {
  if (s.n === 0) return [0, 0, 0]
  const estimate = (s.N / s.n) * sum
  if (s.n >= s.N) return [estimate, 0, sum]
  const variance = s.n >= 2 ? Math.max(0, (sumSquares - (sum * sum) / s.n) / (s.n - 1)) : sumSquares
  return [estimate, ((s.N * s.N * (1 - s.n / s.N)) / s.n) * variance, sum]
}
