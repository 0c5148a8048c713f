import { defineRule } from '../rule.js'
import { currentAudits } from './audits.js'
import { configAt } from './locations.js'

export const sourceSafetyMissing = defineRule({
  code: 'SOURCE_SAFETY_MISSING',
  stage: 'check',
  clause: 'TC260-003 §5.1',
  title: { en: 'Source without an accepted content-safety audit', zh: '来源缺少合格的内容安全抽检' },
  description: {
    en: 'TC260-003 §5.1 asks that each source be checked for harmful content before it is collected (4,000 randomly sampled items, at least 96% acceptable). This source with files has no current accepted content audit.',
    zh: 'TC260-003 第 5.1 条要求在采集前对每个来源进行安全评估（随机抽样 4000 条，合格率不低于 96%）。该来源有文件，但没有当前有效且合格的内容安全抽检。',
  },
  fix: {
    en: 'Run `tdgov audit sample --source ID`, have the sheet reviewed and score it; or set this rule off for sources reviewed otherwise, with a reason.',
    zh: '运行 `tdgov audit sample --source ID`，完成审核并评分；若已通过其他方式评估，可附理由关闭本规则。',
  },
  check: (records) => {
    if (records.config === null || records.manifest === null) return []
    const accepted = new Set(currentAudits(records).flatMap((a) => (a.record.kind === 'content' && a.record.result?.decision === 'accept' && a.record.source ? [a.record.source] : [])))
    const files = new Map(records.manifest.header.sources.map((s) => [s.id, s.files]))
    return records.config.sources.flatMap((source, i) =>
      (files.get(source.id) ?? 0) === 0 || accepted.has(source.id) ? [] : [{ code: 'SOURCE_SAFETY_MISSING' as const, args: { source: source.id }, location: configAt(records, ['sources', i]) }],
    )
  },
})
