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
  const tally = new FolderLicenceTally()
  for (const file of files) tally.state(file, unidentified.has(file.path))
  for (const file of files) tally.count(file)
  return tally.result(classify)
}

/**
 * folderLicences over two passes of the files in path order, for a manifest that reads its files
 * as a stream: `state` every file (only the statements are kept), then `count` every file (each
 * is added to its folder's group). Memory grows with the folders, not the files.
 */
export class FolderLicenceTally {
  private readonly statements = new Map<string, Group>()
  private readonly unreadable = new Set<string>()
  private stated: Set<string> | null = null
  private readonly nearest = new Map<string, string | null>()
  private readonly unstated = new Map<string, Group>()
  // The group of each directory, found once: a 100k-file tree has far fewer directories.
  private readonly groupOfDir = new Map<string, Group>()
  private lastDir: string | null = null
  private group: Group | undefined

  /** The first pass: a file stating a licence, or an unidentified licence text (`unidentified`), is a statement. */
  state(file: AnalysedFile, unidentified: boolean): void {
    const licence = file.facts.licence
    if (!licence && !unidentified) return
    const dir = dirOf(file.path)
    const group = this.statements.get(dir) ?? { from: [], ids: new Set<string>(), files: 0, bytes: 0, records: 0 }
    group.from.push(file.path)
    for (const id of licence?.ids ?? []) group.ids.add(id)
    if (!licence) this.unreadable.add(dir)
    this.statements.set(dir, group)
  }

  /** The second pass, after every file was stated. */
  count(file: AnalysedFile): void {
    if (file.format === 'document') return
    const dir = dirOf(file.path)
    if (dir !== this.lastDir) {
      this.lastDir = dir
      this.group = this.groupOfDir.get(dir)
      if (!this.group) {
        const over = this.covering(dir)
        if (over !== null) this.group = this.statements.get(over)!
        else {
          const key = highestUnstated(dir, this.statedFolders())
          this.group = this.unstated.get(key) ?? { from: [], ids: new Set(), files: 0, bytes: 0, records: 0 }
          this.unstated.set(key, this.group)
        }
        this.groupOfDir.set(dir, this.group)
      }
    }
    const group = this.group!
    group.files++
    group.bytes += file.bytes
    group.records += file.records ?? 0
  }

  result(classify: ClassifyStated | null): FolderLicence[] {
    const out: [string, FolderLicence][] = []
    for (const [dir, group] of [...this.statements, ...this.unstated]) {
      if (group.files === 0) continue
      const ids = [...group.ids].sort(compareStrings)
      const known = ids.length > 0 && classify ? classify(ids) : NOTHING_STATED
      // Terms nobody could read bind too: at least `unspecified`, which only `commercial` is below.
      const licenceClass = this.unreadable.has(dir) && known.use === 'commercial' ? { ...known, use: 'unspecified' as const } : known
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

  /** Folders with a statement at or below them: an unstated file is grouped under the highest folder that is not one. */
  private statedFolders(): Set<string> {
    if (this.stated) return this.stated
    const stated = new Set<string>()
    for (const dir of this.statements.keys()) for (let d: string | null = dir; d !== null && !stated.has(d); d = parentOf(d)) stated.add(d)
    this.stated = stated
    return stated
  }

  private covering(dir: string): string | null {
    let found = this.nearest.get(dir)
    if (found === undefined) {
      const parent = parentOf(dir)
      found = this.statements.has(dir) ? dir : parent === null ? null : this.covering(parent)
      this.nearest.set(dir, found)
    }
    return found
  }
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
