import type { Report } from '../records/report-schema.js'
import { renderCac } from './formats/cac.js'
import { renderEuSummary } from './formats/eu-summary.js'
import { renderHfCard } from './formats/hf-card.js'
import { renderModelMarkdown } from './formats/model-markdown.js'
import type { CacLang } from './formats/cac-labels.js'

/** The formats `tdgov report` writes; `json` is the model itself. */
export const REPORT_FORMATS = ['json', 'md', 'cac', 'eu-summary', 'hf-card'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface RenderOptions {
  lang: CacLang
}

/** The report in a format, as the bytes to write: the same model gives the same text. */
export function renderReport(report: Report, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n'
    case 'md':
      return renderModelMarkdown(report)
    case 'cac':
      return renderCac(report, options.lang)
    case 'eu-summary':
      return renderEuSummary(report)
    case 'hf-card':
      return renderHfCard(report)
  }
}
