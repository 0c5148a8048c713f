import type { Report, ReportAudit, ReportSource } from '../../records/report-schema.js'
import { formatCount } from '../../util/format-count.js'
import { compareStrings } from '../../util/order.js'
import { percent } from './percent.js'

/**
 * Sentences the metadata formats (Croissant RAI, SPDX Dataset) share: both have free-text slots
 * for the collection process, the annotation audits and personal information, and both should
 * say the same thing in them.
 */

/** The declared name; without one, a name from the manifest fingerprint (both formats need a name). */
export function datasetName(report: Report): string {
  return report.dataset.name ?? `tdgov-${report.evidence.manifest.fingerprint.slice(0, 16)}`
}

/** The distinct licences the sources declare, sorted (not what the files state: that is `licences.folders`). */
export function declaredLicences(report: Report): string[] {
  return [...new Set(report.sources.map((s) => s.licence.declared).filter((l): l is string => l !== null))].sort(compareStrings)
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`
}

export function sourceText(s: ReportSource): string {
  const origin = [s.origin.organisation, s.origin.dataset, s.origin.url].filter((o): o is string => o !== null)
  const acquired = s.acquired.from !== null || s.acquired.to !== null ? `acquired ${s.acquired.from ?? '?'} to ${s.acquired.to ?? '?'}` : 'acquisition dates not declared'
  const licence = s.licence.declared !== null ? `licence ${s.licence.declared}` : s.licence.contract !== null ? `under contract: ${s.licence.contract}` : 'no licence declared'
  return `${s.name} [${s.id}] (${s.kind}${origin.length > 0 ? `, from ${origin.join(', ')}` : ''}; ${acquired}; ${licence}): ${plural(s.files, 'file')}, ${plural(s.bytes, 'byte')}, ${plural(s.records, 'record')}`
}

/** The declared sources, one sentence each. */
export function collectionText(report: Report): string {
  if (report.sources.length === 0) return 'No sources are declared in tdgov.yaml.'
  return `Sources declared in tdgov.yaml: ${report.sources.map(sourceText).join('; ')}.`
}

/** One audit as a sentence: the plan, the sample, and the accuracy as the estimate it is. */
export function auditText(a: ReportAudit): string {
  const plan = [a.plan.method, a.plan.aql !== null ? `AQL ${a.plan.aql}` : null, a.plan.level !== null ? `level ${a.plan.level}` : null].filter((p) => p !== null).join(' ')
  const limits = a.plan.accept !== null && a.plan.reject !== null ? ` (accept at ≤ ${a.plan.accept} defects, reject at ≥ ${a.plan.reject})` : ''
  const head = `Audit ${a.id} (${a.kind}${a.rules ? `, labelling rules ${a.rules.id} ${a.rules.version}` : ''}${a.source ? `, source ${a.source}` : ''}): plan ${plan}, sample of ${formatCount(a.plan.sampleSize)} from ${formatCount(a.plan.population)} items${limits}`
  const stale = a.stale ? ' An input it sampled has changed since, so these figures may not be current.' : ''
  if (!a.scored) return `${head}; not scored yet.${stale}`
  const s = a.scored
  const accuracy =
    s.accuracy === null
      ? 'accuracy not computed'
      : `accuracy ${percent(s.accuracy)} (an estimate from the sample${s.wilson ? `: Wilson score ${percent(s.confidence)} interval ${percent(s.wilson[0])}–${percent(s.wilson[1])}` : ''})`
  return `${head}; ${formatCount(s.reviewed)} reviewed, ${plural(s.defects, 'defect')}, ${accuracy}; decision: ${s.decision}.${stale}`
}

/** Types and counts of personal values found; never an example, not even a masked one. */
export function personalInformationText(report: Report): string {
  const pi = report.personalInformation
  if (pi.mode === 'off') return 'Personal information was not searched for (tdgov scan --pii off).'
  const searched = pi.mode === 'full' ? `every record (${formatCount(pi.recordsSearched)})` : `a sample of ${formatCount(pi.recordsSearched)} records`
  const found = Object.entries(pi.found)
  const counts = found.length > 0 ? `found ${found.map(([type, n]) => `${type} × ${formatCount(n)}`).join(', ')} (values found in the records searched, not extrapolated)` : 'found none'
  const bases = report.sources.filter((s) => s.personalInformation.basis !== null).map((s) => `${s.id}: ${s.personalInformation.basis}`)
  return `Searched ${searched}; ${counts}. Values are masked in tdgov's records and none is reproduced here.${bases.length > 0 ? ` Declared legal basis by source: ${bases.join(', ')}.` : ''}`
}
