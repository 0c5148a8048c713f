import { parse } from 'tldts'
import { TopTally } from '../util/top-tally.js'

/**
 * The URL field of a record: a top-level field named url, link, source_url, source, href, uri,
 * website, page_url, or anything ending in `_url` (case-insensitive), whose value is a string that
 * begins with `http:` or `https:`. The one place the rule is written; the first such field in the
 * record's own key order is the record's URL.
 */
export const URL_FIELD = /^(url|link|source|href|uri|website)$|_url$/i
const HTTP_SCHEME = /^[\t\n\f\r ]*https?:/i

/** Domains a file's facts keep; the rest are folded into `other`. */
export const FILE_DOMAINS = 256
/** Domains the dataset summary keeps. */
export const DATASET_DOMAINS = 1000
/** Domains held while the records stream past (--deep), before the smaller half is folded. */
const WORKING_DOMAINS = 16_384

/** A record's URL: the value of its first URL field; null when it has none. */
export function urlOf(record: Record<string, unknown>): string | null {
  for (const key in record) {
    if (!URL_FIELD.test(key)) continue
    const value = record[key]
    if (typeof value === 'string' && HTTP_SCHEME.test(value)) return value
  }
  return null
}

/**
 * The registrable domain of an http(s) URL, by the ICANN section of the public suffix list (tldts's
 * built-in copy): `a.example.co.uk` → `example.co.uk`, `user.github.io` → `github.io`. Private-section
 * suffixes (github.io, blogspot.com, s3.amazonaws.com) are not used: their subdomains are often
 * one person's site, named after them, and the platform is the domain a rights holder looks for.
 * Null for a URL that does not parse, an IP address, localhost or a name under no ICANN suffix
 * (`intranet.corp`). Only the domain is returned; nothing else of the URL is kept.
 */
export function registrableDomain(url: string): string | null {
  let hostname: string
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
    // WHATWG parsing lower-cases the host and turns IDNs into punycode: one spelling per domain.
    hostname = parsed.hostname
  } catch {
    return null
  }
  const result = parse(hostname, { allowPrivateDomains: false })
  return result.isIp || result.isIcann !== true ? null : result.domain
}

/** A file's URL facts (the manifest entry's `content.urls`). */
export interface UrlFacts {
  /** analysed records with a URL field */
  recordsWithUrl: number
  /** by registrable domain, largest bytes first, ties by domain */
  domains: { domain: string; records: number; bytes: number; bytesSquared: number }[]
  /** records whose URL has no registrable domain (does not parse, an IP address, localhost, no ICANN suffix) */
  noDomain: { records: number; bytes: number; bytesSquared: number }
  /** the domains past FILE_DOMAINS, summed; absent when none was folded */
  other?: { domains: number; records: number; bytes: number; bytesSquared: number }
}

/**
 * Bytes of the analysed records by the registrable domain of their URL field. A record's bytes
 * are its text as read (the JSON line, the CSV record, a Parquet or Arrow row as JSON), in UTF-8.
 */
export class UrlTally {
  private readonly domains = new TopTally(3, WORKING_DOMAINS)
  private records = 0
  private readonly noDomain = { records: 0, bytes: 0, bytesSquared: 0 }

  add(url: string, bytes: number): void {
    this.records++
    const domain = registrableDomain(url)
    if (domain === null) {
      this.noDomain.records++
      this.noDomain.bytes += bytes
      this.noDomain.bytesSquared += bytes * bytes
    } else this.domains.add(domain, [bytes, 1, bytes * bytes])
  }

  result(): UrlFacts | null {
    if (this.records === 0) return null
    const { rows, other } = this.domains.result(FILE_DOMAINS)
    return {
      recordsWithUrl: this.records,
      domains: rows.map(({ key, values: [bytes, records, bytesSquared] }) => ({ domain: key, records: records!, bytes: bytes!, bytesSquared: bytesSquared! })),
      noDomain: { ...this.noDomain },
      ...(other && { other: { domains: other.keys, records: other.values[1]!, bytes: other.values[0]!, bytesSquared: other.values[2]! } }),
    }
  }
}

/** The dataset's URL summary (the manifest's `content.urls`), from the files' facts in path order. */
export interface UrlSummary {
  files: number
  analysed: number
  recordsWithUrl: number
  domains: { domain: string; records: number; bytes: number }[]
  noDomain: { records: number; bytes: number }
  other?: { domains: number; records: number; bytes: number }
}

export function summariseUrls(files: Iterable<{ records: number; urls?: UrlFacts | undefined }>): UrlSummary | null {
  const tally = new DatasetUrlTally()
  for (const { records, urls } of files) tally.add(records, urls)
  return tally.result()
}

/** summariseUrls one file at a time, for a pass that gathers other figures too. */
export class DatasetUrlTally {
  private readonly domains = new TopTally(2, WORKING_DOMAINS)
  private withUrls = 0
  private analysed = 0
  private recordsWithUrl = 0
  private readonly noDomain = { records: 0, bytes: 0 }

  add(records: number, urls: UrlFacts | undefined): void {
    if (!urls) return
    this.withUrls++
    this.analysed += records
    this.recordsWithUrl += urls.recordsWithUrl
    this.noDomain.records += urls.noDomain.records
    this.noDomain.bytes += urls.noDomain.bytes
    for (const d of urls.domains) this.domains.add(d.domain, [d.bytes, d.records])
    if (urls.other) this.domains.addOther(urls.other.domains, [urls.other.bytes, urls.other.records])
  }

  result(): UrlSummary | null {
    if (this.withUrls === 0) return null
    const { rows, other } = this.domains.result(DATASET_DOMAINS)
    return {
      files: this.withUrls,
      analysed: this.analysed,
      recordsWithUrl: this.recordsWithUrl,
      domains: rows.map(({ key, values: [bytes, records] }) => ({ domain: key, records: records!, bytes: bytes! })),
      noDomain: { ...this.noDomain },
      ...(other && { other: { domains: other.keys, records: other.values[1]!, bytes: other.values[0]! } }),
    }
  }
}
