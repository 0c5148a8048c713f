import spdxParse from 'spdx-expression-parse'
import type { FileEntry, FolderLicence } from '../../records/manifest-schema.js'
import { compareStrings } from '../../util/order.js'

/**
 * SPDX 3 has no NOASSERTION license expression: "no assertion can be made" is an individual of
 * ExpandedLicensing, which a licence relationship points to instead of a LicenseExpression.
 */
export const NO_ASSERTION_LICENSE = 'expandedlicensing_NoAssertionLicense'

/** SPDX's idstring, what may follow LicenseRef-. */
const ID_STRING = /^[A-Za-z0-9.-]+$/

function isExpression(text: string): boolean {
  try {
    spdxParse(text)
    return true
  } catch {
    return false
  }
}

/**
 * The licence ids tdgov found (SPDX where there is one, else a lower-case token such as
 * `openrail`) as one SPDX expression, joined by AND as each applies; a token without an SPDX id
 * becomes a LicenseRef. Null when any of them is unknown, since then the whole is unknown.
 */
export function expressionOf(ids: readonly string[]): string | null {
  if (ids.length === 0) return null
  const parts: string[] = []
  for (const id of [...new Set(ids)].sort(compareStrings)) {
    if (id === 'unknown') return null
    if (isExpression(id)) parts.push(id.includes(' ') && ids.length > 1 ? `(${id})` : id)
    else if (ID_STRING.test(id)) parts.push(`LicenseRef-${id}`)
    else return null
  }
  return parts.join(' AND ')
}

/** The folder statement that covers a file: the deepest folder at or above it that states a licence. */
export function folderOf(file: Pick<FileEntry, 'path'>, folders: readonly FolderLicence[]): FolderLicence | undefined {
  let best: FolderLicence | undefined
  for (const f of folders) {
    if (f.from.length === 0) continue
    const covers = f.folder === '.' || file.path.startsWith(`${f.folder}/`)
    if (covers && (best === undefined || f.folder.length > best.folder.length)) best = f
  }
  return best
}

/** The package's licence from its files': known only when every file's is. */
export function combined(expressions: readonly (string | null)[]): string | null {
  if (expressions.length === 0 || expressions.some((e) => e === null)) return null
  const distinct = [...new Set(expressions as string[])].sort(compareStrings)
  return distinct.length === 1 ? distinct[0]! : distinct.map((e) => (e.includes(' ') ? `(${e})` : e)).join(' AND ')
}
