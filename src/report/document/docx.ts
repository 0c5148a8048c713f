import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import type { IParagraphOptions, ParagraphChild } from 'docx'
import { compareStrings } from '../../util/order.js'
import { plainText, runsOf, type Block, type ReportDocument, type Text } from './blocks.js'

/** The text width of an A4 page with Word's default 2.54 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 9026

export interface DocxOptions {
  date: string
  version: string
}

type Docx = typeof import('docx')

/**
 * The document as a Word file (Office Open XML), through the `docx` package. The package stamps
 * the package properties with the current time and zips with the current time; both are set
 * to the report date afterwards, and the entries re-zipped in a fixed order, so the same records
 * give the same bytes.
 */
export async function writeDocx(doc: ReportDocument, options: DocxOptions): Promise<Uint8Array> {
  // loaded on use: only `--as docx` needs it
  const d: Docx = await import('docx')
  const children = doc.blocks.flatMap((block) => blockParts(d, block))
  const file = new d.Document({
    creator: `tdgov ${options.version}`,
    title: doc.title,
    description: doc.title,
    styles: {
      default: {
        document: {
          run: { font: { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: doc.lang === 'zh' ? 'SimSun' : 'Calibri', cs: 'Calibri' }, size: 21 },
        },
      },
    },
    sections: [{ children }],
  })
  const packed = new Uint8Array(await d.Packer.toBuffer(file))
  return normalise(packed, options.date)
}

function blockParts(d: Docx, block: Block): (InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>)[] {
  const paragraph = (text: Text, extra: IParagraphOptions = {}): InstanceType<Docx['Paragraph']> => new d.Paragraph({ ...extra, children: runs(d, text) })
  switch (block.kind) {
    case 'heading':
      return [paragraph(block.text, { heading: block.level === 1 ? d.HeadingLevel.TITLE : block.level === 2 ? d.HeadingLevel.HEADING_1 : d.HeadingLevel.HEADING_2 })]
    case 'paragraph':
      return [paragraph(block.text)]
    case 'list':
      // ordered lists are numbered in the text: Word numbering needs a numbering part for one list
      return block.items.map((item, i) => (block.ordered ? paragraph([`${i + 1}. `, ...runsOf(item)]) : paragraph(item, { bullet: { level: 0 } })))
    case 'notice':
      return [paragraph({ strong: plainText(block.title) }), ...block.items.map((item) => paragraph(item, { bullet: { level: 0 } }))]
    case 'table':
      return [table(d, block.header, block.rows), paragraph('')]
    case 'chart':
      return [paragraph({ strong: block.chart.title }), table(d, block.table.header, block.table.rows), paragraph('')]
  }
}

function table(d: Docx, header: readonly Text[], rows: readonly (readonly Text[])[]): InstanceType<Docx['Table']> {
  const cell = (text: Text, bold: boolean): InstanceType<Docx['TableCell']> =>
    new d.TableCell({ children: [new d.Paragraph({ children: runs(d, bold ? runsOf(text).map((r) => (typeof r === 'string' ? { strong: r } : r)) : text, 18) })] })
  // columns as wide as their longest text (within bounds), so a name column is not squeezed to a
  // few letters beside a column of small numbers
  const weights = header.map((h, i) => Math.min(28, Math.max(8, ...[h, ...rows.map((r) => r[i] ?? '')].map((t) => displayWidth(plainText(t))))))
  const total = weights.reduce((a, b) => a + b, 0)
  return new d.Table({
    width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
    columnWidths: weights.map((w) => Math.floor((TEXT_WIDTH * w) / total)),
    rows: [
      new d.TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new d.TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  })
}

// Chinese, Japanese and Korean characters and full-width forms take two columns
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

function displayWidth(text: string): number {
  let width = 0
  for (const c of text) width += WIDE.test(c) ? 2 : 1
  return width
}

/** Runs of text; `size` in half-points (tables are set a size smaller than the body). */
function runs(d: Docx, text: Text, size?: number): ParagraphChild[] {
  const sized = size === undefined ? {} : { size }
  return runsOf(text).map((r) => {
    if (typeof r === 'string') return new d.TextRun({ text: r, ...sized })
    if ('strong' in r) return new d.TextRun({ text: r.strong, bold: true, ...sized })
    if ('code' in r) return new d.TextRun({ text: r.code, font: 'Consolas', ...sized })
    return new d.TextRun({ text: `[${r.ref}]`, superScript: true, ...sized })
  })
}

/** The package's times set to the report date, its entries in name order, its zip times fixed. */
function normalise(packed: Uint8Array, date: string): Uint8Array {
  const entries = unzipSync(packed)
  const core = entries['docProps/core.xml']
  if (core) {
    const stamp = `${date}T00:00:00Z`
    entries['docProps/core.xml'] = strToU8(strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`))
  }
  // zip times are local (DOS) times: local midnight of the report date reads the same in every zone
  const [y, m, day] = date.split('-').map(Number) as [number, number, number]
  const mtime = new Date(y, m - 1, day)
  const out: Zippable = {}
  // [Content_Types].xml first, as Word writes it; the rest by name
  const names = Object.keys(entries).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : compareStrings(a, b)))
  for (const name of names) out[name] = [entries[name]!, { mtime, level: 6 }]
  return zipSync(out)
}
