import { isAsciiAlnum, scanWhile } from './chars.js'
import { found, matchAt, type ScanState } from './scan-state.js'

const PEM_HEADER = /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/y
const PEM_END = '-----END '
/** Key material: a header alone is documentation or code that parses keys, not a leaked key. */
const KEY_MATERIAL = /[A-Za-z0-9+/]{16}/
/**
 * How far the END line is looked for: an 8192-bit RSA key is about 6.5 KB. Bounding the search
 * keeps text full of headers without END lines linear; a longer block still counts, through the
 * base64 that follows its header.
 */
const MAX_PEM_LENGTH = 16 * 1024

/**
 * A PEM private key at "-----BEGIN": the header, then key material before the matching END line.
 * The whole block is consumed (up to the END line, or to the end of the base64 if the text
 * breaks off), so the base64 inside is never scanned for phone numbers or access keys.
 */
export function detectPrivateKey(state: ScanState, at: number): number {
  const { text } = state
  const headerEnd = matchAt(PEM_HEADER, text, at)
  if (headerEnd < 0) return at + 1
  const endLine = text.slice(headerEnd, headerEnd + MAX_PEM_LENGTH).indexOf(PEM_END)
  let end: number
  if (endLine >= 0) {
    const endLineAt = headerEnd + endLine
    const close = text.indexOf('-----', endLineAt + PEM_END.length)
    end = close >= 0 && close - endLineAt < 80 ? close + 5 : endLineAt + PEM_END.length
  } else {
    end = scanWhile(text, headerEnd, isBase64LineChar)
  }
  if (!KEY_MATERIAL.test(text.slice(headerEnd, end))) return headerEnd
  return found(state, 'private-key', at, end)
}

/** base64, line breaks, and the backslash of JSON-escaped line breaks ("\n") */
function isBase64LineChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 43 || c === 47 || c === 61 || c === 10 || c === 13 || c === 92
}

interface AccessKeyShape {
  pattern: RegExp
  /** characters that would make the match part of a longer token */
  isTokenChar: (c: number) => boolean
}

const isKeyChar = (c: number): boolean => isAsciiAlnum(c) || c === 95 || c === 45

/** Access key ids whose prefixes the providers document; keyed by the prefix that triggers them. */
const ACCESS_KEYS: Readonly<Record<string, AccessKeyShape>> = {
  AKIA: { pattern: /AKIA[A-Z0-9]{16}/y, isTokenChar: isAsciiAlnum }, // AWS long-term
  ASIA: { pattern: /ASIA[A-Z0-9]{16}/y, isTokenChar: isAsciiAlnum }, // AWS temporary (STS)
  LTAI: { pattern: /LTAI[A-Za-z0-9]{12,20}/y, isTokenChar: isAsciiAlnum }, // Alibaba Cloud
  AKID: { pattern: /AKID[A-Za-z0-9]{32}/y, isTokenChar: isAsciiAlnum }, // Tencent Cloud
  AIza: { pattern: /AIza[0-9A-Za-z_-]{35}/y, isTokenChar: isKeyChar }, // Google API key
}
/** GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens. */
const GITHUB_TOKEN: AccessKeyShape = { pattern: /gh[pousr]_[A-Za-z0-9]{36}/y, isTokenChar: isKeyChar }

/**
 * A cloud access key at a known prefix, as a whole token: with the greedy patterns above, a
 * following token character means the token is longer than any key of that provider.
 */
export function detectAccessKey(state: ScanState, at: number): number {
  const shape = ACCESS_KEYS[state.text.slice(at, at + 4)]
  return shape === undefined ? at + 1 : detectKeyShape(state, at, shape)
}

/** A GitHub token around the "_" at `at` (the scan reaches "ghp_" at its underscore). */
export function detectGithubToken(state: ScanState, at: number): number {
  const start = at - 3
  if (start < state.floor || !state.text.startsWith('gh', start)) return at + 1
  return detectKeyShape(state, start, GITHUB_TOKEN)
}

function detectKeyShape(state: ScanState, at: number, shape: AccessKeyShape): number {
  const { text } = state
  if (at > 0 && shape.isTokenChar(text.charCodeAt(at - 1))) return at + 1
  const end = matchAt(shape.pattern, text, at)
  if (end < 0 || (end < text.length && shape.isTokenChar(text.charCodeAt(end)))) return at + 1
  return found(state, 'cloud-access-key', at, end)
}
