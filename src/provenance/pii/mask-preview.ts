import { typedMasks } from './mask-text.js'

/**
 * What the conservative pass masks besides the validated detectors' values, left to right in one
 * pass: key-like tokens (`sk-…`, `AKIA…`, 32 or more hex or base64 characters with a digit and a
 * letter), e-mail-like tokens (anything@anything.anything) and any run of seven or more digits
 * (single spaces, dots or hyphens between them allowed: `138 1234 5678`, `010-12345678`), even
 * glued to letters or underscores (`ID:110101199003071233abc`, `tel18600001111ext`), where
 * the detectors rightly refuse to call the run a value of their type. A preview is read by
 * people: a date or an order number masked by mistake costs a reviewer little, an identity number
 * left in clear is a leak.
 */
const CONSERVATIVE =
  /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}|\b(?:AKIA|ASIA)[0-9A-Z]{12,}|[A-Za-z0-9+/_-]{32,}={0,2}|[^\s@<>()[\]{}"'`,;:]+@[^\s@<>()[\]{}"'`,;:]+\.[^\s@<>()[\]{}"'`,;:]+|\p{Nd}(?:[ .-]?\p{Nd}){6,}/gu

/** Full-width digits as ASCII (their NFKC form), so `１３８…` is seen as the number it is. */
export function normaliseDigits(text: string): string {
  return text.replace(/[\uff10-\uff19]/g, (digit) => digit.normalize('NFKC'))
}

/**
 * `text` as a preview may show it: digits normalised, the validated detectors' values replaced by
 * their typed masks (`138****5678`), and then whatever still looks personal or secret, outside
 * those masks, replaced by stars.
 */
export function maskPreview(text: string): string {
  const normalised = normaliseDigits(text)
  const typed = typedMasks(normalised)
  if (typed === null) return maskConservatively(normalised)
  // The typed masks stay as they are; only the text between them gets the conservative pass.
  let out = ''
  let last = 0
  for (const match of normalised.matchAll(typed.pattern)) {
    out += maskConservatively(normalised.slice(last, match.index)) + typed.masks.get(match[0])!
    last = match.index + match[0].length
  }
  return out + maskConservatively(normalised.slice(last))
}

/** Whether a name (a JSON key, a column header) is itself a personal value or a secret by the conservative test. */
export function looksPersonal(name: string): boolean {
  return maskPreview(name) !== name
}

function maskConservatively(text: string): string {
  return text.replace(CONSERVATIVE, (token) => {
    if (/^\p{Nd}[\p{Nd} .-]*$/u.test(token)) return starDigits(token)
    if (token.includes('@') && !/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) return '***@***'
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(token) && !(/\d/.test(token) && /[A-Za-z]/.test(token))) return maskDigitRuns(token)
    const prefix = /^(?:sk|pk|rk)-|^(?:AKIA|ASIA)/.exec(token)?.[0] ?? ''
    return `${prefix}${'*'.repeat(12)}`
  })
}

/** A long token without both digits and letters is not key-like, but may still hold a digit run. */
function maskDigitRuns(token: string): string {
  return token.replace(/\p{Nd}(?:[ .-]?\p{Nd}){6,}/gu, starDigits)
}

/** Each digit a star, separators kept: `138 **** ****` still reads as a number that was there. */
function starDigits(run: string): string {
  return run.replace(/\p{Nd}/gu, '*')
}
