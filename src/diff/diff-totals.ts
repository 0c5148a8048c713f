import type { FileEntry, Manifest } from '../records/manifest-schema.js'
import { unsourcedKey } from '../records/not-data.js'
import { compareStrings } from '../util/order.js'
import { diffTokens } from './diff-tokens.js'
import type { GroupChange, Tally, TallyChange, TotalsDiff } from './manifest-diff.js'

const ZERO: Tally = { files: 0, bytes: 0, records: 0 }

/** Files, bytes, records and tokens: overall, per source and per modality. */
export function diffTotals(before: Manifest, after: Manifest): TotalsDiff {
  const exact = isExact(before) && isExact(after)
  const tokensBy = (key: (entry: FileEntry) => string | null): GroupTokens | null =>
    exact ? { before: exactTokensBy(before.files, key), after: exactTokensBy(after.files, key) } : null
  const sourceKeys = unique([...Object.keys(after.totals.bySource), ...Object.keys(before.totals.bySource)])
  const modalityKeys = unique([...Object.keys(before.totals.byModality), ...Object.keys(after.totals.byModality)]).sort(compareStrings)
  return {
    overall: { ...tallyChange(tallyOf(before.totals), tallyOf(after.totals)), tokens: diffTokens(before.content.tokens, after.content.tokens) },
    bySource: groupChanges(sourceKeys, before.totals.bySource, after.totals.bySource, tokensBy(sourceKey)),
    byModality: groupChanges(modalityKeys, before.totals.byModality, after.totals.byModality, tokensBy((entry) => entry.modality)),
  }
}

interface GroupTokens {
  before: Map<string, number>
  after: Map<string, number>
}

function groupChanges(
  keys: readonly string[],
  before: Record<string, Tally>,
  after: Record<string, Tally>,
  tokens: GroupTokens | null,
): GroupChange[] {
  return keys.map((key) => {
    const old = before[key]
    const current = after[key]
    const change = tallyChange(old ?? ZERO, current ?? ZERO)
    const status = old === undefined ? 'added' : current === undefined ? 'removed' : isZero(change.delta) ? 'unchanged' : 'changed'
    return { key, status, ...change, tokens: tokens && tokenChange(tokens.before.get(key) ?? 0, tokens.after.get(key) ?? 0) }
  })
}

function tallyChange(before: Tally, after: Tally): TallyChange {
  return {
    before,
    after,
    delta: { files: after.files - before.files, bytes: after.bytes - before.bytes, records: after.records - before.records },
  }
}

function tokenChange(before: number, after: number): GroupChange['tokens'] {
  return { before, after, delta: after - before }
}

function tallyOf(totals: Manifest['totals']): Tally {
  return { files: totals.files, bytes: totals.bytes, records: totals.records }
}

function isZero(tally: Tally): boolean {
  return tally.files === 0 && tally.bytes === 0 && tally.records === 0
}

function isExact(manifest: Manifest): boolean {
  return manifest.content.tokens !== null && 'total' in manifest.content.tokens
}

/** The `totals.bySource` key a file is counted under; null when the scan read no tdgov.yaml. */
function sourceKey(entry: FileEntry): string | null {
  if (entry.source === undefined) return null
  return entry.source ?? unsourcedKey(entry.format)
}

/** An exact count's total is the sum of its files' counts, so groups can be summed the same way. */
function exactTokensBy(files: readonly FileEntry[], key: (entry: FileEntry) => string | null): Map<string, number> {
  const sums = new Map<string, number>()
  for (const entry of files) {
    const tokens = entry.content?.tokens?.exact
    const group = key(entry)
    if (tokens === undefined || group === null) continue
    sums.set(group, (sums.get(group) ?? 0) + tokens)
  }
  return sums
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)]
}
