import { isAsciiAlnum, isDigit, isWordChar } from './chars.js'
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
}

/** Reports text[start, end) as a `type` value; returns `end`, where scanning resumes. */
export function found(state: ScanState, type: PiiType, start: number, end: number): number {
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
