/**
 * Characters XML 1.0 cannot hold (most C0 controls), plus CR, which XML parsers turn into LF,
 * and DEL, which exceljs silently drops. An xlsx writes them as the OOXML escape `_xHHHH_`.
 */
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F]/g

/** Text that already looks like an escape; OOXML protects it by escaping its underscore. */
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g

/**
 * Encodes a cell's text for an xlsx shared string so that it comes back unchanged: control
 * characters become `_xHHHH_` (as Excel itself writes them) and a literal `_x0041_` becomes
 * `_x005F_x0041_`. exceljs and Excel decode both when reading, so this is invisible to them.
 */
export function encodeXlsxText(value: string): string {
  return value
    .replace(LOOKS_ESCAPED, '_x005F_')
    .replace(UNWRITABLE, (character) => `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
}
