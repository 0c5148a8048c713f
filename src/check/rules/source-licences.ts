import type { SourceConfig } from '../../records/config-schema.js'
import type { ManifestHeader, RuleRecords } from '../rule-records.js'
import { classifyLicence, licenceNames, parseLicenceExpression, type ClassifiedLicence } from '../../provenance/licences/index.js'

export interface SourceLicences {
  source: SourceConfig
  index: number
  summary: ManifestHeader['sources'][number] | undefined
  /** the declared expression (when any), then each detected id, classified */
  classes: (ClassifiedLicence & { id: string; detected: boolean })[]
  declaredIds: string[]
}

/** Each declared source with its declared and detected licences, classified; empty without config or manifest. */
export function sourceLicences(records: RuleRecords): SourceLicences[] {
  if (records.config === null || records.manifest === null) return []
  const summaries = new Map(records.manifest.header.sources.map((s) => [s.id, s]))
  return records.config.sources.map((source, index) => {
    const summary = summaries.get(source.id)
    const classes: SourceLicences['classes'] = []
    if (source.license) classes.push({ ...classifyLicence(source.license), id: source.license, detected: false })
    for (const d of summary?.licence.detected ?? []) classes.push({ ...classifyLicence(d.id), id: d.id, detected: true })
    return { source, index, summary, classes, declaredIds: source.license ? licenceIds(source.license) : [] }
  })
}

/** The licence ids an SPDX expression names (config expressions were checked when loaded). */
export function licenceIds(expression: string): string[] {
  const parsed = parseLicenceExpression(expression, true)
  return parsed ? licenceNames(parsed) : [expression]
}
