/**
 * Spreadsheet formula-injection defence (OWASP "CSV Injection"): a cell whose text starts with
 * one of these characters may be run as a formula when a reviewer opens the sheet, so tdgov
 * writes it with a leading apostrophe, which spreadsheets treat as "this is text".
 */
const DANGEROUS_FIRST_CHARACTERS = new Set(['=', '+', '-', '@', '\t', '\r'])

/**
 * True when the text, after any run of leading apostrophes, starts with a dangerous character.
 * Counting the apostrophes keeps the transformation invertible: a value that already starts with
 * `'=` is written as `''=`, so restoreCell gives back `'=` rather than `=`.
 */
function needsApostrophe(value: string): boolean {
  let i = 0
  while (value[i] === "'") i++
  return i < value.length && DANGEROUS_FIRST_CHARACTERS.has(value[i]!)
}

/**
 * Makes a cell inert for spreadsheets: text that starts (after any apostrophes) with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets one leading apostrophe; any other text is unchanged.
 *
 * Other control characters are deliberately left alone: they are not executable, and cells such
 * as item_id must come back byte-for-byte so `audit score` can match them. CSV and JSONL carry
 * them as they are; the xlsx writer escapes the ones XML cannot hold (see xlsx-text.ts).
 */
export function neutraliseCell(value: string): string {
  return needsApostrophe(value) ? `'${value}` : value
}

/**
 * Undoes neutraliseCell exactly: removes one leading apostrophe when what follows it (after any
 * further apostrophes) starts with a dangerous character. `restoreCell(neutraliseCell(v)) === v`
 * for every string v.
 */
export function restoreCell(value: string): string {
  return value.startsWith("'") && needsApostrophe(value.slice(1)) ? value.slice(1) : value
}
