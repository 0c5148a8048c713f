import { isAsciiAlnum, isAsciiLetter, isDigit, isWordChar } from './chars.js'
import { contextNeeded } from './context-words.js'
import type { PiiType } from './types.js'

/** Where detectors report: a PiiTally, or a recorder in tests. */
export interface PiiSink {
  add(type: PiiType, raw: string): void
}

export interface ScanState {
  readonly text: string
  readonly sink: PiiSink
  /** End of the last value found: detectors never look back past it, so nothing is counted twice. */
  floor: number
  /** Context bits (context-words.ts) the text's key or column name, and its parent's, give. */
  readonly keyContext: number
  /**
   * The whole text is a numeric value: a table cell or a JSON string of digits, a JSON number.
   * A numeric value is a phone number, card or credit code only when `keyContext` says so.
   */
  readonly numeric: boolean
}

/** Whether a `type` value may be reported here: always in text, in a numeric value only with its key's support. */
export function allows(state: ScanState, type: PiiType): boolean {
  if (!state.numeric) return true
  const needed = contextNeeded(type)
  return needed === 0 || (state.keyContext & needed) !== 0
}

/**
 * Reports text[start, end) as a `type` value; returns `end`, where scanning resumes. A value of a
 * type the numeric value's key does not support is not reported (and scanning still resumes after
 * it: its digits are not retried as another number).
 */
export function found(state: ScanState, type: PiiType, start: number, end: number): number {
  if (!allows(state, type)) return end
  state.sink.add(type, state.text.slice(start, end))
  state.floor = end
  return end
}

/** Runs a sticky regex at `at`; the end of the match, or -1. */
export function matchAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at
  return re.test(text) ? re.lastIndex : -1
}

const DOT = 46
const AT_SIGN = 64

/**
 * Whether a value starting at `start` is not the tail of a longer token: no letter, digit or `_`
 * right before it, and no `digit.` (a decimal or a dotted number). A `.` after letters is
 * allowed because abbreviations such as "No." and "Tel." precede numbers.
 */
export function startsAlone(text: string, start: number): boolean {
  if (start === 0) return true
  const prev = text.charCodeAt(start - 1)
  if (isWordChar(prev)) return false
  return !(prev === DOT && start >= 2 && isDigit(text.charCodeAt(start - 2)))
}

/**
 * Whether a value ending at `end` is not the head of a longer token: no letter, digit, `_` or
 * `@` (an e-mail's local part) right after it, and no `.` followed by a letter or digit (a file
 * name, a domain, a decimal). A sentence's full stop is fine.
 */
export function endsAlone(text: string, end: number): boolean {
  if (end >= text.length) return true
  const next = text.charCodeAt(end)
  if (isWordChar(next) || next === AT_SIGN) return false
  return !(next === DOT && end + 1 < text.length && isAsciiAlnum(text.charCodeAt(end + 1)))
}

const DASH = 45

/**
 * startsAlone for a number, which a hyphen after a letter also joins into a longer token:
 * "order-13812345678", "SKU-4111111111111111" (a digit before the hyphen is digit grouping,
 * which the number shapes handle themselves).
 */
export function numberStartsAlone(text: string, start: number): boolean {
  if (!startsAlone(text, start)) return false
  return !(start >= 2 && text.charCodeAt(start - 1) === DASH && isLetterOrUnderscore(text.charCodeAt(start - 2)))
}

/** endsAlone for a number: a hyphen before a letter also joins it into a longer token ("13812345678-a"). */
export function numberEndsAlone(text: string, end: number): boolean {
  if (!endsAlone(text, end)) return false
  return !(text.charCodeAt(end) === DASH && isLetterOrUnderscore(text.charCodeAt(end + 1)))
}

function isLetterOrUnderscore(c: number): boolean {
  return isAsciiLetter(c) || c === 95
}
