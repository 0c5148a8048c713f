import { decodeXlsxText } from './xlsx-text.js'

/** One worksheet cell as the XML holds it. */
export interface XlsxCellValue {
  /** the t attribute: s (shared string), str (a formula's text), inlineStr, b, e, d, n; null when absent (a number) */
  type: string | null
  /** the <v> element's text ('' when there is none) */
  value: string
  /** the text of an inline string (<is>) */
  inline: string
  /** the s attribute: an index into the styles' cellXfs */
  style: number
}

export interface CellContext {
  sharedStrings: readonly string[]
  /** the cellXfs whose number format shows a date */
  dateStyles: ReadonlySet<number>
  date1904: boolean
}

/**
 * The text of an xlsx cell, which is what a reviewer sees in it: a shared or inline string
 * (rich text joined), a formula's cached result, an error code (`#N/A`), TRUE/FALSE, a number to
 * the 15 significant digits Excel shows (so 0.1+0.2 reads 0.3), a date (a number whose format is
 * a date format) as an ISO date, with the time when it has one. Empty cells are ''.
 */
export function cellText(cell: XlsxCellValue, context: CellContext): string {
  switch (cell.type) {
    case 's':
      return context.sharedStrings[Number(cell.value)] ?? ''
    case 'inlineStr':
      return cell.inline
    case 'str':
      return decodeXlsxText(cell.value)
    case 'b':
      return cell.value === '1' || cell.value === 'true' ? 'TRUE' : 'FALSE'
    case 'e':
      return cell.value
    case 'd':
      return cell.value === '' ? '' : isoDate(new Date(cell.value.endsWith('Z') || /[+-]\d\d:\d\d$/.test(cell.value) ? cell.value : `${cell.value}Z`))
    default: {
      if (cell.value.trim() === '') return ''
      const number = Number(cell.value)
      if (Number.isNaN(number)) return cell.value
      if (context.dateStyles.has(cell.style)) return isoDate(serialDate(number, context.date1904))
      return String(Number(number.toPrecision(15)))
    }
  }
}

/**
 * An Excel date serial as a UTC moment, to the second. The 1900 system counts 1900-01-01 as 1 and
 * keeps Lotus's 1900-02-29 (serial 60), so from serial 61 on the days count from 1899-12-30.
 */
function serialDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  return new Date(epoch + Math.round(serial * 86_400) * 1000)
}

/** Excel dates have no time zone; they are read as UTC. */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19)
}
