import { digitsOf } from './chars.js'
import type { PiiType } from './types.js'

/**
 * How each type is masked. The aim is an example a reviewer can recognise ("a mobile number from
 * the 138 range", "a Gmail address") that identifies nobody: at most about a third of the
 * characters survive, never a resident id's birth date, never key material.
 *
 * - email: first character of the local part, then the domain — `a***@example.com`
 * - cn-mobile: the 11 national digits as `138****5678` (any +86 / 0086 prefix dropped)
 * - cn-landline: area code and the subscriber's last two digits — `010-******78`
 * - phone-e164: "+", the first two and the last two digits — `+44********89`
 * - cn-resident-id: province code and the last two characters (sequence and check) —
 *   `11**************2X`; region and birth date are gone
 * - bank-card: first and last four digits from 16 digits up, else first and last two —
 *   `6222 **** **** 1234`, `37 **** **** *** 05`
 * - cn-uscc: registration authority, category and the last two characters — `91**************43`
 * - ipv4: the first octet — `192.*.*.*`; ipv6: the first group — `2001:****`
 * - passport: the series letter and the last two digits — `E******78`
 * - private-key: the header line only, e.g. `-----BEGIN RSA PRIVATE KEY-----`
 * - cloud-access-key: the provider prefix — `AKIA************`
 */
const MASKERS: Record<PiiType, (raw: string) => string | undefined> = {
  email: (raw) => {
    const at = raw.lastIndexOf('@')
    return at > 0 ? `${raw[0]}***@${raw.slice(at + 1)}` : undefined
  },
  'cn-mobile': (raw) => {
    const national = digitsOf(raw).slice(-11)
    return national.length === 11 ? `${national.slice(0, 3)}****${national.slice(7)}` : undefined
  },
  'cn-landline': (raw) => {
    const digits = digitsOf(raw)
    // "+86 10 …" drops the trunk 0 that the national form "010-…" has
    const national = raw.includes('+') && digits.startsWith('86') ? `0${digits.slice(2)}` : digits
    const areaLength = national[1] === '1' || national[1] === '2' ? 3 : 4
    const subscriber = national.slice(areaLength)
    if (subscriber.length < 7) return undefined
    return `${national.slice(0, areaLength)}-${stars(subscriber.length - 2)}${subscriber.slice(-2)}`
  },
  'phone-e164': (raw) => {
    const digits = digitsOf(raw)
    return digits.length >= 7 ? `+${digits.slice(0, 2)}${stars(digits.length - 4)}${digits.slice(-2)}` : undefined
  },
  'cn-resident-id': (raw) => (raw.length === 18 ? `${raw.slice(0, 2)}${stars(14)}${raw.slice(16).toUpperCase()}` : undefined),
  'bank-card': (raw) => {
    const digits = digitsOf(raw)
    if (digits.length < 13) return undefined
    const keep = digits.length >= 16 ? 4 : 2
    const hidden = stars(digits.length - 2 * keep).replace(/\*{4}(?=\*)/g, '$& ')
    return `${digits.slice(0, keep)} ${hidden} ${digits.slice(-keep)}`
  },
  'cn-uscc': (raw) => (raw.length === 18 ? `${raw.slice(0, 2)}${stars(14)}${raw.slice(16)}` : undefined),
  ipv4: (raw) => {
    const dot = raw.indexOf('.')
    return dot > 0 ? `${raw.slice(0, dot)}.*.*.*` : undefined
  },
  ipv6: (raw) => (raw.startsWith('::') ? '::****' : raw.includes(':') ? `${raw.slice(0, raw.indexOf(':'))}:****` : undefined),
  passport: (raw) => (raw.length >= 8 ? `${raw[0]}${stars(raw.length - 3)}${raw.slice(-2)}` : undefined),
  'private-key': (raw) => /^-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----/.exec(raw)?.[0],
  'cloud-access-key': (raw) => (raw.length > 8 ? `${raw.slice(0, 4)}${stars(12)}` : undefined),
}

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n))
}

/**
 * The masked form of a detected value, safe to write to manifests and reports. Whatever is
 * passed in, the result neither equals nor contains a non-empty `raw`: a value that does not
 * have its type's shape is masked entirely.
 */
export function maskPii(type: PiiType, raw: string): string {
  const mask = MASKERS[type](raw)
  if (mask !== undefined && !mask.includes(raw)) return mask
  const hidden = stars(Math.min(Math.max(raw.length, 1), 12))
  return hidden.includes(raw) ? `[${type}]` : hidden
}
