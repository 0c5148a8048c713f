import { isAsciiAlnum } from './chars.js'
import { found, type ScanState } from './scan-state.js'

const DOT = 46
const DASH = 45

/** Characters of an unquoted local part that people actually use: letters, digits, . _ % + - */
function isLocalChar(c: number): boolean {
  return isAsciiAlnum(c) || c === DOT || c === 95 || c === 37 || c === 43 || c === DASH
}

function isDomainChar(c: number): boolean {
  return isAsciiAlnum(c) || c === DOT || c === DASH
}

const MAX_LOCAL = 64
const MAX_DOMAIN = 253
const LOCAL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*$/
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/
const TLD = /^[A-Za-z]{2,63}$/
/** "icon@2x.png": a high-density image's file name, not an address. */
const DENSITY_SUFFIX = /^\d(?:\.\d)?x$/

/**
 * An address around the "@" at `at`: the longest local part before it and domain after it,
 * then validated: a local part of 1–64 characters without leading, trailing or doubled dots;
 * two or more domain labels of letters, digits and inner hyphens; a top-level domain of two or
 * more letters. Trailing dots and hyphens are sentence punctuation, not domain. The address
 * must not continue into `_` or another "@".
 */
export function detectEmail(state: ScanState, at: number): number {
  const { text } = state
  // Both scans stop one character past the longest valid part, so a megabyte of letters around
  // an "@" costs no more than a short address.
  const localLimit = Math.max(state.floor, at - MAX_LOCAL - 1)
  let start = at
  while (start > localLimit && isLocalChar(text.charCodeAt(start - 1))) start--
  while (start < at && text.charCodeAt(start) === DOT) start++
  const domainLimit = Math.min(text.length, at + 1 + MAX_DOMAIN + 1)
  let end = at + 1
  while (end < domainLimit && isDomainChar(text.charCodeAt(end))) end++
  while (end > at + 1 && (text.charCodeAt(end - 1) === DOT || text.charCodeAt(end - 1) === DASH)) end--
  const next = text[end]
  if (next === '@' || next === '_') return at + 1
  const local = text.slice(start, at)
  const domain = text.slice(at + 1, end)
  return isAddress(local, domain) ? found(state, 'email', start, end) : at + 1
}

function isAddress(local: string, domain: string): boolean {
  if (local.length === 0 || local.length > MAX_LOCAL || !LOCAL.test(local)) return false
  if (domain.length > MAX_DOMAIN) return false
  const labels = domain.split('.')
  if (labels.length < 2 || !TLD.test(labels[labels.length - 1]!)) return false
  if (DENSITY_SUFFIX.test(domain.slice(0, domain.lastIndexOf('.')))) return false
  return labels.every((label) => LABEL.test(label))
}
