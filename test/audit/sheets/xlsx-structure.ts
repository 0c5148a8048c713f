import { strFromU8, unzipSync } from 'fflate'
import { SaxesParser } from 'saxes'

/** A workbook's parts as text, each checked to be well-formed XML by saxes. */
export function xlsxParts(bytes: Uint8Array): Record<string, string> {
  const parts: Record<string, string> = {}
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    const text = strFromU8(data)
    const parser = new SaxesParser()
    parser.on('error', (error) => {
      throw new Error(`${name}: ${error.message}`)
    })
    parser.write(text).close()
    parts[name] = text
  }
  return parts
}

export interface Validation {
  sqref: string
  type: string
  errorStyle: string
  formula: string
}

/** The <dataValidation> elements of a worksheet part, their formula with &quot; decoded. */
export function validationsOf(sheetXml: string): Validation[] {
  return [...sheetXml.matchAll(/<dataValidation\b([^>]*)>\s*<formula1>([^<]*)<\/formula1>/g)].map(([, attributes, formula]) => ({
    sqref: /\bsqref="([^"]*)"/.exec(attributes!)![1]!,
    type: /\btype="([^"]*)"/.exec(attributes!)?.[1] ?? '',
    errorStyle: /\berrorStyle="([^"]*)"/.exec(attributes!)?.[1] ?? 'stop',
    formula: formula!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
  }))
}

/** Cell ranges as [column from, column to, row from, row to]; a sqref may list several ranges. */
function rangesOf(sqref: string): [number, number, number, number][] {
  return sqref.split(/\s+/).map((range) => {
    const [from, to = from] = range.split(':') as [string, string?]
    const cell = (ref: string): [number, number] => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!
      return [[...letters!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0), Number(digits)]
    }
    const [c1, r1] = cell(from)
    const [c2, r2] = cell(to)
    return [c1, c2, r1, r2]
  })
}

/** Whether any two validations cover a common cell. */
export function overlapping(validations: readonly Validation[]): boolean {
  const ranges = validations.flatMap((v) => rangesOf(v.sqref))
  return ranges.some((a, i) => ranges.some((b, j) => j > i && a[0] <= b[1] && b[0] <= a[1] && a[2] <= b[3] && b[2] <= a[3]))
}
