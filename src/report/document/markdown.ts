import { mdText } from '../formats/markdown-escape.js'
import { runsOf, type Block, type ReportDocument, type Text } from './blocks.js'

/** The document as CommonMark with GitHub tables; every string is escaped (markdown-escape.ts). */
export function writeMarkdown(doc: ReportDocument): string {
  const out: string[] = []
  for (const block of doc.blocks) out.push(...blockLines(block), '')
  return out.join('\n')
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return [`${'#'.repeat(block.level)} ${md(block.text)}`]
    case 'paragraph':
      return [md(block.text)]
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${md(item)}`)
    case 'table':
      return tableLines(block.header, block.rows)
    case 'notice':
      return [`> **${md(block.title)}**`, ...block.items.map((item) => `> - ${md(item)}`)]
    case 'chart':
      return [`**${mdText(block.chart.title)}**`, '', ...tableLines(block.table.header, block.table.rows)]
  }
}

function tableLines(header: readonly Text[], rows: readonly (readonly Text[])[]): string[] {
  return [`| ${header.map(md).join(' | ')} |`, `|${' --- |'.repeat(header.length)}`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)]
}

function md(text: Text): string {
  return runsOf(text)
    .map((r) => {
      if (typeof r === 'string') return mdText(r)
      if ('strong' in r) return `**${mdText(r.strong)}**`
      // a code span cannot hold its own backticks: those are rare in codes and ids, so drop to text
      if ('code' in r) return r.code.includes('`') ? mdText(r.code) : `\`${r.code.replace(/[\r\n|]/g, ' ')}\``
      return `[${r.ref}]`
    })
    .join('')
}
