import { formatBytes } from '../../util/format-bytes.js'
import type { FindingLocation } from '../../findings/finding.js'
import type { LicenceTerms, ManifestDiff, TokenChange, TokenFigure } from '../manifest-diff.js'
import { formatCount } from '../../util/format-count.js'

// Plain wording shared by the text and Markdown reports; callers escape what they print.

export function count(n: number): string {
  return formatCount(n)
}

export function signed(n: number): string {
  return n > 0 ? `+${count(n)}` : n < 0 ? `-${count(-n)}` : '0'
}

export function signedBytes(n: number): string {
  return n > 0 ? `+${formatBytes(n)}` : n < 0 ? `-${formatBytes(-n)}` : '0 B'
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`
}

/** `17,673` for an exact count, `≈ 17,673 (95%: 17,375–17,970)` for an estimate. */
export function tokenFigureText(figure: TokenFigure | null): string {
  if (figure === null) return 'not counted'
  if (figure.method === 'exact') return count(figure.total)
  return `≈ ${count(figure.estimate)} (${Math.round(figure.confidence * 100)}%: ${count(figure.low)}–${count(figure.high)})`
}

/** The change, whether it is exact or an estimate, or why there is none. */
export function tokenChangeText(change: TokenChange): string {
  if (change.basis === 'exact') return `${signed(change.delta!)} (exact)`
  if (change.basis === 'estimate') return `≈ ${signed(change.delta!)} (estimate; between ${signed(change.low!)} and ${signed(change.high!)})`
  if (change.before === null && change.after === null) return 'not counted'
  if (change.before === null || change.after === null) return `not comparable: ${change.before === null ? 'OLD' : 'NEW'} has no token count`
  return `not comparable: encodings differ (${change.before.encoding} → ${change.after.encoding})`
}

export function tokenLabel(change: TokenChange): string {
  const encoding = change.after?.encoding ?? change.before?.encoding
  return encoding === undefined ? 'Tokens' : `Tokens (${change.basis === 'exact' ? 'exact' : change.basis === 'estimate' ? 'estimate' : 'n/a'}, ${encoding})`
}

/** Where a finding is: `path:line`, `path (byte N)`, `tdgov.yaml:3:5 (sources[1])`, `(dataset)`. */
export function placeText(location: FindingLocation): string {
  switch (location.kind) {
    case 'file':
      if (location.line !== undefined) return `${location.path}:${location.line}`
      return location.offset !== undefined ? `${location.path} (byte ${location.offset})` : location.path
    case 'files':
      return location.paths.length > 1 ? `${location.paths[0]!} (+${location.paths.length - 1} more)` : location.paths[0]!
    case 'config': {
      let where = location.path
      if (location.line !== undefined) where += `:${location.line}${location.column !== undefined ? `:${location.column}` : ''}`
      return location.yamlPath !== undefined ? `${where} (${location.yamlPath})` : where
    }
    case 'audit':
      return `${location.path} (audit ${location.id}${location.row !== undefined ? `, row ${location.row}` : ''})`
    case 'dataset':
      return '(dataset)'
  }
}

export function licenceTermsText(terms: LicenceTerms): string {
  const detected = terms.detected.length > 0 ? terms.detected.join(', ') : 'none'
  return `declared ${terms.declared ?? 'none'}, detected ${detected}, use ${terms.use}`
}

/** One term before and after: `CC-BY-4.0 → MIT`. */
export function termChangeText(term: 'declared' | 'detected' | 'use', before: LicenceTerms | null, after: LicenceTerms | null): string {
  const text = (terms: LicenceTerms | null): string => {
    if (terms === null) return '—'
    const value = terms[term]
    if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : 'none'
    return value ?? 'none'
  }
  return `${text(before)} → ${text(after)}`
}

/** Scan settings that differ, which changes counts by themselves: `pii sample → full`. */
export function scanSettingChanges(diff: ManifestDiff): string[] {
  const before = diff.old.scan
  const after = diff.new.scan
  const keys = ['deep', 'sampleSize', 'pii', 'tokens'] as const
  return keys.filter((key) => before[key] !== after[key]).map((key) => `${key} ${String(before[key])} → ${String(after[key])}`)
}

export function byCodeText(byCode: ManifestDiff['findings']['appeared']['byCode']): string {
  return Object.entries(byCode)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ')
}

/** The first `limit` items and how many were left out. */
export function capped<T>(items: readonly T[], limit: number): { shown: readonly T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) }
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12)
}
