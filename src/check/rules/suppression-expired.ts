import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const suppressionExpired = defineRule({
  code: 'SUPPRESSION_EXPIRED',
  stage: 'check',
  clause: 'policy',
  title: { en: 'Expired suppression', zh: '抑制规则已过期' },
  description: {
    en: 'A suppression in `policy.suppressions` has an `until` date in the past: it no longer suppresses anything, and the findings it covered count again.',
    zh: '`policy.suppressions` 中某条抑制规则的 `until` 日期已过：它不再生效，其覆盖的发现项重新计入。',
  },
  fix: { en: 'Fix the findings, or renew the suppression with a new `until` date and a reason.', zh: '修复相关发现项，或以新的 `until` 日期和理由续期该抑制规则。' },
  check: (records) => {
    const today = records.today.toISOString().slice(0, 10)
    return (records.config?.policy.suppressions ?? []).flatMap((s, i) =>
      s.until !== undefined && s.until < today
        ? [{ code: 'SUPPRESSION_EXPIRED' as const, args: { rule: s.rule, reason: s.reason, until: s.until }, location: configAt(records, ['policy', 'suppressions', i]) }]
        : [],
    )
  },
})
