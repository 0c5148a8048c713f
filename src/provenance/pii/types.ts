/**
 * The kinds of personal information tdgov detects. The order is the order counts and examples
 * are serialised in, so keep new types at the end.
 */
export const PII_TYPES = [
  'email',
  'cn-mobile',
  'cn-landline',
  'phone-e164',
  'cn-resident-id',
  'bank-card',
  'cn-uscc',
  'ipv4',
  'ipv6',
  'passport',
  'private-key',
  'cloud-access-key',
] as const

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
