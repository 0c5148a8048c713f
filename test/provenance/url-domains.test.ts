import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecordFacts } from '../../src/provenance/record-facts.js'
import { registrableDomain, summariseUrls, urlOf, UrlTally } from '../../src/provenance/url-domains.js'
import { TopTally } from '../../src/util/top-tally.js'
import { REPO_ROOT } from '../helpers/exec.js'

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'urls', 'pages.jsonl')

/**
 * test/fixtures/urls/pages.jsonl, counted by hand (bytes of each line in UTF-8, no newline):
 *   1 url https://a.example.co.uk/x          50  example.co.uk
 *   2 link http://b.example.co.uk            54  example.co.uk
 *   3 source_url https://www.github.io/p     57  github.io (ICANN section only)
 *   4 page_url https://user.github.io/q      54  github.io
 *   5 href http://192.168.0.1/a              45  no domain (IP)
 *   6 url "not a url"                        —   not a URL field
 *   7 no URL field                           —
 *   8 website http://localhost:8080/         51  no domain (localhost)
 *   9 URL https://例子.中国/页                50  xn--fsqu00a.xn--fiqs8s (例子 中国 页: 3 bytes a character)
 *  10 source "human-written", uri https://x.example.com/   73  example.com (source is no URL: uri is)
 *  11 url http://intranet.corp/              45  no domain (no ICANN suffix)
 */
export const EXPECTED_FILE_URLS = {
  recordsWithUrl: 9,
  domains: [
    { domain: 'github.io', records: 2, bytes: 57 + 54, bytesSquared: 57 ** 2 + 54 ** 2 },
    { domain: 'example.co.uk', records: 2, bytes: 50 + 54, bytesSquared: 50 ** 2 + 54 ** 2 },
    { domain: 'example.com', records: 1, bytes: 73, bytesSquared: 73 ** 2 },
    { domain: 'xn--fsqu00a.xn--fiqs8s', records: 1, bytes: 50, bytesSquared: 50 ** 2 },
  ],
  noDomain: { records: 3, bytes: 45 + 51 + 45, bytesSquared: 45 ** 2 + 51 ** 2 + 45 ** 2 },
}

describe('the registrable domain of a URL (ICANN section of the public suffix list)', () => {
  it('takes the ICANN registrable domain, not the private section’s', () => {
    expect(registrableDomain('https://a.example.co.uk/x')).toBe('example.co.uk')
    expect(registrableDomain('http://b.example.co.uk')).toBe('example.co.uk')
    expect(registrableDomain('https://www.github.io/p')).toBe('github.io')
    expect(registrableDomain('https://user.github.io/q')).toBe('github.io')
    expect(registrableDomain('https://foo.blogspot.com/')).toBe('blogspot.com')
    expect(registrableDomain('HTTPS://WWW.Example.COM./')).toBe('example.com')
    expect(registrableDomain('https://例子.中国/')).toBe('xn--fsqu00a.xn--fiqs8s')
  })

  it('has none for IP addresses, localhost, names under no ICANN suffix and URLs that do not parse', () => {
    for (const url of ['http://192.168.0.1/a', 'http://[::1]:8080/', 'http://localhost:3000/', 'http://intranet.corp/', 'http://foo.local/', 'https://', 'http://exa mple.com/', 'https://co.uk/']) {
      expect(registrableDomain(url), url).toBeNull()
    }
  })

  it('finds the URL in the first field the rule names whose value begins with http: or https:', () => {
    expect(urlOf({ url: 'https://a.com/' })).toBe('https://a.com/')
    expect(urlOf({ Source_URL: 'http://a.com/' })).toBe('http://a.com/')
    expect(urlOf({ source: 'human-written', uri: 'https://b.com/' })).toBe('https://b.com/')
    expect(urlOf({ href: 'https://c.com/', link: 'https://d.com/' })).toBe('https://c.com/')
    expect(urlOf({ url: 'ftp://a.com/', website: 'www.a.com', text: 'https://a.com/' })).toBeNull()
    expect(urlOf({ urls: 'https://a.com/', homepage: 'https://a.com/', meta: { url: 'https://a.com/' } })).toBeNull()
    expect(urlOf({ url: 42 })).toBeNull()
  })
})

describe('URL facts of a file', () => {
  it('tallies the hand-counted bytes of the fixture’s records by domain', () => {
    const facts = new RecordFacts({ relPath: 'pages.jsonl', pii: 'off', tokens: 'off' })
    readFileSync(FIXTURE, 'utf8')
      .trimEnd()
      .split('\n')
      .forEach((line, i) => facts.addRecord(JSON.parse(line), line, i + 1))
    const content = facts.result().content!
    expect(content.records).toBe(11)
    expect(content.urls).toEqual(EXPECTED_FILE_URLS)
  })

  it('keeps no URL facts when no record has a URL field', () => {
    const facts = new RecordFacts({ relPath: 'a.jsonl', pii: 'off', tokens: 'off' })
    facts.addRecord({ text: 'a', source: 'books' }, '{"text":"a","source":"books"}', 1)
    expect(facts.result().content!.urls).toBeUndefined()
  })

  it('keeps 256 domains, the largest, ties by domain, and folds the rest', () => {
    const tally = new UrlTally()
    // d000.com … d299.com: domain i has 1,000 + i bytes, except that d250–d299 all have 100.
    for (let i = 0; i < 300; i++) tally.add(`https://d${String(i).padStart(3, '0')}.com/`, i < 250 ? 1000 + i : 100)
    const urls = tally.result()!
    expect(urls.domains).toHaveLength(256)
    expect(urls.domains[0]).toEqual({ domain: 'd249.com', records: 1, bytes: 1249, bytesSquared: 1249 ** 2 })
    expect(urls.domains[249]!.domain).toBe('d000.com')
    // the six kept of the fifty tied at 100 bytes are the first by name
    expect(urls.domains.slice(250).map((d) => d.domain)).toEqual(['d250.com', 'd251.com', 'd252.com', 'd253.com', 'd254.com', 'd255.com'])
    expect(urls.other).toEqual({ domains: 44, records: 44, bytes: 4400, bytesSquared: 44 * 100 ** 2 })
  })
})

describe('the dataset’s URL summary', () => {
  it('sums the files’ facts and keeps the folded ones folded', () => {
    const a = { records: 11, urls: EXPECTED_FILE_URLS }
    const b = {
      records: 5,
      urls: {
        recordsWithUrl: 2,
        domains: [{ domain: 'example.com', records: 2, bytes: 200, bytesSquared: 20000 }],
        noDomain: { records: 0, bytes: 0, bytesSquared: 0 },
        other: { domains: 3, records: 3, bytes: 30, bytesSquared: 300 },
      },
    }
    expect(summariseUrls([a, { records: 4 }, b])).toEqual({
      files: 2,
      analysed: 16,
      recordsWithUrl: 11,
      domains: [
        { domain: 'example.com', records: 3, bytes: 273 },
        { domain: 'github.io', records: 2, bytes: 111 },
        { domain: 'example.co.uk', records: 2, bytes: 104 },
        { domain: 'xn--fsqu00a.xn--fiqs8s', records: 1, bytes: 50 },
      ],
      noDomain: { records: 3, bytes: 141 },
      other: { domains: 3, records: 3, bytes: 30 },
    })
    expect(summariseUrls([{ records: 3 }])).toBeNull()
  })

  it('folds the smaller half when its working set overflows, keeping totals exact', () => {
    const t = new TopTally(1, 4)
    for (const [k, v] of [['a', 5], ['b', 4], ['c', 3], ['d', 2], ['e', 1]] as const) t.add(k, [v])
    // five keys > 4: the two largest stay, c, d and e are folded
    expect(t.result(10)).toEqual({ rows: [{ key: 'a', values: [5] }, { key: 'b', values: [4] }], other: { keys: 3, values: [6] } })
  })
})
