import { findPii } from './detect.js'
import { maskPii } from './mask.js'

/**
 * `text` with every validated personal value replaced by its mask, for previews shown to people
 * (review sheets): a reviewer can judge a label without seeing the identity number.
 */
export function maskPersonalValues(text: string): string {
  let out = ''
  let at = 0
  // Detectors report values in text order, each after the previous one ends.
  findPii(text, {
    add: (type, raw) => {
      const start = text.indexOf(raw, at)
      if (start === -1) return
      out += text.slice(at, start) + maskPii(type, raw)
      at = start + raw.length
    },
  })
  return at === 0 ? text : out + text.slice(at)
}
