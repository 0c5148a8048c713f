import type { FindingArgs, FindingLocation } from '../../findings/finding.js'
import type { AnnotatorConfig } from '../../records/config-schema.js'
import { compareStrings } from '../../util/order.js'
import { startOfDay } from '../../util/record-date.js'
import type { RuleRecords } from '../rule-records.js'
import { auditAt, currentAudits, exportsOf } from './audits.js'

const DAY_MS = 86_400_000
export const DEFAULT_TRAINING_VALID_DAYS = 365

export interface Person {
  role: 'annotator' | 'reviewer'
  id: string
  count: number
  entry: AnnotatorConfig | undefined
  location: FindingLocation
  /** the day the audit's sample was drawn, at which training is judged; null for records before version 4 */
  asOf: Date | null
}

/** The annotators of each current audit's exports and the reviewers of its sheet, with their roster entries. */
export function peopleOfAudits(records: RuleRecords): Person[] {
  const config = records.config
  if (config === null || config.annotators.length === 0) return []
  const roster = new Map(config.annotators.map((p) => [p.id, p]))
  const out: Person[] = []
  for (const audit of currentAudits(records)) {
    const asOf = audit.record.drawn_on === null ? null : startOfDay(audit.record.drawn_on)
    const add = (role: Person['role'], counts: Record<string, number>, location: FindingLocation): void => {
      for (const id of Object.keys(counts).sort(compareStrings)) out.push({ role, id, count: counts[id]!, entry: roster.get(id), location, asOf })
    }
    if (audit.record.kind === 'annotation') add('annotator', audit.record.population.annotators, exportsOf(audit.record))
    if (audit.record.result) add('reviewer', audit.record.result.reviewers, auditAt(audit))
  }
  return out
}

/** Why a roster entry does not count as trained (a reason code and its values), or null when it does. */
export function untrainedReason(person: AnnotatorConfig, validDays: number, today: Date): FindingArgs | null {
  if (person.trained_on === undefined) return { reason: 'no-date' }
  const trained = Date.parse(`${person.trained_on}T00:00:00Z`)
  // The config only checks the YYYY-MM-DD shape: a NaN age would never count as lapsed.
  if (Number.isNaN(trained)) return { reason: 'bad-date', trained: person.trained_on }
  const age = Math.floor((today.getTime() - trained) / DAY_MS)
  if (age > validDays) return { reason: 'lapsed', trained: person.trained_on, age, valid: validDays }
  if (person.assessment === 'failed') return { reason: 'failed' }
  if (person.assessment !== 'passed') return { reason: 'pending' }
  return null
}
