import spdxList from 'spdx-license-list'
import { looseKey } from './loose-key.js'
import { DEPRECATED_SPDX } from './licence-table.js'

/** Lookups over the SPDX licence list (ids, names, URLs; no texts), built on first use. */
interface SpdxIndex {
  ids: ReadonlySet<string>
  byLowerCaseId: ReadonlyMap<string, string>
  byLooseKey: ReadonlyMap<string, string>
  byUrl: ReadonlyMap<string, string>
}

let index: SpdxIndex | undefined

function spdxIndex(): SpdxIndex {
  if (index) return index
  // Where two ids share a key or a URL (GPL-3.0-only and GPL-3.0-or-later share both), the id SPDX
  // recommends comes first: current before deprecated, `-only` before `-or-later`.
  const ids = Object.keys(spdxList).sort((a, b) => rank(a) - rank(b))
  const byLowerCaseId = new Map<string, string>()
  const byLooseKey = new Map<string, string>()
  const byUrl = new Map<string, string>()
  for (const id of ids) {
    setOnce(byLowerCaseId, id.toLowerCase(), id)
    setOnce(byLooseKey, looseKey(id), id)
    // A few entries have no URL, whatever the package's types say.
    const url: unknown = spdxList[id].url
    if (typeof url === 'string') setOnce(byUrl, urlKey(url), id)
  }
  for (const id of ids) setOnce(byLooseKey, looseKey(spdxList[id].name), id)
  index = { ids: new Set(ids), byLowerCaseId, byLooseKey, byUrl }
  return index
}

function rank(id: string): number {
  if (Object.hasOwn(DEPRECATED_SPDX, id)) return 2
  return id.endsWith('-or-later') ? 1 : 0
}

function setOnce(map: Map<string, string>, key: string, value: string): void {
  if (key !== '' && !map.has(key)) map.set(key, value)
}

/** A URL without scheme, `www.`, query, fragment, trailing slash or file extension, lower-case. */
export function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.(html?|txt|php|md)$/, '')
}

export function isSpdxId(id: string): boolean {
  return spdxIndex().ids.has(id)
}

export function isOsiApproved(id: string): boolean {
  return isSpdxId(id) && spdxList[id].osiApproved
}

/** The current SPDX id for an id on the list (deprecated GNU ids → `-only` / `-or-later`). */
export function currentSpdxId(id: string): string {
  if (!Object.hasOwn(DEPRECATED_SPDX, id)) return id
  const replacement = DEPRECATED_SPDX[id]
  return isSpdxId(replacement) ? replacement : id
}

export function spdxIdIgnoringCase(text: string): string | undefined {
  return spdxIndex().byLowerCaseId.get(text.toLowerCase())
}

export function spdxIdByLooseKey(key: string): string | undefined {
  return spdxIndex().byLooseKey.get(key)
}

export function spdxIdByUrl(url: string): string | undefined {
  return spdxIndex().byUrl.get(urlKey(url))
}
