/**
 * C0, DEL and C1 controls, the Unicode line and paragraph separators, and the bidirectional
 * controls: a file name or label holding them could move the cursor, recolour, start a fake line, or reorder
 * what the reader sees.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** `\x1b`, `\u2028`: a visible escape for one character. */
export function visibleEscape(char: string): string {
  const code = char.charCodeAt(0)
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** The same, leaving CR and LF for a format that escapes them its own way (GitHub's %0D, %0A). */
export function terminalSafeExceptLineBreaks(text: string): string {
  return text.replace(UNSAFE, (char) => (char === '\n' || char === '\r' ? char : visibleEscape(char)))
}

/** Text that prints as itself on a terminal: every control character shown as an escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visibleEscape)
}
