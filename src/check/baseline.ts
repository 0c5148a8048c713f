import { existsSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../util/atomic-write.js'
import { parseRecord, readRecordText, type RecordKind } from '../records/read-json-record.js'
import type { GatedFinding } from './gate-result.js'

export const BASELINE_FILE = path.join('.tdgov', 'baseline.json')
const BASELINE_VERSION = 1

export const baselineSchema = z
  .object({
    tdgov_baseline: z.literal(BASELINE_VERSION),
    findings: z
      .array(z.object({ fingerprint: z.string(), code: z.string(), where: z.string() }).strict())
      .describe('findings accepted when the gate was adopted; check fails only on others'),
  })
  .strict()

const BASELINE: RecordKind = { what: 'baseline', versionKey: 'tdgov_baseline', version: BASELINE_VERSION, remedy: 'tdgov check --update-baseline' }

/** The fingerprints in `.tdgov/baseline.json`, or null when the project has none. */
export function readBaseline(root: string): Set<string> | null {
  const file = path.join(root, BASELINE_FILE)
  if (!existsSync(file)) return null
  const baseline = parseRecord(readRecordText(file, BASELINE), file, baselineSchema, BASELINE)
  return new Set(baseline.findings.map((f) => f.fingerprint))
}

/** Writes the baseline: every finding counted now, sorted, one per line, so its diffs stay readable. */
export function writeBaseline(root: string, findings: readonly GatedFinding[]): string {
  const file = path.join(root, BASELINE_FILE)
  const entries = [...new Map(findings.map((f) => [f.fingerprint, { fingerprint: f.fingerprint, code: f.code, where: describePlace(f) }])).values()].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : a.fingerprint < b.fingerprint ? -1 : 1,
  )
  const lines = entries.map((e) => `    ${JSON.stringify(e)}`)
  writeFileAtomic(file, `{\n  "tdgov_baseline": ${BASELINE_VERSION},\n  "findings": [${lines.length === 0 ? ']' : `\n${lines.join(',\n')}\n  ]`}\n}\n`, { within: root })
  return file
}

function describePlace(f: GatedFinding): string {
  const l = f.location
  return l.kind === 'file' || l.kind === 'config' || l.kind === 'audit' ? l.path : l.kind === 'files' ? l.paths.join(' ') : '(dataset)'
}
