import { xmlText, XML_DECLARATION } from './xlsx-xml.js'
import { encodeXlsxText } from './xlsx-text.js'

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

/**
 * The workbook's shared string table: each distinct text once, numbered in the order first met,
 * so the same cells give the same table. Shared strings are what Excel itself writes, and what
 * every spreadsheet reads.
 */
export class SharedStrings {
  private readonly indexes = new Map<string, number>()
  private readonly texts: string[] = []
  private uses = 0

  /** The index of a cell's text (as it is to be shown: neutralised already, not yet encoded). */
  indexOf(text: string): number {
    this.uses++
    let index = this.indexes.get(text)
    if (index === undefined) {
      index = this.texts.length
      this.indexes.set(text, index)
      this.texts.push(text)
    }
    return index
  }

  toXml(): string {
    const items = this.texts.map((text) => {
      const encoded = encodeXlsxText(text)
      // Without xml:space="preserve" Excel drops leading and trailing white space.
      const preserve = /^\s|\s$|\n/.test(encoded) ? ' xml:space="preserve"' : ''
      return `<si><t${preserve}>${xmlText(encoded)}</t></si>`
    })
    return `${XML_DECLARATION}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.texts.length}">${items.join('')}</sst>`
  }
}
