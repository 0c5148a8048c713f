import { formatBytes } from '../../util/format-bytes.js'
import { formatCount } from '../../util/format-count.js'
import { percent } from '../formats/percent.js'
import type { Chart } from './blocks.js'
import { escapeHtml } from './html-escape.js'

const WIDTH = 640
const LABEL_WIDTH = 170
const VALUE_WIDTH = 150
const ROW = 24
const BAR = 14
const CELL = 40

/**
 * A chart as inline SVG: horizontal bars (with an interval's whiskers where the figure has one)
 * or a heat map. Drawn from numbers alone, with no script and no external resource; the title
 * and a description make it readable to screen readers, and the page puts the data table beside it.
 */
export function svgChart(chart: Chart, id: string, description: string): string {
  return chart.kind === 'bars' ? barsSvg(chart, id, description) : heatmapSvg(chart, id, description)
}

function show(unit: 'bytes' | 'count' | 'share', n: number): string {
  return unit === 'bytes' ? formatBytes(n) : unit === 'share' ? percent(n) : formatCount(n)
}

function clip(label: string, max: number): string {
  const chars = [...label]
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`
}

function header(id: string, width: number, height: number, title: string, description: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(description)}</desc>`
  )
}

function barsSvg(chart: Extract<Chart, { kind: 'bars' }>, id: string, description: string): string {
  const top = 8
  const height = top + chart.bars.length * ROW + 8
  const max = chart.unit === 'share' ? 1 : Math.max(...chart.bars.map((b) => Math.max(b.value, b.high ?? 0)), 1)
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
  const x = (v: number): number => LABEL_WIDTH + (Math.min(Math.max(v, 0), max) / max) * span
  const parts = [header(id, WIDTH, height, chart.title, description)]
  parts.push(`<line x1="${LABEL_WIDTH}" y1="${top - 4}" x2="${LABEL_WIDTH}" y2="${height - 4}" class="axis"/>`)
  chart.bars.forEach((b, i) => {
    const y = top + i * ROW
    const mid = y + ROW / 2
    const value = show(chart.unit, b.value)
    const interval = b.low !== undefined && b.high !== undefined ? ` (${show(chart.unit, b.low)}–${show(chart.unit, b.high)})` : ''
    parts.push(`<g><title>${escapeHtml(`${b.label}: ${value}${interval}`)}</title>`)
    parts.push(`<text x="${LABEL_WIDTH - 6}" y="${mid + 4}" text-anchor="end" class="label">${escapeHtml(clip(b.label, 22))}</text>`)
    parts.push(`<rect x="${LABEL_WIDTH}" y="${mid - BAR / 2}" width="${round(x(b.value) - LABEL_WIDTH)}" height="${BAR}" class="bar"/>`)
    if (b.low !== undefined && b.high !== undefined) {
      const [lo, hi] = [round(x(b.low)), round(x(b.high))]
      parts.push(`<path d="M${lo} ${mid}H${hi}M${lo} ${mid - 5}V${mid + 5}M${hi} ${mid - 5}V${mid + 5}" class="whisker"/>`)
    }
    const end = Math.max(x(b.value), b.high !== undefined ? x(b.high) : 0)
    parts.push(`<text x="${round(end + 6)}" y="${mid + 4}" class="value">${escapeHtml(value + interval)}</text></g>`)
  })
  parts.push('</svg>')
  return parts.join('')
}

function heatmapSvg(chart: Extract<Chart, { kind: 'heatmap' }>, id: string, description: string): string {
  const n = chart.labels.length
  const left = 130
  const top = 96
  const width = Math.max(left + n * CELL + 16, 240)
  const height = top + n * CELL + 28
  const max = Math.max(1, ...chart.matrix.flat())
  const parts = [header(id, width, height, chart.title, description)]
  parts.push(`<text x="${left + (n * CELL) / 2}" y="14" text-anchor="middle" class="axis-title">${escapeHtml(chart.columnsTitle)}</text>`)
  parts.push(`<text x="12" y="${top + (n * CELL) / 2}" text-anchor="middle" class="axis-title" transform="rotate(-90 12 ${top + (n * CELL) / 2})">${escapeHtml(chart.rowsTitle)}</text>`)
  chart.labels.forEach((label, i) => {
    const cx = left + i * CELL + CELL / 2
    parts.push(`<text x="${cx}" y="${top - 8}" class="label" transform="rotate(-45 ${cx} ${top - 8})">${escapeHtml(clip(label, 12))}</text>`)
    parts.push(`<text x="${left - 6}" y="${top + i * CELL + CELL / 2 + 4}" text-anchor="end" class="label">${escapeHtml(clip(label, 16))}</text>`)
  })
  chart.matrix.forEach((row, r) =>
    row.forEach((v, c) => {
      const x = left + c * CELL
      const y = top + r * CELL
      // the diagonal (reviewer agrees with annotator) in the accent colour, disagreements in the warning colour
      const cls = r === c ? 'cell agree' : 'cell disagree'
      parts.push(
        `<g><title>${escapeHtml(`${chart.rowsTitle} ${chart.labels[r] ?? ''}, ${chart.columnsTitle} ${chart.labels[c] ?? ''}: ${formatCount(v)}`)}</title>` +
          `<rect x="${x}" y="${y}" width="${CELL - 2}" height="${CELL - 2}" class="${cls}" fill-opacity="${v === 0 ? 0.04 : round(0.15 + (0.85 * v) / max)}"/>` +
          `<text x="${x + (CELL - 2) / 2}" y="${y + CELL / 2 + 3}" text-anchor="middle" class="cell-value">${formatCount(v)}</text></g>`,
      )
    }),
  )
  parts.push('</svg>')
  return parts.join('')
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
