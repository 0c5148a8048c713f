import { isIPv6 } from 'node:net'
import { isDigit, isHexDigit, isWordChar, scanWhile } from './chars.js'
import { endsAlone, found, matchAt, startsAlone, type ScanState } from './scan-state.js'

const DOT = 46
const COLON = 58

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
/** Octets 0–255 without leading zeros. */
const IPV4 = new RegExp(`${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}`, 'y')
const NOT_ADDRESSES: ReadonlySet<string> = new Set(['0.0.0.0', '255.255.255.255'])

/** End of a dotted number such as 1.2.3.4.5 or 3.14159 starting at `at`. */
function dottedRunEnd(text: string, at: number): number {
  let i = scanWhile(text, at, isDigit)
  while (text.charCodeAt(i) === DOT && isDigit(text.charCodeAt(i + 1))) i = scanWhile(text, i + 1, isDigit)
  return i
}

/**
 * A dotted quad starting at `at` that is the whole dotted number (not 1.2.3.4.5, not the tail of
 * "v1.2.3.4", whose "v" makes it one token with the first digit). Whatever the outcome the
 * dotted run is consumed, so its tail is never retried as an address of its own; this also
 * keeps decimals such as 0.13812345678 from being read as phone numbers.
 */
export function detectIpv4(state: ScanState, at: number): number {
  const { text } = state
  const runEnd = dottedRunEnd(text, at)
  const end = matchAt(IPV4, text, at)
  if (end !== runEnd || text.charCodeAt(at - 1) === DOT || !startsAlone(text, at) || !endsAlone(text, end)) return runEnd
  if (NOT_ADDRESSES.has(text.slice(at, end))) return runEnd
  return found(state, 'ipv4', at, end)
}

/** Longest textual IPv6 address: eight 4-digit groups, or six and an embedded dotted quad. */
const MAX_IPV6_LENGTH = 45

/**
 * IPv6 around the colon at `at` (the first one scanning has not passed): hex groups with colons
 * and perhaps an embedded IPv4 tail, validated by node:net. Needs a "::" or at least three
 * groups; clock times fail validation (12:30:45) or have too few groups (12:30); eight 2-digit
 * groups are a hardware (MAC / EUI-64) address. The candidate must stand alone: not after a
 * letter, `_`, `.` or `:` (C++ "std::", a longer colon run), not before a letter or `_`.
 * Each colon costs at most MAX_IPV6_LENGTH characters of scanning, so long colon runs stay linear.
 */
export function detectIpv6(state: ScanState, at: number): number {
  const { text } = state
  let start = at
  while (start > state.floor && at - start < 5 && isHexDigit(text.charCodeAt(start - 1))) start--
  const limit = Math.min(text.length, start + MAX_IPV6_LENGTH + 1)
  let end = at + 1
  while (end < limit && isAddressChar(text.charCodeAt(end))) end++
  if (end === limit && end < text.length && isAddressChar(text.charCodeAt(end))) return at + 1
  // a sentence may end right after the address: "fe80::1." or "fe80::1:"
  while (end > at + 1 && isTrailingPunctuation(text, end)) end--
  if (at - start > 4 || end - start > MAX_IPV6_LENGTH) return at + 1
  if (start > 0) {
    const prev = text.charCodeAt(start - 1)
    if (isWordChar(prev) || prev === DOT || prev === COLON) return at + 1
  }
  if (end < text.length && isWordChar(text.charCodeAt(end))) return at + 1
  // Every address has two colons at least ("::"); a lone colon (every key of a JSON record) is not one.
  if (end - start < 2 || text.indexOf(':', at + 1) === -1 || text.indexOf(':', at + 1) >= end) return at + 1
  return isPlausibleIpv6(text.slice(start, end)) ? found(state, 'ipv6', start, end) : at + 1
}

function isAddressChar(c: number): boolean {
  return c === COLON || c === DOT || isHexDigit(c)
}

function isTrailingPunctuation(text: string, end: number): boolean {
  const last = text.charCodeAt(end - 1)
  return last === DOT || (last === COLON && text.charCodeAt(end - 2) !== COLON)
}

function isPlausibleIpv6(candidate: string): boolean {
  if (candidate === '::' || !isIPv6(candidate)) return false
  if (candidate.includes('::')) return true
  const groups = candidate.split(':')
  return groups.length >= 3 && !groups.every((group) => group.length === 2)
}
