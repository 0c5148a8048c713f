import { FINDING_CODES, FINDING_SEVERITY, SEVERITIES, type FindingCode, type Severity } from '../findings/codes.js'
import type { ManifestFinding } from '../records/manifest-schema.js'
import { compareStrings } from '../util/order.js'
import type { FileRecord } from './file-record.js'

/** Examples a summary shows per finding code. */
export const EXAMPLES_PER_CODE = 3

/** The findings of one code, as a summary shows them. */
export interface FindingGroup {
  code: FindingCode
  severity: Severity
  /** findings of this code in the manifest */
  listed: number
  /** findings of this code the manifest leaves out: the totals of FINDINGS_CAPPED less what each kept */
  capped: number
  /** the first EXAMPLES_PER_CODE of them, in manifest order (dataset findings, then files in path order) */
  examples: ManifestFinding[]
}

const CODES: ReadonlySet<string> = new Set(FINDING_CODES)

/**
 * Every finding of the manifest counted by code, with the ones FINDINGS_CAPPED summarised added
 * to their code's total (labelled as such: `capped`), and a few examples each. Ordered by
 * severity (error, warning, info), then by total, most first, then by code. Only the entries of
 * files that have findings are parsed, and of those only the findings array.
 */
export function summariseFindings(datasetFindings: readonly ManifestFinding[], files: Iterable<FileRecord>): FindingGroup[] {
  const tally = new FindingTally()
  for (const file of files) {
    if (file.findings.error + file.findings.warning + file.findings.info === 0) continue
    for (const finding of findingsOf(file.json)) tally.add(finding)
  }
  return tally.groups(datasetFindings)
}

/**
 * summariseFindings with the files' findings added one at a time (in manifest order) and the
 * dataset's given at the end, when they are known: they come first in the examples. Holds a count
 * and a few examples per code.
 */
export class FindingTally {
  private readonly files = new Map<FindingCode, FindingGroup>()
  /** what each FINDINGS_CAPPED of the files left out, by the code it capped */
  private readonly cappedOut = new Map<FindingCode, number>()

  add(finding: ManifestFinding): void {
    let group = this.files.get(finding.code)
    if (!group) {
      group = { code: finding.code, severity: finding.severity, listed: 0, capped: 0, examples: [] }
      this.files.set(finding.code, group)
    }
    group.listed++
    if (group.examples.length < EXAMPLES_PER_CODE) group.examples.push(finding)
    if (finding.code === 'FINDINGS_CAPPED') noteCapped(this.cappedOut, finding)
  }

  groups(datasetFindings: readonly ManifestFinding[]): FindingGroup[] {
    const groups = new Map<FindingCode, FindingGroup>()
    const groupOf = (code: FindingCode, severity: Severity): FindingGroup => {
      let group = groups.get(code)
      if (!group) {
        group = { code, severity, listed: 0, capped: 0, examples: [] }
        groups.set(code, group)
      }
      return group
    }
    const cappedOut = new Map<FindingCode, number>()
    for (const finding of datasetFindings) {
      const group = groupOf(finding.code, finding.severity)
      group.listed++
      if (group.examples.length < EXAMPLES_PER_CODE) group.examples.push(finding)
      if (finding.code === 'FINDINGS_CAPPED') noteCapped(cappedOut, finding)
    }
    for (const own of this.files.values()) {
      const group = groupOf(own.code, own.severity)
      group.listed += own.listed
      group.examples.push(...own.examples.slice(0, EXAMPLES_PER_CODE - group.examples.length))
    }
    for (const outs of [cappedOut, this.cappedOut]) {
      for (const [code, out] of outs) groupOf(code, FINDING_SEVERITY[code]).capped += out
    }
    const rank = (s: Severity): number => SEVERITIES.indexOf(s)
    return [...groups.values()].sort(
      (a, b) => rank(a.severity) - rank(b.severity) || b.listed + b.capped - (a.listed + a.capped) || compareStrings(a.code, b.code),
    )
  }
}

/** Adds what a FINDINGS_CAPPED finding says it left out to its code's count. */
function noteCapped(out: Map<FindingCode, number>, { args }: ManifestFinding): void {
  const { code, total, kept } = args
  if (typeof code !== 'string' || !CODES.has(code) || typeof total !== 'number' || typeof kept !== 'number') return
  out.set(code as FindingCode, (out.get(code as FindingCode) ?? 0) + Math.max(0, total - kept))
}

/** Findings by severity with what FINDINGS_CAPPED left out added back: the true totals. */
export function trueCounts(groups: readonly FindingGroup[]): { counts: Record<Severity, number>; capped: number } {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  let capped = 0
  for (const group of groups) {
    counts[group.severity] += group.listed + group.capped
    capped += group.capped
  }
  return { counts, capped }
}

/**
 * The findings of a manifest entry without parsing the rest of it: `findings` is the entry's last
 * key, `,"findings":` cannot occur inside a JSON string (its quotes would be escaped), and no key
 * inside the findings is called so; an earlier object key (a per-record licence value) may be, so
 * the last occurrence is the entry's own.
 */
export function findingsOf(json: string): ManifestFinding[] {
  const key = ',"findings":'
  const at = json.lastIndexOf(key)
  if (at === -1) return (JSON.parse(json) as { findings: ManifestFinding[] }).findings
  return JSON.parse(json.slice(at + key.length, -1)) as ManifestFinding[]
}
