import type { FindingCode } from '../findings/codes.js'
import { locationLine, locationPath, type Finding } from '../findings/finding.js'
import type { Manifest } from '../records/manifest-schema.js'
import { compareStrings } from '../util/order.js'
import type { FindingList } from './manifest-diff.js'

/**
 * Findings that appeared and went away, across the dataset's and every file's. A finding is the
 * same when its code, place and args are: the message is rendered from them, and the severity is
 * a default that policy may change.
 */
export function diffFindings(before: Manifest, after: Manifest): { appeared: FindingList; gone: FindingList } {
  const unmatched = new Map<string, Finding[]>()
  for (const finding of allFindings(before)) {
    const key = findingKey(finding)
    const bucket = unmatched.get(key)
    if (bucket) bucket.push(finding)
    else unmatched.set(key, [finding])
  }
  const appeared: Finding[] = []
  for (const finding of allFindings(after)) {
    // Counted as a multiset: a second identical finding in NEW is new even when OLD had one.
    const bucket = unmatched.get(findingKey(finding))
    if (bucket && bucket.length > 0) bucket.shift()
    else appeared.push(finding)
  }
  const gone = [...unmatched.values()].flat()
  return { appeared: listOf(appeared), gone: listOf(gone) }
}

/** Code, place and args as one string; object keys sorted, so key order in the file does not matter. */
export function findingKey(finding: Finding): string {
  return JSON.stringify([finding.code, sortedEntries(finding.location), sortedEntries(finding.args)])
}

function sortedEntries(value: object): [string, unknown][] {
  return Object.entries(value).sort(([a], [b]) => compareStrings(a, b))
}

function allFindings(manifest: Manifest): Finding[] {
  return [...manifest.findings, ...manifest.files.flatMap((entry) => entry.findings)]
}

function listOf(findings: Finding[]): FindingList {
  const keyed = findings.map((finding) => ({ finding, key: findingKey(finding) }))
  keyed.sort(
    (a, b) =>
      compareStrings(locationPath(a.finding.location) ?? '', locationPath(b.finding.location) ?? '') ||
      (locationLine(a.finding.location) ?? 0) - (locationLine(b.finding.location) ?? 0) ||
      compareStrings(a.finding.code, b.finding.code) ||
      compareStrings(a.key, b.key),
  )
  const counts = new Map<FindingCode, number>()
  for (const finding of findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1)
  const byCode = Object.fromEntries([...counts].sort(([a], [b]) => compareStrings(a, b)))
  return { count: findings.length, byCode, findings: keyed.map((k) => k.finding) }
}
