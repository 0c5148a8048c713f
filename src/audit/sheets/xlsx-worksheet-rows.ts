import { cellText, type CellContext, type XlsxCellValue } from './cell-text.js'
import { stringItemText } from './xlsx-workbook-parts.js'
import { readXmlPart } from './xlsx-xml-reader.js'

/** One worksheet row as text, by column (0 = A); cells the row leaves out, or that are empty, are holes. */
export interface WorksheetRow {
  /** the row number Excel shows */
  row: number
  cells: string[]
}

/**
 * Streams a worksheet's rows through `onRow` in the order the XML has them, each cell turned
 * into text with cellText. A cell's place comes from its reference (r="F12") or, where a writer
 * leaves it out, follows the cell before it; the same for row numbers.
 */
export function readWorksheetRows(part: string, bytes: Uint8Array, context: CellContext, onRow: (row: WorksheetRow) => void): void {
  let rowNumber = 0
  let cells: string[] = []
  let column = -1
  let cell: XlsxCellValue | null = null
  let inValue = false
  let inInline = false
  const inline = stringItemText()
  readXmlPart(part, bytes, {
    open(name, attributes) {
      if (name === 'row') {
        rowNumber = attributes.r === undefined ? rowNumber + 1 : Number(attributes.r)
        cells = []
        column = -1
      } else if (name === 'c') {
        column = attributes.r === undefined ? column + 1 : columnOf(attributes.r, column + 1)
        cell = { type: attributes.t ?? null, value: '', inline: '', style: Number(attributes.s ?? 0) }
      } else if (cell !== null) {
        if (name === 'v') inValue = true
        else if (name === 'is') {
          inInline = true
          inline.start()
        } else if (inInline) inline.open(name)
      }
    },
    text(text) {
      if (inValue && cell !== null) cell.value += text
      else if (inInline) inline.add(text)
    },
    close(name) {
      if (name === 'v') inValue = false
      else if (name === 'is' && cell !== null) {
        cell.inline = inline.end()
        inInline = false
      } else if (inInline) inline.close(name)
      else if (name === 'c' && cell !== null) {
        const text = cellText(cell, context)
        // A sparse array: a stray cell in column XFD costs nothing for the columns before it.
        if (text !== '') cells[column] = text
        cell = null
      } else if (name === 'row') onRow({ row: rowNumber, cells })
    },
  })
}

/** The 0-based column of a cell reference (F12 → 5); `fallback` when it has no letters. */
function columnOf(reference: string, fallback: number): number {
  let column = 0
  let i = 0
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) & ~0x20
    if (code < 65 || code > 90) break
    column = column * 26 + (code - 64)
  }
  return i === 0 ? fallback : column - 1
}
