/**
 * XML text for the xlsx writer. Cell text reaches here already through encodeXlsxText, so it
 * holds no character XML 1.0 forbids; these only escape markup.
 */
export function xmlText(value: string): string {
  return value.replace(/[&<>]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'))
}

/** An attribute value: markup and quotes escaped, and white space as references, which parsers would otherwise turn into spaces. */
export function xmlAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (character) => ATTRIBUTE_ESCAPES[character]!)
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}
