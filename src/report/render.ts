import type { ReportBuild } from './build-report.js'
import { renderCac, renderDocx, renderHtml, type CacOutput } from './formats/cac.js'
import { renderCroissant } from './formats/croissant.js'
import { renderEuSummary } from './formats/eu-summary.js'
import { renderHfCard } from './formats/hf-card.js'
import { renderModelMarkdown } from './formats/model-markdown.js'
import { renderSpdx } from './formats/spdx.js'
import type { CacLang } from './formats/cac-labels.js'

/** The formats `tdgov report` writes; `json` is the model itself. */
export const REPORT_FORMATS = ['json', 'md', 'cac', 'html', 'eu-summary', 'hf-card', 'croissant', 'spdx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface RenderOptions {
  lang: CacLang
  /** `cac` only: Markdown, the HTML page, or a Word document */
  as: CacOutput
}

/** The report in a format, as the bytes to write: the same records give the same bytes. */
export async function renderReport(build: ReportBuild, format: ReportFormat, options: RenderOptions): Promise<string | Uint8Array> {
  const { report } = build
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n'
    case 'md':
      return renderModelMarkdown(report)
    case 'cac':
      return options.as === 'docx' ? renderDocx(report, options.lang) : options.as === 'html' ? renderHtml(report, options.lang) : renderCac(report, options.lang)
    case 'html':
      return renderHtml(report, options.lang)
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
