import type { RuleFinding } from '../../findings/finding.js'
import type { SourceConfig } from '../../records/config-schema.js'
import type { RuleRecords } from '../rule-records.js'
import { configAt } from './locations.js'

/** One finding per declared source that `missing` says lacks a fact its kind needs, pointing at the source. */
export function sourcesMissing(records: RuleRecords, code: RuleFinding['code'], missing: (source: SourceConfig) => boolean): RuleFinding[] {
  const out: RuleFinding[] = []
  records.config?.sources.forEach((source, i) => {
    if (missing(source)) out.push({ code, args: { source: source.id, kind: source.kind }, location: configAt(records, ['sources', i]) })
  })
  return out
}
