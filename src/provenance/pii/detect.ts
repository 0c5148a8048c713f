import { isDigit } from './chars.js'
import { detectAccessKey, detectGithubToken, detectPrivateKey } from './detect-credentials.js'
import { detectE164 } from './detect-e164.js'
import { detectEmail } from './detect-email.js'
import { detectIpv6 } from './detect-ip.js'
import { detectAtDigit } from './detect-tokens.js'
import type { PiiSink, ScanState } from './scan-state.js'

/**
 * Every value the detectors look for contains one of these: a digit (numbers, ids, codes,
 * passports, IPv4), "@", "+", ":" (IPv6), "_" (GitHub tokens), a PEM header or a cloud key
 * prefix. One regex finds them, so text without any costs a single native scan; a match hands
 * over to the detector for that character, which reports what it finds and says where scanning
 * resumes. GitHub's "gh?_" is found through its "_": as an alternative of its own, "gh" (common
 * in English: "high", "through") made the scan 2.5 times slower.
 */
const TRIGGER = /[0-9@+:_]|-----BEGIN |AKIA|ASIA|LTAI|AKID|AIza/g

/**
 * Finds every validated personal value in the plain text `text` (a line of a text file, a
 * document) and adds it to `tally`. Parsed records go through scanValueForPii, which knows the
 * key of each value.
 */
export function scanForPii(text: string, tally: PiiSink): void {
  findPii(text, tally)
}

/** Where the text comes from: see ScanState. */
export interface TextContext {
  /** Context bits of the key or column the text is the value of (context-words.ts). */
  keyContext?: number
  /** The text is a numeric value: phone numbers, cards and credit codes need `keyContext`. */
  numeric?: boolean
}

/** scanForPii for any sink; tests use it to see exactly which spans were reported. */
export function findPii(text: string, sink: PiiSink, context: TextContext = {}): void {
  const state: ScanState = { text, sink, floor: 0, keyContext: context.keyContext ?? 0, numeric: context.numeric ?? false }
  // Reset before and after: the detectors never re-enter this function, but an exception in
  // one must not leave the shared regex midway through a previous text.
  TRIGGER.lastIndex = 0
  try {
    let match: RegExpExecArray | null
    while ((match = TRIGGER.exec(text)) !== null) {
      const at = match.index
      TRIGGER.lastIndex = Math.max(at + 1, detectAt(state, at))
    }
  } finally {
    TRIGGER.lastIndex = 0
  }
}

function detectAt(state: ScanState, at: number): number {
  const c = state.text.charCodeAt(at)
  if (isDigit(c)) return detectAtDigit(state, at)
  switch (state.text[at]) {
    case '@':
      return detectEmail(state, at)
    case '+':
      return detectE164(state, at)
    case ':':
      return detectIpv6(state, at)
    case '-':
      return detectPrivateKey(state, at)
    case '_':
      return detectGithubToken(state, at)
    default:
      return detectAccessKey(state, at)
  }
}
