import { githubReporter } from './github.js'
import { gitlabReporter } from './gitlab.js'
import { jsonReporter } from './json.js'
import { junitReporter } from './junit.js'
import type { Reporter } from './report-options.js'
import { sarifReporter } from './sarif.js'
import { textReporter } from './text.js'

export type { ReportOptions, Reporter } from './report-options.js'
export { githubJobSummary } from './github-summary.js'
export { ruleAnchor } from './rule-text.js'

export const REPORT_FORMATS = ['text', 'json', 'github', 'sarif', 'junit', 'gitlab'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export const REPORTERS: Record<ReportFormat, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  github: githubReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  gitlab: gitlabReporter,
}
