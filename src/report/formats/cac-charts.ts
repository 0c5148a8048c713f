import type { Report, ReportFigure } from '../../records/report-schema.js'
import { formatBytes } from '../../util/format-bytes.js'
import { formatCount } from '../../util/format-count.js'
import { compareStrings } from '../../util/order.js'
import type { BarDatum, Block, Chart, Text } from '../document/blocks.js'
import type { CacLabels } from './cac-labels.js'
import { percent } from './percent.js'

export type ChartPlace = 'sources' | 'scale' | 'types' | 'quality' | 'pi'

type ChartBlock = Extract<Block, { kind: 'chart' }>

/**
 * The HTML page's charts, each with its text equivalent (a table of the same figures), keyed by
 * the section they illustrate. Only figures already in the model are drawn; a chart with nothing
 * to show is left out rather than drawn empty.
 */
export function cacCharts(report: Report, L: CacLabels): Record<ChartPlace, ChartBlock[]> {
  const C = L.charts
  const sources = report.sources.filter((s) => s.files > 0)
  const byModality = new Map<string, { bytes: number; records: number }>()
  for (const t of report.types) {
    const m = byModality.get(t.modality) ?? { bytes: 0, records: 0 }
    // a file's bytes and records split by language add up to the file's counted ones
    m.bytes += t.bytes.value
    m.records += t.records.value
    byModality.set(t.modality, m)
  }
  const modalities = [...byModality].sort(([a], [b]) => compareStrings(a, b))
  const quality: ChartBlock[] = []
  const scored = report.annotation.audits.filter((a) => a.scored !== null && a.scored.accuracy !== null)
  if (scored.length > 0)
    quality.push(
      bars(
        'accuracy-by-audit',
        C.accuracyByAudit,
        'share',
        scored.map((a) => ({ label: a.id, value: a.scored!.accuracy!, ...(a.scored!.wilson ? { low: a.scored!.wilson[0], high: a.scored!.wilson[1] } : {}) })),
        L,
        L.charts.wilson(new Set(scored.map((a) => a.scored!.confidence)).size === 1 ? scored[0]!.scored!.confidence : null),
      ),
    )
  for (const a of report.annotation.audits) {
    const labels = Object.entries(a.labels.counts)
    if (labels.length > 0) quality.push(bars(`labels-${a.id}`, C.labels(a.id), 'count', labels.map(([label, n]) => ({ label, value: n })), L))
    const s = a.scored
    if (!s) continue
    const annotators = Object.entries(s.perAnnotator).filter(([, c]) => c.accuracy !== null)
    if (annotators.length > 0)
      quality.push(
        bars(
          `accuracy-by-annotator-${a.id}`,
          C.accuracyByAnnotator(a.id),
          'share',
          annotators.map(([label, c]) => ({ label, value: c.accuracy!, ...(c.wilson ? { low: c.wilson[0], high: c.wilson[1] } : {}) })),
          L,
          L.charts.wilson(s.confidence),
        ),
      )
    if (s.confusion.labels.length > 0) quality.push(heatmap(`confusion-${a.id}`, C.confusion(a.id), C.reviewer, C.annotator, s.confusion.labels, s.confusion.matrix))
  }
  return {
    sources: [
      bars('bytes-by-source', C.bytesBySource, 'bytes', sources.map((s) => ({ label: s.id, value: s.bytes })), L),
      bars('records-by-source', C.recordsBySource, 'count', sources.map((s) => ({ label: s.id, value: s.records })), L),
      ...(report.crawled
        ? [
            bars(
              'crawled-domains',
              C.crawledDomains,
              'bytes',
              report.crawled.domains.slice(0, 10).map((d) => ({ label: d.domain, value: d.bytes.value, ...(d.bytes.kind === 'estimated' ? { low: d.bytes.low, high: d.bytes.high } : {}) })),
              L,
              C.estimateInterval(estimatedConfidence(report.crawled.domains.map((d) => d.bytes))),
            ),
          ]
        : []),
    ].filter(nonEmpty),
    scale: [
      bars('bytes-by-modality', C.bytesByModality, 'bytes', modalities.map(([m, v]) => ({ label: m, value: v.bytes })), L),
      bars('records-by-modality', C.recordsByModality, 'count', modalities.map(([m, v]) => ({ label: m, value: Math.round(v.records) })), L),
    ].filter(nonEmpty),
    types: [bars('languages', C.languages, 'count', Object.entries(report.languages).map(([label, n]) => ({ label, value: n })), L)].filter(nonEmpty),
    quality: quality.filter(nonEmpty),
    pi: [
      bars('licence-classes', C.licenceClasses, 'bytes', Object.entries(report.licences.byUse).map(([label, v]) => ({ label, value: v.bytes })), L),
      bars('pi-by-type', C.piByType, 'count', Object.entries(report.personalInformation.found).map(([label, n]) => ({ label, value: n ?? 0 })), L),
    ].filter(nonEmpty),
  }
}

/** The confidence of the first estimated figure (one scan uses one level for all). */
function estimatedConfidence(figures: readonly ReportFigure[]): number {
  for (const f of figures) if (f.kind === 'estimated') return f.confidence
  return 0.95
}

function nonEmpty(block: ChartBlock): boolean {
  return block.chart.kind === 'bars' ? block.chart.bars.some((b) => b.value > 0) : block.chart.labels.length > 0
}

function bars(id: string, title: string, unit: 'bytes' | 'count' | 'share', data: readonly BarDatum[], L: CacLabels, intervalHeader?: string): ChartBlock {
  const chart: Chart = { kind: 'bars', id, title, unit, bars: data }
  const show = (n: number): string => (unit === 'bytes' ? formatBytes(n) : unit === 'share' ? percent(n) : formatCount(n))
  const withInterval = data.some((d) => d.low !== undefined)
  return {
    kind: 'chart',
    chart,
    table: {
      header: [L.charts.item, L.charts.value, ...(withInterval ? [intervalHeader ?? L.charts.wilson(null)] : [])],
      rows: data.map((d): Text[] => [d.label, show(d.value), ...(withInterval ? [d.low !== undefined && d.high !== undefined ? `${show(d.low)}–${show(d.high)}` : '—'] : [])]),
    },
  }
}

function heatmap(id: string, title: string, rowsTitle: string, columnsTitle: string, labels: readonly string[], matrix: readonly (readonly number[])[]): ChartBlock {
  return {
    kind: 'chart',
    chart: { kind: 'heatmap', id, title, rowsTitle, columnsTitle, labels, matrix },
    table: { header: [`${rowsTitle} \\ ${columnsTitle}`, ...labels], rows: labels.map((label, i): Text[] => [label, ...(matrix[i] ?? []).map((n) => formatCount(n))]) },
  }
}
