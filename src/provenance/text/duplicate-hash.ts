import { hash } from 'node:crypto'

/** Anything outside ASCII: only such text can change under NFKC. */
const NON_ASCII = /[\u0080-\uffff]/
/**
 * Whitespace that differs from a single space: runs, and single tabs, newlines, NBSPs, … Replacing
 * only these gives the same result as /\s+/g → ' ' at an eighth of the cost, because ordinary
 * single spaces (most of them) are not matched and rewritten.
 */
const IRREGULAR_SPACE = /\s{2,}|[^\S ]/g

/**
 * The form two texts must share to count as duplicates: NFKC (full-width 'Ａ' and ligature 'ﬁ'
 * become 'A' and 'fi'), lower-case, whitespace runs (including U+3000 and NBSP) as one space,
 * trimmed.
 */
export function normaliseForDuplicates(text: string): string {
  // NFKC is the expensive step; ASCII is already in NFKC, and most records are ASCII.
  const nfkc = NON_ASCII.test(text) ? text.normalize('NFKC') : text
  return nfkc.toLowerCase().replace(IRREGULAR_SPACE, ' ').trim()
}

/**
 * 16 hex characters (64 bits) of SHA-256 over the normalised text's UTF-8 bytes. 64 bits keep
 * accidental collisions negligible below about 10^8 distinct records (birthday bound ≈ n²/2^65),
 * and make keys cheap to hold in a set on the main thread.
 */
export function duplicateKey(text: string): string {
  return hash('sha256', normaliseForDuplicates(text), 'hex').slice(0, 16)
}

/**
 * The duplicate key as a number: 53 bits of a two-lane multiplicative hash over the normalised
 * text's UTF-16 code units (the mixing constants are the usual 32-bit murmur/xxhash primes). The
 * whitespace folding and trimming of normaliseForDuplicates happen inside the hashing loop, so no
 * normalised copy of the record is built: about ten times cheaper than SHA-256 of that copy, which
 * matters under --deep and for many small files. 53 bits keep accidental collisions below one in
 * 10^5 up to about 10^6 distinct records (birthday bound n²/2^54). Not for anything adversarial.
 */
export function duplicateHash(text: string): number {
  const s = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase()
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  let started = false
  let pendingSpace = false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (isJsWhitespace(c)) {
      pendingSpace = started
      continue
    }
    if (pendingSpace) {
      // one space for the whole run, as normaliseForDuplicates writes it
      h1 = Math.imul(h1 ^ SPACE, 0x9e3779b1)
      h2 = Math.imul(h2 ^ SPACE, 0x5f356495)
      pendingSpace = false
    }
    started = true
    h1 = Math.imul(h1 ^ c, 0x9e3779b1)
    h2 = Math.imul(h2 ^ c, 0x5f356495)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35)
  return 0x200000 * (h2 >>> 11) + (h1 >>> 0)
}

const SPACE = 0x20

/** The code units JavaScript's `\s` matches (WhiteSpace and LineTerminator in ECMA-262). */
function isJsWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  if (c < 0xa0) return false
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  )
}
