import type { FileEntry } from '../records/manifest-schema.js'
import { isData } from '../records/not-data.js'
import { compareStrings } from '../util/order.js'
import { byPath } from './diff-files.js'
import type { NewUndeclaredFile } from './manifest-diff.js'

/**
 * Data files NEW places in no declared source that OLD did not have, or had in a source.
 * Documentation (LICENSE, README) outside every source describes the dataset, and tooling and
 * pointer files (.gitattributes, Git LFS pointers) are not data, so they are left out.
 */
export function diffUndeclaredFiles(before: readonly FileEntry[], after: readonly FileEntry[]): NewUndeclaredFile[] {
  const old = byPath(before)
  const out: NewUndeclaredFile[] = []
  for (const entry of after) {
    if (entry.source !== null || !isData(entry.format)) continue
    const previous = old.get(entry.path)
    if (previous !== undefined && typeof previous.source !== 'string') continue
    out.push({
      path: entry.path,
      format: entry.format,
      bytes: entry.bytes,
      records: entry.records ?? null,
      previously: previous === undefined ? 'absent' : 'declared',
      previousSource: previous?.source ?? null,
    })
  }
  return out.sort((a, b) => compareStrings(a.path, b.path))
}
