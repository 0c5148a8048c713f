import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const reviewerMissing = defineRule({
  code: 'REVIEWER_MISSING',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Reviewed rows without a reviewer', zh: '已审核的行未填写审核人员' },
  description: {
    en: 'Rows of a scored sheet have a verdict but no reviewer, so reviewer ≠ annotator and the reviewers\' training cannot be checked.',
    zh: '已评分抽检表中有行填写了结论却未填写审核人员，无法检查审核人员与标注人员是否不同及其培训情况。',
  },
  fix: { en: "Fill in the reviewer's id on every reviewed row and score the sheet again.", zh: '在每个已审核的行填写审核人员 id，然后重新评分。' },
  check: (records) =>
    currentAudits(records).flatMap((a) => {
      const missing = a.record.result?.reviewer_missing ?? 0
      return missing > 0 ? [{ code: 'REVIEWER_MISSING' as const, args: { count: missing, audit: a.record.id }, location: auditAt(a) }] : []
    }),
})
