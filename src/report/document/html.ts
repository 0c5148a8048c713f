import { CAC_LABELS } from '../formats/cac-labels.js'
import { plainText, runsOf, type Block, type ReportDocument, type Text } from './blocks.js'
import { escapeHtml, htmlId } from './html-escape.js'
import { svgChart } from './svg-charts.js'

export interface HtmlOptions {
  date: string
  version: string
}

/**
 * The document as one self-contained HTML page: styles inline, charts as inline SVG, no script,
 * font, image or link to fetch. A content security policy forbids scripts and network access
 * outright, so even markup that slipped through escaping could neither run nor call out.
 */
export function writeHtml(doc: ReportDocument, options: HtmlOptions): string {
  const P = CAC_LABELS[doc.lang].page
  const ids = new Set<string>()
  const unique = (base: string): string => {
    let id = base
    for (let i = 2; ids.has(id); i++) id = `${base}-${i}`
    ids.add(id)
    return id
  }
  const body: string[] = []
  const contents: string[] = []
  for (const block of doc.blocks) {
    if (block.kind === 'heading' && block.level === 2) {
      const id = unique(block.id ?? htmlId(plainText(block.text)))
      contents.push(`<li><a href="#${id}">${html(block.text)}</a></li>`)
      body.push(`<h2 id="${id}">${html(block.text)}</h2>`)
    } else body.push(blockHtml(block, unique, P.chartData))
  }
  const h1 = body.findIndex((b) => b.startsWith('<h1'))
  // the contents follow the title, the date line and any warnings
  const afterIntro = body.findIndex((b, i) => i > h1 && b.startsWith('<h2'))
  body.splice(afterIntro < 0 ? body.length : afterIntro, 0, `<nav class="contents"><h2 class="contents-title">${escapeHtml(P.contents)}</h2><ul>${contents.join('')}</ul></nav>`)
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="tdgov ${escapeHtml(options.version)}">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    `<footer>${escapeHtml(`${P.generatedBy} ${options.version} · ${options.date}`)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function blockHtml(block: Block, unique: (base: string) => string, chartData: string): string {
  switch (block.kind) {
    case 'heading': {
      const id = block.id ? ` id="${unique(block.id)}"` : ''
      return `<h${block.level}${id}>${html(block.text)}</h${block.level}>`
    }
    case 'paragraph':
      return `<p>${html(block.text)}</p>`
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul'
      const items = block.items.map((item, i) => (block.id ? `<li id="${block.id}-${i + 1}">` : '<li>') + `${html(item)}</li>`)
      return `<${tag}>${items.join('')}</${tag}>`
    }
    case 'table':
      return tableHtml(block.header, block.rows)
    case 'notice':
      return `<aside class="notice" role="note"><strong>${html(block.title)}</strong><ul>${block.items.map((i) => `<li>${html(i)}</li>`).join('')}</ul></aside>`
    case 'chart': {
      const id = unique(`chart-${htmlId(block.chart.id)}`)
      const description = block.table.rows.map((r) => r.map(plainText).join(': ')).join('; ')
      return (
        `<figure class="chart" id="${id}">` +
        `<figcaption>${escapeHtml(block.chart.title)}</figcaption>` +
        svgChart(block.chart, `${id}-svg`, description) +
        `<details><summary>${escapeHtml(chartData)}</summary>${tableHtml(block.table.header, block.table.rows)}</details>` +
        '</figure>'
      )
    }
  }
}

function tableHtml(header: readonly Text[], rows: readonly (readonly Text[])[]): string {
  return (
    '<div class="table"><table>' +
    `<thead><tr>${header.map((h) => `<th scope="col">${html(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`).join('')}</tbody>` +
    '</table></div>'
  )
}

function html(text: Text): string {
  return runsOf(text)
    .map((r) => {
      if (typeof r === 'string') return escapeHtml(r)
      if ('strong' in r) return `<strong>${escapeHtml(r.strong)}</strong>`
      if ('code' in r) return `<code>${escapeHtml(r.code)}</code>`
      return `<sup><a href="#methods-${r.ref}">[${r.ref}]</a></sup>`
    })
    .join('')
}

// System fonts only (a CJK face first where one is installed): the page fetches nothing.
const STYLE = `
:root{--ink:#1d2330;--muted:#5b6475;--rule:#d8dce4;--accent:#2f6db5;--warn:#c0562b;--bg:#fff;--band:#f4f6f9}
*{box-sizing:border-box}
html{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.55;font-size:15px}
main{max-width:60rem;margin:0 auto;padding:2rem 1.5rem 4rem}
h1{font-size:1.7rem;margin:0 0 .4rem}
h2{font-size:1.25rem;margin:2.2rem 0 .8rem;padding-bottom:.3rem;border-bottom:2px solid var(--rule)}
h3{font-size:1.05rem;margin:1.4rem 0 .5rem}
p,li{max-width:48rem}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.82em;word-break:break-all;background:var(--band);padding:0 .2em;border-radius:3px}
.notice{border-left:4px solid var(--warn);background:#fdf3ee;padding:.6rem 1rem;margin:1rem 0}
.notice ul{margin:.3rem 0 0;padding-left:1.2rem}
nav.contents{background:var(--band);padding:.6rem 1.2rem;margin:1.2rem 0;border-radius:4px}
nav.contents .contents-title{font-size:1rem;border:0;margin:.2rem 0;padding:0}
nav.contents ul{margin:.2rem 0;padding:0;list-style:none;columns:2}
a{color:var(--accent)}
.table{overflow-x:auto;margin:.6rem 0 1rem}
table{border-collapse:collapse;font-size:.9rem;min-width:50%}
th,td{border:1px solid var(--rule);padding:.3rem .55rem;text-align:left;vertical-align:top}
thead th{background:var(--band);font-weight:600;white-space:nowrap}
tbody tr:nth-child(even) td{background:#fafbfc}
figure.chart{margin:1rem 0 1.4rem;padding:.6rem .8rem;border:1px solid var(--rule);border-radius:4px;break-inside:avoid}
figure.chart figcaption{font-weight:600;margin-bottom:.4rem}
.chart-svg{max-width:100%;height:auto;display:block}
.chart-svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
.chart-svg .value{fill:var(--muted)}
.chart-svg .axis{stroke:var(--muted);stroke-width:1}
.chart-svg .bar{fill:var(--accent)}
.chart-svg .whisker{stroke:var(--ink);stroke-width:1.5;fill:none}
.chart-svg .cell.agree{fill:var(--accent)}
.chart-svg .cell.disagree{fill:var(--warn)}
.chart-svg .cell-value{font-size:11px}
.chart-svg .axis-title{font-weight:600;fill:var(--muted)}
details summary{cursor:pointer;color:var(--muted);font-size:.85rem}
footer{margin-top:3rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule);padding-top:.6rem}
@media print{
  @page{size:A4;margin:16mm 14mm}
  html{font-size:10.5pt}
  main{max-width:none;padding:0}
  h2{break-after:avoid}
  h2:not(.contents-title){break-before:page}
  nav.contents+h2{break-before:auto}
  table,figure.chart,tr{break-inside:avoid}
  details{display:none}
  a{color:inherit;text-decoration:none}
  .table{overflow:visible}
}
`.trim()
