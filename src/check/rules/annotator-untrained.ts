import type { RuleFinding } from '../../findings/finding.js'
import { defineRule } from '../rule.js'
import { DEFAULT_TRAINING_VALID_DAYS, peopleOfAudits, untrainedReason } from './roster.js'

export const annotatorUntrained = defineRule({
  code: 'ANNOTATOR_UNTRAINED',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Annotator or reviewer without valid training', zh: '标注或审核人员培训无效' },
  description: {
    en: 'A roster entry has no training date, training older than `policy.training_valid_days` (default 365), or no passed assessment after training. Art. 8 and TC260-003 ask that labellers be trained and assessed.',
    zh: '名单中的人员没有培训日期、培训早于 `policy.training_valid_days`（默认 365 天），或培训后考核未通过。第八条及 TC260-003 要求标注人员经过培训与考核。',
  },
  fix: { en: 'Train and assess the person, then update `trained_on` and `assessment` in the roster.', zh: '对该人员进行培训与考核，并更新名单中的 `trained_on` 与 `assessment`。' },
  check: (records) => {
    const validDays = records.config?.policy.training_valid_days ?? DEFAULT_TRAINING_VALID_DAYS
    return peopleOfAudits(records).flatMap((p): RuleFinding[] => {
      const reason = p.entry === undefined ? null : untrainedReason(p.entry, validDays, p.asOf ?? records.today)
      return reason === null ? [] : [{ code: 'ANNOTATOR_UNTRAINED', args: { role: p.role, annotator: p.id, count: p.count, ...reason }, location: p.location }]
    })
  },
})
