// The report domain's public entry: the model built from the records, and its date.
export { buildReport, type ReportBuild, type ReportOptions } from './build-report.js'
export { reportDate } from './report-date.js'
export { REPORT_FORMATS, renderReport, type ReportFormat, type RenderOptions } from './render.js'
export { CAC_LANGS, type CacLang } from './formats/cac-labels.js'
export { CAC_OUTPUTS, type CacOutput } from './formats/cac.js'
