import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { SaxesParser } from 'saxes'
import { afterAll, describe, expect, it } from 'vitest'
import { REPORTERS } from '../../src/check/index.js'
import { readSheet, writeSheet } from '../../src/audit/sheets/index.js'
import type { SheetRow } from '../../src/audit/sheets/sheet-row.js'
import { gated, gateResult, identity, RULES_DOC_URL } from '../check/reporters/gate-fixture.js'
import { HOSTILE_STRINGS } from '../helpers/hostile-strings.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const XMLLINT = '/usr/bin/xmllint'

/** A failing gate whose every hostile string is a file path and a finding argument. */
function hostileGate(): ReturnType<typeof gateResult> {
  const base = gateResult()
  return {
    ...base,
    findings: [
      ...base.findings,
      ...HOSTILE_STRINGS.map((s, i) => gated('LABEL_UNDECLARED', 'warning', { kind: 'file', path: `data/${s}.jsonl`, line: i + 1 }, { label: s, count: 1, rules: 'r' }, `fp-hostile-${i}`)),
    ],
  }
}

function wellFormedXml(text: string): void {
  const parser = new SaxesParser()
  parser.on('error', (e) => {
    throw e
  })
  parser.write(text).close()
}

describe('hostile strings through every writer', () => {
  const options = { lang: 'en' as const, color: identity, rulesDocUrl: RULES_DOC_URL }

  it('JSON, SARIF and GitLab reports parse and keep each string as it was', () => {
    for (const format of ['json', 'gitlab'] as const) {
      const parsed = JSON.stringify(JSON.parse(REPORTERS[format](hostileGate(), options)))
      for (const s of HOSTILE_STRINGS) expect(parsed, `${format}: ${JSON.stringify(s)}`).toContain(JSON.stringify(`data/${s}.jsonl`).slice(1, -1))
    }
    // SARIF locations are URIs: each path is percent-encoded, and decodes back to itself
    const sarif = JSON.parse(REPORTERS.sarif(hostileGate(), options)) as { runs: { results: { locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }
    const uris = sarif.runs[0]!.results.flatMap((r) => r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri)
    for (const uri of uris) expect(uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/)
    for (const s of HOSTILE_STRINGS) expect(uris.map((u) => decodeURIComponent(u))).toContain(`data/${s}.jsonl`)
  })

  it('the JUnit report is well-formed XML (saxes, and xmllint where installed)', () => {
    const text = REPORTERS.junit(hostileGate(), options)
    wellFormedXml(text)
    if (existsSync(XMLLINT)) {
      const file = path.join(makeTempDir(), 'junit.xml')
      writeFileSync(file, text)
      const run = spawnSync(XMLLINT, ['--noout', file], { encoding: 'utf8' })
      expect(run.status, run.stderr).toBe(0)
    }
  })

  it('the GitHub annotations hold one workflow command per finding, whatever the names say', () => {
    const gate = hostileGate()
    const text = REPORTERS.github(gate, options)
    const commands = text.split('\n').filter((l) => l.startsWith('::'))
    expect(commands).toHaveLength(gate.findings.length)
    expect(text).not.toContain('\u001b')
    expect(text).not.toMatch(/\r/)
  })

  for (const format of ['csv', 'jsonl', 'xlsx'] as const) {
    it(`a ${format} review sheet runs no formula and reads back each string as written`, async () => {
      const rows: SheetRow[] = HOSTILE_STRINGS.map((s, i) => ({
        audit_id: 'a-1',
        item_id: `item-${i}`,
        annotator: s,
        label: s,
        preview: s,
        verdict: '',
        corrected_label: '',
        error_type: '',
        reviewer: '',
        note: '',
      }))
      const file = path.join(makeTempDir(), `sheet.${format}`)
      await writeSheet(file, rows, { kind: 'annotation', force: false })
      if (format === 'xlsx') {
        const parts = unzipSync(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(file))))
        for (const [name, data] of Object.entries(parts)) {
          if (!name.endsWith('.xml')) continue
          const xml = strFromU8(data)
          wellFormedXml(xml)
          // a cell holding a formula is written as <f>; none may be
          if (name.startsWith('xl/worksheets/')) expect(xml, name).not.toMatch(/<f[ >]/)
        }
      }
      if (format === 'csv') {
        const text = await import('node:fs').then((fs) => fs.readFileSync(file, 'utf8'))
        // every cell that a spreadsheet would take as a formula starts with a quote instead
        for (const line of text.split('\n').slice(1)) expect(line).not.toMatch(/(^|,)"?[=+\-@]/)
      }
      const back = await readSheet(file)
      expect(back.map((r) => r.cells.label)).toEqual([...HOSTILE_STRINGS])
      expect(back.map((r) => r.cells.preview)).toEqual([...HOSTILE_STRINGS])
    })
  }
})
