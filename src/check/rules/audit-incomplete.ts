import type { FindingArgs } from '../../findings/finding.js'
import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const auditIncomplete = defineRule({
  code: 'AUDIT_INCOMPLETE',
  stage: 'check',
  clause: 'Art. 8',
  title: { en: 'Audit not scored or not fully reviewed', zh: '抽检未评分或未审核完毕' },
  description: {
    en: 'A current audit has not been scored, or its sheet has rows without a verdict, so no accept or reject decision exists.',
    zh: '当前有效的抽检尚未评分，或其抽检表中有行未填写结论，因此尚无合格与否的判定。',
  },
  fix: { en: 'Review every row of the sheet and run `tdgov audit score`.', zh: '审核抽检表的每一行，然后运行 `tdgov audit score`。' },
  check: (records) =>
    currentAudits(records).flatMap((a) => {
      const r = a.record.result
      if (r !== null && r.decision !== 'incomplete') return []
      const args: FindingArgs = r === null ? { audit: a.record.id } : { audit: a.record.id, reviewed: r.reviewed, unreviewed: r.unreviewed, sampled: r.reviewed + r.unreviewed }
      return [{ code: 'AUDIT_INCOMPLETE' as const, args, location: auditAt(a) }]
    }),
})
