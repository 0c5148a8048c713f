import { strToU8, zipSync } from 'fflate'

/**
 * A minimal workbook written by hand, part by part, to give the reader what other spreadsheets
 * write: a prefixed namespace, cells without references, inline strings, phonetic runs, the 1904
 * date system. `sheet` is the worksheet's <sheetData> content; the other parts can be replaced.
 */
export function handWorkbook(options: { sheetData: string; sharedStrings?: string[]; styles?: string; workbookPr?: string; prefix?: string }): Uint8Array {
  const p = options.prefix === undefined ? '' : `${options.prefix}:`
  const ns = options.prefix === undefined ? 'xmlns' : `xmlns:${options.prefix}`
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="/book/main.xml"/></Relationships>`,
    ),
    'book/main.xml': strToU8(
      `<${p}workbook ${ns}="${main}" xmlns:r="${rel}">${options.workbookPr ?? ''}<${p}sheets><${p}sheet name="Sheet1" sheetId="1" r:id="s1"/></${p}sheets></${p}workbook>`,
    ),
    'book/_rels/main.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${rel}/worksheet" Target="sheets/one.xml"/><Relationship Id="s2" Type="${rel}/sharedStrings" Target="strings.xml"/><Relationship Id="s3" Type="${rel}/styles" Target="look.xml"/></Relationships>`,
    ),
    'book/sheets/one.xml': strToU8(`<${p}worksheet ${ns}="${main}"><${p}sheetData>${options.sheetData}</${p}sheetData></${p}worksheet>`),
    'book/strings.xml': strToU8(`<sst xmlns="${main}">${(options.sharedStrings ?? []).join('')}</sst>`),
  }
  if (options.styles !== undefined) files['book/look.xml'] = strToU8(`<styleSheet xmlns="${main}">${options.styles}</styleSheet>`)
  return zipSync(files)
}
