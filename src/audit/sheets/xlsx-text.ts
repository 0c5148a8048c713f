/**
 * Characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF and unpaired surrogates, which
 * UTF-8 cannot even encode), plus CR, which XML parsers turn into LF, and DEL, which some readers
 * drop. An xlsx writes them as the OOXML escape `_xHHHH_`.
 */
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text that already looks like an escape; OOXML protects it by escaping its underscore. */
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g

/**
 * Encodes a cell's text for an xlsx shared string so that it comes back unchanged: control
 * characters become `_xHHHH_` (as Excel itself writes them) and a literal `_x0041_` becomes
 * `_x005F_x0041_`. Excel, LibreOffice and decodeXlsxText decode both when reading.
 */
export function encodeXlsxText(value: string): string {
  return value
    .replace(LOOKS_ESCAPED, '_x005F_')
    .replace(UNWRITABLE, (character) => `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
}

/** Undoes the `_xHHHH_` escapes of a string as read from an xlsx (ECMA-376 ST_Xstring), left to right. */
export function decodeXlsxText(value: string): string {
  return value.includes('_x') ? value.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : value
}
