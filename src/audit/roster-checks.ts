import type { AnnotatorConfig, Config, LabellingRuleConfig } from '../records/config-schema.js'
import { toFinding, type Finding } from '../findings/finding.js'
import { compareStrings } from '../util/order.js'

const DAY_MS = 86_400_000
export const DEFAULT_TRAINING_VALID_DAYS = 365

/**
 * Checks what was labelled against what tdgov.yaml declares: labels outside the rules' label set,
 * and people missing from the roster or whose training lapsed or was not passed. `path` is what
 * the findings point at (the annotation export).
 */
export function checkLabelsAndAnnotators(input: {
  path: string
  labels: Record<string, number>
  annotators: Record<string, number>
  rules: LabellingRuleConfig | null
  config: Config | null
  today: Date
}): Finding[] {
  const findings: Finding[] = []
  if (input.rules === null) {
    findings.push(toFinding(input.path, { code: 'RULES_NOT_DECLARED' }))
  } else {
    const declared = new Set(input.rules.labels)
    for (const [label, count] of Object.entries(input.labels)) {
      if (!declared.has(label)) findings.push(toFinding(input.path, { code: 'LABEL_UNDECLARED', args: { label, count, rules: input.rules.id } }))
    }
  }
  if (input.config !== null && input.config.annotators.length > 0) {
    findings.push(...checkPeople(input.path, input.annotators, 'annotator', input.config, input.today))
  }
  return findings
}

/** Roster checks for the people in `counts` (annotators of the export, or reviewers of a sheet). */
export function checkPeople(path: string, counts: Record<string, number>, role: 'annotator' | 'reviewer', config: Config, today: Date): Finding[] {
  const roster = new Map(config.annotators.map((person) => [person.id, person]))
  const validDays = config.policy.training_valid_days ?? DEFAULT_TRAINING_VALID_DAYS
  const findings: Finding[] = []
  for (const id of Object.keys(counts).sort(compareStrings)) {
    const count = counts[id]!
    const person = roster.get(id)
    if (person === undefined) {
      findings.push(toFinding(path, { code: 'ANNOTATOR_NOT_IN_ROSTER', args: { role, annotator: id, count } }))
      continue
    }
    const reason = untrainedReason(person, validDays, today)
    if (reason !== null) findings.push(toFinding(path, { code: 'ANNOTATOR_UNTRAINED', args: { role, annotator: id, count, reason } }))
  }
  return findings
}

/** Why a roster entry does not count as trained, or null when it does. */
export function untrainedReason(person: AnnotatorConfig, validDays: number, today: Date): string | null {
  if (person.trained_on === undefined) return 'has no training date in the roster'
  const trained = Date.parse(`${person.trained_on}T00:00:00Z`)
  // The config only checks the YYYY-MM-DD shape: a NaN age would never count as lapsed.
  if (Number.isNaN(trained)) return `has a training date that is not a calendar date (${person.trained_on})`
  const age = Math.floor((today.getTime() - trained) / DAY_MS)
  if (age > validDays) return `was last trained on ${person.trained_on}, ${age} days ago (training is valid for ${validDays} days)`
  if (person.assessment === 'failed') return 'failed the assessment after training'
  if (person.assessment !== 'passed') return 'has no passed assessment after training'
  return null
}
