import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

const DAY_MS = 86_400_000

export const auditStale = defineRule({
  code: 'AUDIT_STALE',
  stage: 'check',
  clause: 'Art. 8',
  title: { en: 'Audit older than the policy allows', zh: '抽检超过策略允许的时效' },
  description: {
    en: 'A current audit was scored longer ago than `policy.audit_max_age_days`. Checked only when that policy is set.',
    zh: '当前有效的抽检评分时间早于 `policy.audit_max_age_days` 所允许的天数。仅在设置该策略时检查。',
  },
  fix: { en: 'Draw and score a new audit, or raise `policy.audit_max_age_days`.', zh: '重新抽样并评分，或调高 `policy.audit_max_age_days`。' },
  check: (records) => {
    const max = records.config?.policy.audit_max_age_days
    if (max === undefined) return []
    return currentAudits(records).flatMap((a) => {
      const scored = a.record.result?.scored_on
      if (scored === undefined) return []
      const age = Math.floor((records.today.getTime() - Date.parse(`${scored}T00:00:00Z`)) / DAY_MS)
      return age > max ? [{ code: 'AUDIT_STALE' as const, args: { audit: a.record.id, scored, age, max }, location: auditAt(a) }] : []
    })
  },
})
