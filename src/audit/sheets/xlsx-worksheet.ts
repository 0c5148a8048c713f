import type { SharedStrings } from './xlsx-shared-strings.js'
import { columnLetters, xmlAttribute, XML_DECLARATION } from './xlsx-xml.js'

/** One cell: its text (written as a shared string, never a formula; '' is a blank, styled cell) and its format (STYLE). */
export interface XlsxCell {
  text: string
  style: number
}

/**
 * A list drop-down over one column range. `formula` is a quoted literal ("a,b") or a range
 * (lists!$A$2:$A$9). `stop` refuses other values; `information` warns and lets them in.
 */
export interface ListValidation {
  sqref: string
  formula: string
  errorStyle: 'stop' | 'information'
  errorTitle: string
  error: string
  promptTitle: string
  prompt: string
}

export interface WorksheetSpec {
  /** widths in characters, one per column */
  widths: readonly number[]
  /** row 1 first */
  rows: readonly (readonly XlsxCell[])[]
  /** the sheet shown when the workbook opens */
  selected: boolean
  /** freeze row 1 and put an autofilter on the table */
  header: boolean
  validations: readonly ListValidation[]
}

const NAMESPACES = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

/** The range a table of `rows` rows and `columns` columns covers from A1 ("A1:J4001"). */
export function tableRange(rows: number, columns: number): string {
  return `A1:${columnLetters(Math.max(columns, 1) - 1)}${Math.max(rows, 1)}`
}

/**
 * A worksheet part (xl/worksheets/sheetN.xml), its elements in the order the schema (ECMA-376
 * CT_Worksheet) requires: Excel reports a workbook as damaged when they are not.
 */
export function worksheetXml(spec: WorksheetSpec, strings: SharedStrings): string {
  const range = tableRange(spec.rows.length, spec.widths.length)
  const pane = spec.header ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' : ''
  const parts = [
    XML_DECLARATION,
    `<worksheet ${NAMESPACES}>`,
    `<dimension ref="${range}"/>`,
    `<sheetViews><sheetView${spec.selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    `<cols>${spec.widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>`,
    '<sheetData>',
  ]
  spec.rows.forEach((cells, r) => {
    const row = r + 1
    const xml = cells.map((cell, c) => {
      const ref = `${columnLetters(c)}${row}`
      return cell.text === '' ? `<c r="${ref}" s="${cell.style}"/>` : `<c r="${ref}" s="${cell.style}" t="s"><v>${strings.indexOf(cell.text)}</v></c>`
    })
    parts.push(`<row r="${row}">${xml.join('')}</row>`)
  })
  parts.push('</sheetData>')
  if (spec.header) parts.push(`<autoFilter ref="${range}"/>`)
  if (spec.validations.length > 0) {
    parts.push(`<dataValidations count="${spec.validations.length}">${spec.validations.map(validationXml).join('')}</dataValidations>`)
  }
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>', '</worksheet>')
  return parts.join('')
}

function validationXml(v: ListValidation): string {
  const attributes = [
    'type="list"',
    `errorStyle="${v.errorStyle}"`,
    'allowBlank="1"',
    'showInputMessage="1"',
    'showErrorMessage="1"',
    `errorTitle="${xmlAttribute(v.errorTitle)}"`,
    `error="${xmlAttribute(v.error)}"`,
    `promptTitle="${xmlAttribute(v.promptTitle)}"`,
    `prompt="${xmlAttribute(v.prompt)}"`,
    `sqref="${v.sqref}"`,
  ]
  return `<dataValidation ${attributes.join(' ')}><formula1>${xmlAttribute(v.formula)}</formula1></dataValidation>`
}
