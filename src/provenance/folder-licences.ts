import type { AnalysedFile } from '../records/file-record.js'
import type { FolderLicence } from '../records/manifest-schema.js'
import { compareStrings } from '../util/order.js'
import type { LicenceClass } from './licences/index.js'

/** The class of licences stated together (all of them bind): classifyLicence each, most restrictive. */
export type ClassifyStated = (ids: readonly string[]) => LicenceClass

const NOTHING_STATED: LicenceClass = { use: 'unspecified', attribution: false, shareAlike: false }

interface Group {
  from: string[]
  ids: Set<string>
  files: number
  bytes: number
  records: number
}

/**
 * The licence of each folder as the files state it, without any configuration: a LICENSE text, a
 * dataset card's `license:` or a Croissant `license` covers the data files below its folder, down
 * to the next folder with a statement of its own (nearest statement first, as resolveProvenance
 * applies them to declared sources). Data files under no statement are grouped by the highest
 * folder that holds none, so a sibling `raw/` without a licence is one entry, and a tree without
 * any statement is one entry for ".". Documentation files (the statements themselves, READMEs)
 * are not counted. A licence text that matches no SPDX text (`unidentified`) is a statement too:
 * its folder has terms of its own, which tdgov cannot read, so it is `unspecified` and does not
 * inherit the licence of a folder above. `classify` is null when no file states a known licence
 * (nothing to classify, and the licence tables need not load). `files` must be in path order; the
 * result is in folder order.
 */
export function folderLicences(files: readonly AnalysedFile[], classify: ClassifyStated | null, unidentified: ReadonlySet<string> = new Set()): FolderLicence[] {
  const statements = new Map<string, Group>()
  const unreadable = new Set<string>()
  for (const file of files) {
    const licence = file.facts.licence
    if (!licence && !unidentified.has(file.path)) continue
    const dir = dirOf(file.path)
    const group = statements.get(dir) ?? { from: [], ids: new Set<string>(), files: 0, bytes: 0, records: 0 }
    group.from.push(file.path)
    for (const id of licence?.ids ?? []) group.ids.add(id)
    if (!licence) unreadable.add(dir)
    statements.set(dir, group)
  }
  // Folders with a statement at or below them: an unstated file is grouped under the highest folder that is not one.
  const stated = new Set<string>()
  for (const dir of statements.keys()) for (let d: string | null = dir; d !== null && !stated.has(d); d = parentOf(d)) stated.add(d)

  const nearest = new Map<string, string | null>()
  const covering = (dir: string): string | null => {
    let found = nearest.get(dir)
    if (found === undefined) {
      const parent = parentOf(dir)
      found = statements.has(dir) ? dir : parent === null ? null : covering(parent)
      nearest.set(dir, found)
    }
    return found
  }
  const unstated = new Map<string, Group>()
  // The group of each directory, found once: a 100k-file tree has far fewer directories.
  const groupOfDir = new Map<string, Group>()
  let lastDir: string | null = null
  let group: Group | undefined
  for (const file of files) {
    if (file.format === 'document') continue
    const dir = dirOf(file.path)
    if (dir !== lastDir) {
      lastDir = dir
      group = groupOfDir.get(dir)
      if (!group) {
        const over = covering(dir)
        if (over !== null) group = statements.get(over)!
        else {
          const key = highestUnstated(dir, stated)
          group = unstated.get(key) ?? { from: [], ids: new Set(), files: 0, bytes: 0, records: 0 }
          unstated.set(key, group)
        }
        groupOfDir.set(dir, group)
      }
    }
    group = group!
    group.files++
    group.bytes += file.bytes
    group.records += file.records ?? 0
  }

  const out: [string, FolderLicence][] = []
  for (const [dir, group] of [...statements, ...unstated]) {
    if (group.files === 0) continue
    const ids = [...group.ids].sort(compareStrings)
    const known = ids.length > 0 && classify ? classify(ids) : NOTHING_STATED
    // Terms nobody could read bind too: at least `unspecified`, which only `commercial` is below.
    const licenceClass = unreadable.has(dir) && known.use === 'commercial' ? { ...known, use: 'unspecified' as const } : known
    out.push([
      dir,
      {
        folder: dir === '' ? '.' : dir,
        from: [...group.from].sort(compareStrings),
        ids,
        use: licenceClass.use,
        attribution: licenceClass.attribution,
        shareAlike: licenceClass.shareAlike,
        files: group.files,
        bytes: group.bytes,
        records: group.records,
      },
    ])
  }
  return out.sort(([a], [b]) => compareStrings(a, b)).map(([, entry]) => entry)
}

/** The highest folder on the way from the root down to `dir` that has no statement at or below it; `dir` when every one has. */
function highestUnstated(dir: string, stated: ReadonlySet<string>): string {
  if (!stated.has('')) return ''
  const parts = dir === '' ? [] : dir.split('/')
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/')
    if (!stated.has(prefix)) return prefix
  }
  return dir
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '' : path.slice(0, slash)
}

function parentOf(dir: string): string | null {
  return dir === '' ? null : dirOf(dir)
}
