/**
 * Text from a dataset (file names, labels) shown on a terminal or in a CI log: control characters
 * become visible escapes, so an ESC sequence cannot repaint the screen and a newline cannot forge
 * a line (or a CI workflow command).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
