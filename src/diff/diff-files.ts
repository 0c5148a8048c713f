import type { FileEntry } from '../records/manifest-schema.js'
import { compareStrings } from '../util/order.js'
import type { FileChange, FileChanges, FileSummary } from './manifest-diff.js'

/** Files by path: added, removed, and changed (same path, other content). */
export function diffFiles(before: readonly FileEntry[], after: readonly FileEntry[]): FileChanges {
  const old = byPath(before)
  const added: FileSummary[] = []
  const changed: FileChange[] = []
  let unchanged = 0
  for (const entry of after) {
    const previous = old.get(entry.path)
    if (!previous) added.push(summarise(entry))
    else if (previous.sha256 !== entry.sha256) changed.push({ path: entry.path, before: versionOf(previous), after: versionOf(entry) })
    else unchanged++
  }
  const current = byPath(after)
  const removed = before.filter((entry) => !current.has(entry.path)).map(summarise)
  const byPathOrder = (a: { path: string }, b: { path: string }): number => compareStrings(a.path, b.path)
  added.sort(byPathOrder)
  removed.sort(byPathOrder)
  changed.sort(byPathOrder)
  return { counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged }, added, removed, changed }
}

export function byPath(entries: readonly FileEntry[]): Map<string, FileEntry> {
  return new Map(entries.map((entry) => [entry.path, entry]))
}

function summarise(entry: FileEntry): FileSummary {
  return {
    path: entry.path,
    format: entry.format,
    modality: entry.modality,
    source: entry.source ?? null,
    bytes: entry.bytes,
    records: entry.records ?? null,
  }
}

function versionOf(entry: FileEntry): FileChange['before'] {
  return { sha256: entry.sha256, bytes: entry.bytes, records: entry.records ?? null, format: entry.format }
}
