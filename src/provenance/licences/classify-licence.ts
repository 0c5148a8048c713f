import { leastRestrictiveIndex, mostRestrictive, UNSPECIFIED, type LicenceClass } from './licence-class.js'
import { parseLicenceExpression, type LicenceExpression } from './licence-expression.js'
import { NAMED_CLASSES, SPDX_CLASSES, SPDX_FAMILIES } from './licence-table.js'
import { normaliseLicence } from './normalise-licence.js'
import { isOsiApproved, isSpdxId } from './spdx-index.js'

export type ClassifiedLicence = LicenceClass & { known: boolean }

const EXPLICIT: ReadonlyMap<string, LicenceClass> = new Map([...SPDX_CLASSES, ...NAMED_CLASSES])

/**
 * The class of a licence id or expression. Accepts canonical ids and anything normaliseLicence
 * accepts (it normalises first). AND takes the most restrictive of its parts; OR the option a
 * licensee would choose; WITH keeps the licence's class (an exception only adds permissions).
 * `known` is false when any licence that decides the result is unknown, and then the class is
 * `unspecified` unless a known option of an OR is the better choice anyway.
 */
export function classifyLicence(id: string): ClassifiedLicence {
  const expression = parseLicenceExpression(normaliseLicence(id).id, true)
  return expression === null ? unknown() : classifyExpression(expression)
}

function classifyExpression(node: LicenceExpression): ClassifiedLicence {
  if (node.kind === 'licence') return classifyOne(node.name)
  const parts = node.parts.map(classifyExpression)
  if (node.kind === 'and') return { ...mostRestrictive(parts), known: parts.every((p) => p.known) }
  return { ...parts[leastRestrictiveIndex(parts)] }
}

function classifyOne(id: string): ClassifiedLicence {
  // `Apache-2.0+`: "this version or any later one" has the class of the version named.
  const name = id.endsWith('+') && !id.endsWith('++') ? id.slice(0, -1) : id
  const found = EXPLICIT.get(name) ?? spdxFamilyClass(name)
  return found ? { ...found, known: true } : unknown()
}

function spdxFamilyClass(id: string): LicenceClass | undefined {
  if (!isSpdxId(id)) return undefined
  for (const [pattern, licenceClass] of SPDX_FAMILIES) if (pattern.test(id)) return licenceClass
  // The Open Source Definition forbids restricting fields of use (criterion 6), so an OSI-approved
  // licence allows commercial use; copyleft ones are listed above, so the rest are permissive.
  if (isOsiApproved(id)) return { use: 'commercial', attribution: true, shareAlike: false }
  return undefined
}

function unknown(): ClassifiedLicence {
  return { ...UNSPECIFIED, known: false }
}
