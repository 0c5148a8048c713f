import { findPii } from './detect.js'
import { maskPii } from './mask.js'

/**
 * `text` with every validated personal value replaced by its mask, for previews shown to people
 * (review sheets): a reviewer can judge a label without seeing the identity number.
 *
 * Every occurrence of a detected value is masked. The detectors report values, not positions, and
 * searching forward for the reported value can land on an earlier copy they rightly skipped (the
 * same digits glued to a word, "13812345678x") and leave the detected one in clear.
 */
export function maskPersonalValues(text: string): string {
  const typed = typedMasks(text)
  return typed === null ? text : text.replace(typed.pattern, (raw) => typed.masks.get(raw)!)
}

/** The detected values of `text` with their masks, and a pattern matching every occurrence; null when there are none. */
export function typedMasks(text: string): { masks: Map<string, string>; pattern: RegExp } | null {
  const masks = new Map<string, string>()
  findPii(text, {
    add: (type, raw) => {
      if (raw !== '' && !masks.has(raw)) masks.set(raw, maskPii(type, raw))
    },
  })
  if (masks.size === 0) return null
  // Longest first, so a value that contains another is masked as a whole.
  const values = [...masks.keys()].sort((a, b) => b.length - a.length)
  return { masks, pattern: new RegExp(values.map(escapeRegExp).join('|'), 'g') }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
