import path from 'node:path/posix'
import { decodeXlsxText } from './xlsx-text.js'
import { readXmlPart, XlsxPartError } from './xlsx-xml-reader.js'

/** The unzipped parts of a workbook, by name. */
export type XlsxParts = Readonly<Record<string, Uint8Array>>

export interface WorkbookSheet {
  name: string
  /** the worksheet's part, e.g. xl/worksheets/sheet1.xml */
  part: string
}

export interface WorkbookInfo {
  sheets: WorkbookSheet[]
  /** the 1904 date system (old Mac Excel): serial 0 is 1904-01-01 */
  date1904: boolean
  /** the shared strings and styles parts (their usual names when the relationships do not say) */
  sharedStrings: string
  styles: string
}

function part(parts: XlsxParts, name: string): Uint8Array {
  const bytes = parts[name]
  if (bytes === undefined) throw new XlsxPartError(`it has no ${name}`)
  return bytes
}

/** Relationship targets of a .rels part, by id. */
function relationships(parts: XlsxParts, relsName: string, base: string): Map<string, { type: string; target: string }> {
  const found = new Map<string, { type: string; target: string }>()
  if (parts[relsName] === undefined) return found
  readXmlPart(relsName, parts[relsName], {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.Id === undefined || attributes.Target === undefined) return
      // Targets are relative to the source part's folder, or absolute from the package root.
      const target = attributes.Target.startsWith('/') ? attributes.Target.slice(1) : path.normalize(path.join(base, attributes.Target))
      found.set(attributes.Id, { type: attributes.Type ?? '', target })
    },
  })
  return found
}

/**
 * The workbook's sheets in tab order, each with its part, found through _rels/.rels (the office
 * document) and the workbook's own relationships, as Excel does, so a workbook saved by any
 * spreadsheet is read wherever it keeps its parts.
 */
export function readWorkbook(parts: XlsxParts): WorkbookInfo {
  const office = [...relationships(parts, '_rels/.rels', '').values()].find((rel) => rel.type.endsWith('/officeDocument'))
  const workbookPart = office?.target ?? 'xl/workbook.xml'
  const base = path.dirname(workbookPart)
  const rels = relationships(parts, path.join(base, '_rels', `${path.basename(workbookPart)}.rels`), base)
  const sheets: WorkbookSheet[] = []
  let date1904 = false
  readXmlPart(workbookPart, part(parts, workbookPart), {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true'
      if (name !== 'sheet') return
      const id = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1]
      const target = id === undefined ? undefined : rels.get(id)
      // Chart sheets and dialog sheets have parts of other types; only worksheets hold cells.
      if (target !== undefined && target.type.endsWith('/worksheet')) sheets.push({ name: attributes.name ?? '', part: target.target })
    },
  })
  const targetOf = (type: string, usual: string): string => [...rels.values()].find((rel) => rel.type.endsWith(type))?.target ?? path.join(base, usual)
  return { sheets, date1904, sharedStrings: targetOf('/sharedStrings', 'sharedStrings.xml'), styles: targetOf('/styles', 'styles.xml') }
}

/** The shared strings, rich text runs joined, phonetic guides (<rPh>, furigana) left out, escapes decoded. */
export function readSharedStrings(parts: XlsxParts, name: string): string[] {
  const strings: string[] = []
  if (parts[name] === undefined) return strings
  const text = stringItemText()
  readXmlPart(name, parts[name], {
    open(element) {
      if (element === 'si') text.start()
      else text.open(element)
    },
    text: (value) => text.add(value),
    close(element) {
      if (element === 'si') strings.push(text.end())
      else text.close(element)
    },
  })
  return strings
}

/**
 * Collects the text of a string item (<si> in the shared strings, <is> in an inline cell): the
 * <t> elements outside <rPh>, each decoded on its own (an escape never spans two runs).
 */
export function stringItemText(): { start(): void; open(name: string): void; add(text: string): void; close(name: string): void; end(): string } {
  let pieces: string[] = []
  let inT = false
  let phonetic = 0
  let current = ''
  return {
    start() {
      pieces = []
      inT = false
      phonetic = 0
    },
    open(name) {
      if (name === 'rPh') phonetic++
      else if (name === 't' && phonetic === 0) {
        inT = true
        current = ''
      }
    },
    add(text) {
      if (inT) current += text
    },
    close(name) {
      if (name === 'rPh') phonetic--
      else if (name === 't' && inT) {
        pieces.push(decodeXlsxText(current))
        inT = false
      }
    },
    end: () => pieces.join(''),
  }
}

/** Built-in number formats that show a date or a time: 14–22 and 45–47, and 27–36 and 50–58, which East Asian Excel shows as dates (年月日). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])

/** The cell formats (indexes into cellXfs) whose number format shows a date or time. */
export function readDateStyles(parts: XlsxParts, name: string): Set<number> {
  const dates = new Set<number>()
  if (parts[name] === undefined) return dates
  const customDates = new Set<number>()
  let inCellXfs = false
  let xf = 0
  readXmlPart(name, parts[name], {
    open(element, attributes) {
      if (element === 'numFmt' && isDateFormat(attributes.formatCode ?? '')) customDates.add(Number(attributes.numFmtId))
      else if (element === 'cellXfs') inCellXfs = true
      else if (element === 'xf' && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0)
        if (BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id)) dates.add(xf)
        xf++
      }
    },
    close(element) {
      if (element === 'cellXfs') inCellXfs = false
    },
  })
  return dates
}

/**
 * Whether a custom number format shows a date or time: d, m, y, h or s outside quoted text,
 * backslash escapes and [brackets] (colours, locales, elapsed-time markers).
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '')
  return /[dmyhs]/i.test(bare)
}
