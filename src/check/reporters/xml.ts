/** Characters XML 1.0 does not allow at all, not even as character references; and lone surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Parsers turn raw tabs and line breaks in attributes into spaces, and CR in text into LF.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
}

const unicodeEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`

function replaceForbidden(text: string): string {
  return text.replace(FORBIDDEN, unicodeEscape)
}

/** Text for an attribute value (in double quotes); forbidden characters become `\uXXXX`. */
export function xmlAttr(text: string): string {
  return replaceForbidden(text).replace(/[&<>"'\t\n\r]/g, (char) => ENTITIES[char]!)
}

/** Text for element content; tabs and line feeds stay as they are. */
export function xmlText(text: string): string {
  return replaceForbidden(text).replace(/[&<>"'\r]/g, (char) => ENTITIES[char]!)
}
