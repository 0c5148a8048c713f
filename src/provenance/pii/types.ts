import { PII_TYPES } from '../../records/vocabulary.js'

export { PII_TYPES }
export type PiiType = (typeof PII_TYPES)[number]

/**
 * Types whose presence needs the stricter treatment of sensitive personal information (PIPL
 * Art. 28: identity documents, financial accounts) or is a credential leak in its own right.
 */
export const SENSITIVE_PII: ReadonlySet<PiiType> = new Set<PiiType>(['cn-resident-id', 'bank-card', 'passport', 'private-key', 'cloud-access-key'])

const KNOWN: ReadonlySet<string> = new Set(PII_TYPES)

export function isPiiType(value: string): value is PiiType {
  return KNOWN.has(value)
}
