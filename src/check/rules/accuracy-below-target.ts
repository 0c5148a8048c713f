import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const accuracyBelowTarget = defineRule({
  code: 'ACCURACY_BELOW_TARGET',
  stage: 'check',
  clause: 'Art. 8',
  title: { en: 'Measured accuracy under the target', zh: '实测准确率低于目标' },
  description: {
    en: "A current scored annotation audit's accuracy (correct / reviewed) is below `policy.target_accuracy`, whatever its sampling plan decided. Checked only when that policy is set.",
    zh: '当前有效且已评分的标注抽检，其准确率（正确数 / 审核数）低于 `policy.target_accuracy`，无论抽样方案的判定结果如何。仅在设置该策略时检查。',
  },
  fix: { en: 'Relabel the batch and audit it again, or lower the target with a reason.', zh: '重新标注该批次并再次抽检，或附理由调低目标。' },
  check: (records) => {
    const target = records.config?.policy.target_accuracy
    if (target === undefined) return []
    return currentAudits(records).flatMap((a) => {
      const accuracy = a.record.result?.accuracy
      if (a.record.kind !== 'annotation' || accuracy === undefined || accuracy === null || accuracy >= target) return []
      return [{ code: 'ACCURACY_BELOW_TARGET' as const, args: { audit: a.record.id, accuracy, target }, location: auditAt(a) }]
    })
  },
})
