import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const reviewerIsAnnotator = defineRule({
  code: 'REVIEWER_IS_ANNOTATOR',
  stage: 'audit',
  clause: 'Art. 8, TC260-003',
  title: { en: 'Item reviewed by its own annotator', zh: '条目由其标注人员本人审核' },
  description: {
    en: 'A sheet row was reviewed by the person who labelled it; a sampled accuracy check needs an independent reviewer. A reviewer whose roster role is `annotator` only is also flagged.',
    zh: '抽检表中某行由其标注人员本人审核；抽样核验准确率需要独立的审核人员。名单角色仅为 `annotator` 的人员担任审核时同样标记。',
  },
  fix: { en: 'Have another reviewer review the row, then score the sheet again.', zh: '由其他审核人员重新审核该行，然后重新评分。' },
  check: (records) => {
    const roles = new Map((records.config?.annotators ?? []).map((p) => [p.id, p.role]))
    return currentAudits(records).flatMap((a) => {
      const result = a.record.result
      if (result === null) return []
      const self = result.reviewer_is_annotator.map((r) => ({
        code: 'REVIEWER_IS_ANNOTATOR' as const,
        args: { row: r.row, item: r.item_id, annotator: r.annotator },
        location: auditAt(a, r.row),
      }))
      const notReviewers = Object.keys(result.reviewers)
        .filter((id) => roles.get(id) === 'annotator')
        .map((id) => ({ code: 'REVIEWER_IS_ANNOTATOR' as const, args: { reviewer: id, count: result.reviewers[id]! }, location: auditAt(a) }))
      return [...self, ...notReviewers]
    })
  },
})
