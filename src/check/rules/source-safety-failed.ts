import type { FindingArgs } from '../../findings/finding.js'
import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const sourceSafetyFailed = defineRule({
  code: 'SOURCE_SAFETY_FAILED',
  stage: 'check',
  clause: 'TC260-003 §5.1',
  title: { en: 'Source failed its content-safety audit', zh: '来源未通过内容安全抽检' },
  description: {
    en: 'A current content audit of a source was rejected: its pass rate is under the minimum, or more than the harmful-rate limit (TC260-003: 5%) of its sampled items is harmful, in which case the source must not be collected.',
    zh: '某来源当前有效的内容安全抽检被判定不合格：合格率低于下限，或有害内容超过上限（TC260-003：5%），此时不应采集该来源。',
  },
  fix: { en: 'Remove the source from the dataset, or filter it and audit it again.', zh: '从数据集中移除该来源，或过滤后重新抽检。' },
  check: (records) =>
    currentAudits(records).flatMap((a) => {
      const r = a.record.result
      if (a.record.kind !== 'content' || r === null || r.decision !== 'reject') return []
      const harmful: FindingArgs = r.source_rejected === true && r.harmful_rate !== null && r.thresholds.harmful_rate_max !== null ? { harmful: r.harmful_rate, max: r.thresholds.harmful_rate_max } : {}
      return [{ code: 'SOURCE_SAFETY_FAILED' as const, args: { source: a.record.source ?? '?', audit: a.record.id, ...harmful }, location: auditAt(a) }]
    }),
})
