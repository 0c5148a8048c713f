import { xmlAttribute, xmlText, XML_DECLARATION } from './xlsx-xml.js'

/**
 * The parts of an xlsx package other than the worksheets, styles and shared strings: the
 * content types, the relationships, the workbook (sheet names, the autofilter's hidden name)
 * and the document properties.
 */
export interface PackageSheet {
  name: string
  hidden: boolean
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const SML = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

export function contentTypesXml(sheets: number): string {
  const worksheets = Array.from({ length: sheets }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SML}.worksheet+xml"/>`)
  return (
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${SML}.sheet.main+xml"/>` +
    worksheets.join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${SML}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${SML}.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  )
}

export function packageRelsXml(): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  )
}

/** Worksheets are rId1…rIdN, in sheet order; styles and shared strings follow. */
export function workbookRelsXml(sheets: number): string {
  const worksheets = Array.from({ length: sheets }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PKG_REL}">` +
    worksheets.join('') +
    `<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${sheets + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    '</Relationships>'
  )
}

/**
 * xl/workbook.xml. The first sheet is the active one; `filterRange` (on the first sheet) is the
 * autofilter's range, which Excel also keeps as the hidden name _xlnm._FilterDatabase.
 */
export function workbookXml(sheets: readonly PackageSheet[], filterRange: string): string {
  const entries = sheets.map(
    (sheet, i) => `<sheet name="${xmlAttribute(sheet.name)}" sheetId="${i + 1}"${sheet.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
  )
  return (
    XML_DECLARATION +
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
    '<workbookPr/>' +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${entries.join('')}</sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlText(`${sheetReference(sheets[0]!.name)}!${filterRange}`)}</definedName></definedNames>` +
    '</workbook>'
  )
}

/** A sheet name as a formula refers to it: quoted unless it is plain letters, digits and underscores. */
export function sheetReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replaceAll("'", "''")}'`
}

/** docProps/core.xml and app.xml: tdgov as the creator, `when` as created and modified (to the second, UTC). */
export function corePropertiesXml(when: Date): string {
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return (
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>tdgov</dc:creator><cp:lastModifiedBy>tdgov</cp:lastModifiedBy>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  )
}

export function appPropertiesXml(): string {
  return XML_DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>tdgov</Application></Properties>'
}
