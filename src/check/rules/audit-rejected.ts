import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const auditRejected = defineRule({
  code: 'AUDIT_REJECTED',
  stage: 'check',
  clause: 'Art. 8',
  title: { en: 'Rejected annotation audit', zh: '标注抽检未通过' },
  description: {
    en: 'A current annotation audit was scored and rejected (ISO 2859-1 Re reached, or the accuracy lower bound under target): the batch must not be released as labelled.',
    zh: '当前有效的标注抽检已评分且判定不合格（达到 ISO 2859-1 拒收数，或准确率下限低于目标）：该批次不应按已标注数据发布。',
  },
  fix: { en: 'Relabel the batch, export it again, and draw and score a new audit.', zh: '对该批次重新标注并导出，然后重新抽样和评分。' },
  check: (records) =>
    currentAudits(records).flatMap((a) => {
      const r = a.record.result
      if (a.record.kind !== 'annotation' || r === null || r.decision !== 'reject') return []
      return [{ code: 'AUDIT_REJECTED' as const, args: { audit: a.record.id, kind: a.record.kind, defects: r.defects, reviewed: r.reviewed, ...(r.accuracy !== null && { accuracy: r.accuracy }) }, location: auditAt(a) }]
    }),
})
