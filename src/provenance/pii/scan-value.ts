import { CARD_CONTEXT, contextOfName, CREDIT_CODE_CONTEXT, PHONE_CONTEXT } from './context-words.js'
import { findPii } from './detect.js'
import type { PiiSink } from './scan-state.js'

/** The context bits under which a numeric value can be more than a resident id. */
const WEAK_TYPES = PHONE_CONTEXT | CARD_CONTEXT | CREDIT_CODE_CONTEXT
/** A resident id has 18 characters: a shorter numeric value without context holds nothing. */
const ID_LENGTH = 18
/**
 * A string that is only a number: digits, perhaps grouped by single spaces or dashes, perhaps
 * after "+" ("13812345678", "138 1234 5678", "+86-138-1234-5678", "2024-01-15"), with blanks
 * around it (a padded table cell).
 */
const NUMERIC = /^\s*\+?\d+(?:[ -]\d+)*\s*$/
/**
 * Keys shorter than this with no digit, "@" or ":" can hold nothing: every other value has 16
 * characters at least (an Alibaba Cloud access key).
 */
const SHORTEST_LETTERS_ONLY_VALUE = 16
const DIGIT_AT_OR_COLON = /[0-9@:]/

/**
 * Finds the personal values in a parsed record and adds them to `sink`: objects, arrays, Maps
 * and Sets are walked with an explicit stack (a hostile file may nest a million levels deep),
 * typed arrays, Buffers, ArrayBuffers, Dates and RegExps are skipped, and every leaf is scanned
 * with its key as context: the nearest key name (array items take their array's) and its parent
 * key. `fieldName` is the key of `value` itself, if it has one (a column).
 *
 * - A number (an integer; bigints too) or a string that is only a number is a numeric value: it is
 *   a phone number, card or credit code only when the key supports that type ("phone", "手机号",
 *   "card_no", "uscc", …; context-words.ts), while a resident id with a valid birth date and check
 *   character counts under any key. Integers beyond 2^53 have lost digits in parsing and are skipped.
 * - Any other string is text: scanned as scanForPii scans it, with the key as extra context for
 *   digit runs inside longer tokens ("tel18600001111ext" under "note" needs its "tel"; under
 *   "phone" it counts anyway).
 * - Object keys and string or number Map keys are scanned too (a map keyed by e-mail address holds
 *   personal information), as values of the object they belong to.
 */
export function scanValueForPii(value: unknown, sink: PiiSink, fieldName?: string): void {
  const rootBits = fieldName === undefined ? 0 : contextOfName(fieldName)
  // parallel stacks: the value, the context of leaves there, the bits of its own key
  const values: unknown[] = [value]
  const contexts: number[] = [rootBits]
  const keyBits: number[] = [rootBits]
  let seen: Set<object> | undefined
  while (values.length > 0) {
    const current = values.pop()
    const context = contexts.pop()!
    const ownBits = keyBits.pop()!
    if (typeof current === 'string') {
      scanString(current, sink, context)
      continue
    }
    if (typeof current === 'number') {
      scanNumber(current, sink, context)
      continue
    }
    if (typeof current === 'bigint') {
      if (current >= 0n) scanNumeric(current.toString(), sink, context)
      continue
    }
    if (current === null || typeof current !== 'object' || isOpaque(current)) continue
    seen ??= new Set()
    if (seen.has(current)) continue
    seen.add(current)
    if (Array.isArray(current) || current instanceof Set) {
      // items inherit the container's key and parent; pushed last first, so they are read in order
      const items = Array.isArray(current) ? (current as unknown[]) : [...(current as Set<unknown>)]
      for (let i = items.length - 1; i >= 0; i--) {
        values.push(items[i])
        contexts.push(context)
        keyBits.push(ownBits)
      }
    } else if (current instanceof Map) {
      const entries = [...(current as Map<unknown, unknown>)]
      const names = entries.map(([key]) => (typeof key === 'string' ? key : typeof key === 'number' || typeof key === 'bigint' ? String(key) : undefined))
      for (const name of names) if (name !== undefined) scanKey(name, sink, context)
      for (let i = entries.length - 1; i >= 0; i--) {
        const name = names[i]
        const bits = name === undefined ? 0 : contextOfName(name)
        values.push(entries[i]![1])
        contexts.push(bits | ownBits)
        keyBits.push(bits)
      }
    } else {
      const record = current as Record<string, unknown>
      const keys = Object.keys(record)
      // keys first, in order (they are values of this object), then the values, read in order
      for (const key of keys) scanKey(key, sink, context)
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!
        const bits = contextOfName(key)
        values.push(record[key])
        contexts.push(bits | ownBits)
        keyBits.push(bits)
      }
    }
  }
}

/** Objects that hold no record structure: binary buffers and their views, dates, patterns. */
function isOpaque(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
}

function scanString(text: string, sink: PiiSink, context: number): void {
  if (text.length === 0) return
  if (NUMERIC.test(text)) scanNumeric(text, sink, context)
  else findPii(text, sink, { keyContext: context })
}

function scanNumber(n: number, sink: PiiSink, context: number): void {
  // a safe integer has at most 16 digits: without phone or card context it can hold nothing
  if ((context & WEAK_TYPES) === 0 || !Number.isSafeInteger(n) || n < 0) return
  findPii(String(n), sink, { keyContext: context, numeric: true })
}

function scanNumeric(digits: string, sink: PiiSink, context: number): void {
  if ((context & WEAK_TYPES) === 0 && digits.length < ID_LENGTH) return
  findPii(digits, sink, { keyContext: context, numeric: true })
}

function scanKey(key: string, sink: PiiSink, context: number): void {
  if (key.length < SHORTEST_LETTERS_ONLY_VALUE && !DIGIT_AT_OR_COLON.test(key)) return
  scanString(key, sink, context)
}
