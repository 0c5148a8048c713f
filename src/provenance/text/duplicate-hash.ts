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
