import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest } from '../../src/records/manifest-schema.js'
import type { Report } from '../../src/records/report-schema.js'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

const CONFIG = `version: 1
dataset: { name: crawl-test, version: "1", intended_use: research }
sources:
  - { id: web, name: Web pages, kind: crawled, license: CC-BY-4.0, crawl: { robots_respected: true, opt_out_respected: true }, paths: ["web/**"] }
  - { id: books, name: Books, kind: open-source, license: CC-BY-4.0, paths: ["books/**"] }
`

/**
 * web/pages.jsonl is test/fixtures/urls/pages.jsonl, whose lines are counted by hand in
 * test/provenance/url-domains.test.ts: github.io 57 + 54 bytes, example.co.uk 50 + 54,
 * example.com 73, xn--fsqu00a.xn--fiqs8s 50; an IP address (45), localhost (51) and
 * intranet.corp (45) have no registrable domain; 9 of the 11 records have a URL field, all 11 are
 * analysed. books/b.jsonl has a URL too, but is not of the crawled source.
 */
const FROM = 'derived:manifest.files[].content.urls'
const m = (value: number) => ({ kind: 'measured', value, from: FROM })

describe('crawled domains, from scan to report', () => {
  let root: string
  let manifest: Manifest
  let report: Report

  beforeAll(async () => {
    root = makeTempDir()
    mkdirSync(path.join(root, 'web'))
    mkdirSync(path.join(root, 'books'))
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'urls', 'pages.jsonl'), path.join(root, 'web', 'pages.jsonl'))
    writeFileSync(path.join(root, 'books', 'b.jsonl'), '{"text":"a book","url":"https://books.example.org/1"}\n')
    writeFileSync(path.join(root, 'tdgov.yaml'), CONFIG)
    const scan = await runCli(['scan', root, '--no-cache'])
    expect(scan.status, scan.stderr).toBe(0)
    manifest = JSON.parse(readFileSync(path.join(root, '.tdgov', 'manifest.json'), 'utf8'))
    const out = path.join(makeTempDir(), 'report.json')
    const run = await runCli(['report', root, '--date', '2026-12-02', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    report = JSON.parse(readFileSync(out, 'utf8'))
  }, 120_000)
  afterAll(removeTempDirs)

  it('records each file’s domains and bytes in the manifest, and their sum', () => {
    const pages = manifest.files.find((f) => f.path === 'web/pages.jsonl')!
    expect(pages.content!.records).toBe(11)
    expect(pages.content!.urls).toEqual({
      recordsWithUrl: 9,
      domains: [
        { domain: 'github.io', records: 2, bytes: 111, bytesSquared: 57 ** 2 + 54 ** 2 },
        { domain: 'example.co.uk', records: 2, bytes: 104, bytesSquared: 50 ** 2 + 54 ** 2 },
        { domain: 'example.com', records: 1, bytes: 73, bytesSquared: 73 ** 2 },
        { domain: 'xn--fsqu00a.xn--fiqs8s', records: 1, bytes: 50, bytesSquared: 50 ** 2 },
      ],
      noDomain: { records: 3, bytes: 141, bytesSquared: 45 ** 2 + 51 ** 2 + 45 ** 2 },
    })
    // {"text":"a book","url":"https://books.example.org/1"}: 1 + 6 + 1 + 8 + 1 + 5 + 1 + (2 + 27) + 1 = 53 bytes
    expect(manifest.content.urls).toEqual({
      files: 2,
      analysed: 12,
      recordsWithUrl: 10,
      domains: [
        { domain: 'github.io', records: 2, bytes: 111 },
        { domain: 'example.co.uk', records: 2, bytes: 104 },
        { domain: 'example.com', records: 1, bytes: 73 },
        { domain: 'example.org', records: 1, bytes: 53 },
        { domain: 'xn--fsqu00a.xn--fiqs8s', records: 1, bytes: 50 },
      ],
      noDomain: { records: 3, bytes: 141 },
    })
    // only the domain is kept, never the URL or its path
    const text = readFileSync(path.join(root, '.tdgov', 'manifest.json'), 'utf8')
    for (const part of ['a.example.co.uk', 'user.github.io', '192.168.0.1', 'localhost', 'intranet.corp', '/x"']) expect(text).not.toContain(part)
  })

  it('gives the report the crawled source’s domains, counted, with the top 10% marked', () => {
    expect(report.crawled).toEqual({
      scope: 'crawled-sources',
      files: 1,
      records: 11,
      analysed: 11,
      recordsWithUrl: m(9),
      domains: [
        { domain: 'github.io', bytes: m(111), records: m(2), top10pct: true },
        { domain: 'example.co.uk', bytes: m(104), records: m(2), top10pct: false },
        { domain: 'example.com', bytes: m(73), records: m(1), top10pct: false },
        { domain: 'xn--fsqu00a.xn--fiqs8s', bytes: m(50), records: m(1), top10pct: false },
      ],
      distinctDomains: 4,
      top10pctDomains: 1,
      noDomain: { records: m(3), bytes: m(141) },
      otherBytes: m(0),
      from: FROM,
    })
  })

  it('lists the top 10% in §2.3 of the EU summary and the domains in the CAC sources section', async () => {
    const eu = await runCli(['report', root, '--date', '2026-12-02', '--format', 'eu-summary'])
    expect(eu.status, eu.stderr).toBe(0)
    const section = eu.stdout.slice(eu.stdout.indexOf('### 2.3'), eu.stdout.indexOf('### 2.4'))
    expect(section).toContain('- Top 10% of domain names by size of content (1 of 4 domains, from the URL fields of the crawled sources’ records): github.io (111 B)\n')
    expect(section).toContain('  - Records whose URL has no registrable domain (IP address, localhost, no ICANN suffix, unparsable): 3\n')
    const cac = await runCli(['report', root, '--date', '2026-12-02', '--format', 'cac', '--lang', 'en'])
    expect(cac.status, cac.stderr).toBe(0)
    expect(cac.stdout).toContain('| github.io | 111 B | 2 | ✓ |\n| example.co.uk | 104 B | 2 |  |\n')
    expect(cac.stdout).toContain('4 registrable domains, the top 10% being 1; the 4 with the most bytes are listed; from 11 analysed of 11 records.')
    expect(cac.stdout).toContain('| Records whose URL has no registrable domain (IP address, localhost, no ICANN suffix, unparsable) | 141 B | 3 |  |')
    const zh = await runCli(['report', root, '--date', '2026-12-02', '--format', 'cac'])
    expect(zh.stdout).toContain('**网络爬取内容的域名（按字节，取自记录的网址字段）**')
  })

  it('says the crawled source’s domains are not measured when none of its records has a URL field', async () => {
    writeFileSync(path.join(root, 'web', 'pages.jsonl'), '{"text":"no url here"}\n')
    expect((await runCli(['scan', root, '--no-cache'])).status).toBe(0)
    const json = await runCli(['report', root, '--date', '2026-12-02', '--format', 'json'])
    expect((JSON.parse(json.stdout) as Report).crawled).toBeNull()
    const eu = await runCli(['report', root, '--date', '2026-12-02', '--format', 'eu-summary'])
    expect(eu.stdout).toContain('- Top 10% of domain names by size of content: not measured (no analysed record of the crawled sources has a URL field)')
  })
})
