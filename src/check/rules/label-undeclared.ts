import type { RuleFinding } from '../../findings/finding.js'
import { compareStrings } from '../../util/order.js'
import { defineRule } from '../rule.js'
import { auditAt, currentAudits, exportsOf } from './audits.js'

export const labelUndeclared = defineRule({
  code: 'LABEL_UNDECLARED',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Label outside the declared label set', zh: '标签不在已声明的标签集中' },
  description: {
    en: "A label in the audited exports, a reviewer's correction, or a content audit's risk category is not in the label set of the labelling rules the audit follows.",
    zh: '被抽检导出文件中的标签、审核人员的更正标签或内容安全抽检的风险类别，不在该抽检所依据标注规则的标签集中。',
  },
  fix: { en: 'Relabel the items, or add the label to `labels:` of the rules (with a new rules version).', zh: '重新标注相关条目，或将该标签加入规则的 `labels:`（并更新规则版本）。' },
  check: (records) => {
    const out: RuleFinding[] = []
    for (const audit of currentAudits(records)) {
      const rules = audit.record.rules && records.config?.labelling_rules.find((r) => r.id === audit.record.rules!.id)
      if (!rules) continue
      const declared = new Set(rules.labels)
      // Content audits sample records, not labels: only the reviewers' risk categories are labels there.
      const population = audit.record.kind === 'annotation' ? audit.record.population.labels : {}
      for (const [label, count] of Object.entries(population).sort(([a], [b]) => compareStrings(a, b))) {
        if (!declared.has(label)) out.push({ code: 'LABEL_UNDECLARED', args: { label, count, rules: rules.id }, location: exportsOf(audit.record) })
      }
      for (const [label, count] of Object.entries<number>(audit.record.result?.corrections ?? {}).sort(([a], [b]) => compareStrings(a, b))) {
        if (!declared.has(label)) out.push({ code: 'LABEL_UNDECLARED', args: { label, count, rules: rules.id }, location: auditAt(audit) })
      }
    }
    return out
  },
})
