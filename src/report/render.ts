import type { ReportBuild } from './build-report.js'
import { renderCac } from './formats/cac.js'
import { renderCroissant } from './formats/croissant.js'
import { renderEuSummary } from './formats/eu-summary.js'
import { renderHfCard } from './formats/hf-card.js'
import { renderModelMarkdown } from './formats/model-markdown.js'
import { renderSpdx } from './formats/spdx.js'
import type { CacLang } from './formats/cac-labels.js'

/** The formats `tdgov report` writes; `json` is the model itself. */
export const REPORT_FORMATS = ['json', 'md', 'cac', 'eu-summary', 'hf-card', 'croissant', 'spdx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface RenderOptions {
  lang: CacLang
}

/** The report in a format, as the bytes to write: the same records give the same bytes. */
export function renderReport(build: ReportBuild, format: ReportFormat, options: RenderOptions): string | Uint8Array {
  const { report } = build
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
    case 'croissant':
      return renderCroissant(build)
    case 'spdx':
      return renderSpdx(build)
  }
}
