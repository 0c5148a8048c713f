import type { Report } from '../../records/report-schema.js'
import { formatCount } from '../../util/format-count.js'
import { mdText } from './markdown-escape.js'

/**
 * The whole report model as readable Markdown (`--format md`): one section per part of the model,
 * nested objects as nested lists, figures written with their kind (an estimate with its interval
 * and method, a measured count with where it comes from). Nothing is left out and nothing is
 * added, so it reads as the JSON does.
 */
export function renderModelMarkdown(report: Report): string {
  const out: string[] = [`# tdgov report: ${mdText(report.dataset.name ?? 'dataset')}`, '', `Date ${report.date}, tdgov ${report.tool.version}.`, '']
  for (const [key, value] of Object.entries(report)) {
    if (['report', 'version', 'date', 'tool'].includes(key)) continue
    out.push(`## ${key}`, '')
    const lines = render(value, 0)
    out.push(...(lines.length > 0 ? lines : ['- (none)']), '')
  }
  return out.join('\n')
}

function render(value: unknown, depth: number): string[] {
  const pad = '  '.repeat(depth)
  if (value === null) return [`${pad}- null (not declared or not measured)`]
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}- (none)`]
    return value.flatMap((item, i) => (isScalar(item) ? [`${pad}- ${scalar(item)}`] : [`${pad}- [${i + 1}]`, ...render(item, depth + 1)]))
  }
  if (typeof value === 'object') {
    const figure = figureText(value as Record<string, unknown>)
    if (figure !== null) return [`${pad}- ${figure}`]
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      if (isScalar(v)) return [`${pad}- ${mdText(k)}: ${scalar(v)}`]
      const inner = figureText(v as Record<string, unknown> | null)
      return inner !== null ? [`${pad}- ${mdText(k)}: ${inner}`] : [`${pad}- ${mdText(k)}:`, ...render(v, depth + 1)]
    })
  }
  return [`${pad}- ${scalar(value)}`]
}

/** A measured or estimated figure on one line; null when the object is not one. */
function figureText(value: Record<string, unknown> | null): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  if (value.kind === 'measured' && typeof value.value === 'number') return `${number(value.value)} (measured; ${mdText(String(value.from))})`
  if (value.kind === 'estimated' && typeof value.value === 'number') {
    const confidence = Math.round(Number(value.confidence) * 100)
    return `≈ ${number(value.value)} (estimate, ${confidence}% interval ${number(Number(value.low))}–${number(Number(value.high))}; ${mdText(String(value.method))}; ${mdText(String(value.from))})`
  }
  return null
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object'
}

function scalar(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'number') return number(value)
  return mdText(String(value))
}

function number(n: number): string {
  return Number.isInteger(n) ? formatCount(n) : String(Math.round(n * 1e6) / 1e6)
}
