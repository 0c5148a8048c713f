import type { Report } from '../../records/report-schema.js'
import { writeDocx } from '../document/docx.js'
import { writeHtml } from '../document/html.js'
import { writeMarkdown } from '../document/markdown.js'
import { cacDocument } from './cac-document.js'
import type { CacLang } from './cac-labels.js'

export const CAC_OUTPUTS = ['md', 'html', 'docx'] as const
export type CacOutput = (typeof CAC_OUTPUTS)[number]

/** The Art. 19 explanation as Markdown. */
export function renderCac(report: Report, lang: CacLang): string {
  return writeMarkdown(cacDocument(report, lang, { charts: false }))
}

/** The HTML page: the explanation with its charts, self-contained and printable. */
export function renderHtml(report: Report, lang: CacLang): string {
  return writeHtml(cacDocument(report, lang, { charts: true }), { date: report.date, version: report.tool.version })
}

/** The explanation as a Word document, for filing materials that are edited and submitted as .docx. */
export function renderDocx(report: Report, lang: CacLang): Promise<Uint8Array> {
  return writeDocx(cacDocument(report, lang, { charts: false }), { date: report.date, version: report.tool.version })
}
