import { zipSync, strToU8, type Zippable } from 'fflate'
import { neutraliseCell } from './neutralise.js'
import { pinZipTimes } from './pin-zip-times.js'
import { guideRows, guideSheetName, type SheetGuide } from './sheet-guide.js'
import { SHEET_COLUMNS, type SheetColumn, type SheetKind, type SheetRow } from './sheet-row.js'
import { errorTypeSuggestions, headerOf, verdictWords, type SheetLanguage } from './sheet-words.js'
import { LISTS_SHEET, placeDropDowns, type DropDown } from './xlsx-drop-downs.js'
import { appPropertiesXml, contentTypesXml, corePropertiesXml, packageRelsXml, workbookRelsXml, workbookXml, type PackageSheet } from './xlsx-package.js'
import { SharedStrings } from './xlsx-shared-strings.js'
import { STYLE, stylesXml } from './xlsx-styles.js'
import { tableRange, worksheetXml, type WorksheetSpec, type XlsxCell } from './xlsx-worksheet.js'

/** The worksheet tdgov writes and, when present, reads back; named so in both languages. */
export const REVIEW_WORKSHEET = 'review'

/** Column widths in characters: the preview is what the reviewer reads, so it gets the room. */
const WIDTHS: Readonly<Record<SheetColumn, number>> = {
  audit_id: 14,
  item_id: 18,
  annotator: 14,
  label: 18,
  preview: 60,
  verdict: 12,
  corrected_label: 18,
  error_type: 24,
  reviewer: 14,
  note: 40,
}

/** Columns tdgov fills in; shaded so the reviewer sees which ones are theirs to edit. */
const TDGOV_COLUMNS: ReadonlySet<SheetColumn> = new Set(['audit_id', 'item_id', 'annotator', 'label', 'preview'])
const WRAPPED_COLUMNS: ReadonlySet<SheetColumn> = new Set(['preview', 'note'])

/**
 * The zip's entry time as fflate is given it. fflate writes it in the machine's local time zone,
 * so the bytes would differ between machines; pinZipTimes then overwrites every entry's time
 * with createdAt in UTC, which is what the workbook records.
 */
const ZIP_PLACEHOLDER_TIME = new Date(2000, 0, 1)

export interface RenderXlsxOptions {
  kind: SheetKind
  language: SheetLanguage
  /** stamped as the workbook's created/modified date and on every zip entry */
  createdAt: Date
  /** the rules' label set, offered for corrected_label; none: no drop-down */
  labels: readonly string[]
  /** the roster's reviewers, offered for reviewer; none: no drop-down */
  reviewers: readonly string[]
  /** the instructions sheet's content; null: no instructions sheet */
  guide: SheetGuide | null
}

/**
 * The review sheet as an xlsx workbook: the worksheet "review" first and active (bold frozen
 * header, autofilter, tdgov's columns shaded, drop-downs for the verdict, corrected label, error
 * type and reviewer), then the instructions, then a hidden "lists" sheet when a drop-down's list
 * cannot be inline. Every cell is a shared string, never a formula, and is neutralised as in CSV
 * as a second line of defence (the apostrophe shows, but readSheet removes it again). Written by
 * hand as SpreadsheetML and zipped with fflate: with the same rows and options the bytes are the same.
 */
export function renderXlsx(rows: readonly SheetRow[], options: RenderXlsxOptions): Uint8Array {
  const strings = new SharedStrings()
  const columnIndex = (column: SheetColumn): number => SHEET_COLUMNS.indexOf(column)
  const dropDowns: DropDown[] = [
    { column: 'verdict', values: verdictWords(options.kind, options.language), strict: true },
    // A content audit's corrected_label is not read; offering labels there would mislead.
    { column: 'corrected_label', values: options.kind === 'content' ? [] : options.labels, strict: true },
    { column: 'error_type', values: errorTypeSuggestions(options.kind, options.language), strict: false },
    { column: 'reviewer', values: options.reviewers, strict: true },
  ]
  const placed = placeDropDowns(dropDowns, columnIndex, rows.length, options.language)
  const review: WorksheetSpec = {
    widths: SHEET_COLUMNS.map((column) => WIDTHS[column]),
    rows: [SHEET_COLUMNS.map((column) => headerCell(column, options.language)), ...rows.map(reviewCells)],
    selected: true,
    header: true,
    validations: placed.validations,
  }
  const sheets: { name: string; hidden: boolean; spec: WorksheetSpec }[] = [{ name: REVIEW_WORKSHEET, hidden: false, spec: review }]
  if (options.guide !== null) sheets.push({ name: guideSheetName(options.language), hidden: false, spec: guideSheet(options.guide, options.language) })
  if (placed.listColumns.length > 0) sheets.push({ name: LISTS_SHEET, hidden: true, spec: listsSheet(placed.listColumns) })

  // Worksheets first: they fill the shared string table the other parts then write out.
  const files: Zippable = {}
  const worksheets = sheets.map((sheet) => strToU8(worksheetXml(sheet.spec, strings)))
  const packageSheets: PackageSheet[] = sheets.map(({ name, hidden }) => ({ name, hidden }))
  files['[Content_Types].xml'] = strToU8(contentTypesXml(sheets.length))
  files['_rels/.rels'] = strToU8(packageRelsXml())
  files['docProps/app.xml'] = strToU8(appPropertiesXml())
  files['docProps/core.xml'] = strToU8(corePropertiesXml(options.createdAt))
  files['xl/workbook.xml'] = strToU8(workbookXml(packageSheets, absolute(tableRange(review.rows.length, review.widths.length))))
  files['xl/_rels/workbook.xml.rels'] = strToU8(workbookRelsXml(sheets.length))
  files['xl/styles.xml'] = strToU8(stylesXml())
  worksheets.forEach((xml, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = xml
  })
  files['xl/sharedStrings.xml'] = strToU8(strings.toXml())
  return pinZipTimes(zipSync(files, { level: 6, mtime: ZIP_PLACEHOLDER_TIME }), options.createdAt)
}

function headerCell(column: SheetColumn, language: SheetLanguage): XlsxCell {
  return { text: headerOf(column, language), style: TDGOV_COLUMNS.has(column) ? STYLE.headerTdgov : STYLE.headerReviewer }
}

function reviewCells(row: SheetRow): XlsxCell[] {
  return SHEET_COLUMNS.map((column) => {
    const tdgov = TDGOV_COLUMNS.has(column)
    const wrap = WRAPPED_COLUMNS.has(column)
    const style = tdgov ? (wrap ? STYLE.tdgovWrap : STYLE.tdgov) : wrap ? STYLE.reviewerWrap : STYLE.reviewer
    return { text: neutraliseCell(row[column]), style }
  })
}

function guideSheet(guide: SheetGuide, language: SheetLanguage): WorksheetSpec {
  const rows = guideRows(guide, language).map(([field, value]) => [
    { text: neutraliseCell(field), style: STYLE.headerReviewer },
    { text: neutraliseCell(value), style: STYLE.reviewerWrap },
  ])
  return { widths: [24, 100], rows, selected: false, header: false, validations: [] }
}

/** The lists sheet: one column per list, its name in row 1 and its values below. */
function listsSheet(columns: readonly string[][]): WorksheetSpec {
  const height = Math.max(...columns.map((column) => column.length))
  const rows = Array.from({ length: height }, (_, r) => columns.map((column) => ({ text: column[r] ?? '', style: r === 0 ? STYLE.headerReviewer : STYLE.reviewer })))
  return { widths: columns.map(() => 30), rows, selected: false, header: false, validations: [] }
}

/** A1:J9 → $A$1:$J$9 */
function absolute(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')
}
