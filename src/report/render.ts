import type { Report } from '../records/report-schema.js'

/** The formats `tdgov report` writes; the model itself (json) is the first. */
export const REPORT_FORMATS = ['json'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** The report in a format, as the bytes to write: the same model gives the same text. */
export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n'
  }
}
