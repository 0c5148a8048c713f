import { inconsistencyFinding, recordInconsistencies } from '../../audit/verify/index.js'
import type { RuleFinding } from '../../findings/finding.js'
import { defineRule } from '../rule.js'

export const auditRecordInconsistent = defineRule({
  code: 'AUDIT_RECORD_INCONSISTENT',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Audit record is not the sample its plan and seed give', zh: '抽检记录与其抽样方案和种子不符' },
  description: {
    en: 'The record is checked against itself: the sample size its plan gives for the recorded population, strata sampled as allocated, every row ranked by the seed, rows in rank order and once each, a population fingerprint. When the exports it names are present with the recorded sha256, `tdgov audit score` and `tdgov audit verify` also draw the sample again and compare every row. A difference means the record was edited, or is not what tdgov drew. Every record is checked, stale ones too.',
    zh: '对记录本身进行核对：按其抽样方案与记录的总体数量应得的样本量、各层按分配抽取的数量、每行的秩与种子一致、各行按秩排序且不重复、总体指纹存在。当记录所列的导出文件存在且 sha256 一致时，`tdgov audit score` 与 `tdgov audit verify` 还会重新抽样并逐行比对。出现差异说明记录被修改过，或并非 tdgov 所抽取。所有记录（包括已过期的）都会核对。',
  },
  fix: {
    en: 'Draw the sample again with `tdgov audit sample` (the same seed gives the same sample) and have it reviewed; `tdgov audit verify RECORD --exports DIR` shows every difference.',
    zh: '使用 `tdgov audit sample` 重新抽样（同一种子得到同一样本）并重新审核；`tdgov audit verify RECORD --exports DIR` 会列出全部差异。',
  },
  check: (records) =>
    records.audits.flatMap((a): RuleFinding[] => {
      const out: RuleFinding[] = []
      const differences = recordInconsistencies(a.record)
      if (differences.length > 0) out.push(inconsistencyFinding({ id: a.record.id, path: a.path }, 'plan', differences))
      // A re-draw needs the exports, which rules do not read: what scoring found is kept in the result.
      const redrawn = a.record.result?.findings.find((f) => f.code === 'AUDIT_RECORD_INCONSISTENT' && f.args.check === 'redraw')
      if (redrawn !== undefined) out.push({ code: redrawn.code, args: redrawn.args, location: { kind: 'audit', id: a.record.id, path: a.path } })
      return out
    }),
})
