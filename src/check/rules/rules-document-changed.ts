import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const rulesDocumentChanged = defineRule({
  code: 'RULES_DOCUMENT_CHANGED',
  stage: 'check',
  clause: 'Art. 8',
  title: { en: 'Labelling rules changed since the audit', zh: '标注规则文档在抽检后发生变更' },
  description: {
    en: "The labelling-rules document's sha256 differs from the one the audit recorded when it was drawn: the audit judged the labels against other rules.",
    zh: '标注规则文档当前的 sha256 与抽检时记录的不同：该抽检依据的是另一版规则。',
  },
  fix: {
    en: 'Draw and score a new audit under the current rules, or restore the document the audit was drawn under (and bump `version:` when rules change).',
    zh: '依据现行规则重新抽样并评分，或恢复抽检时的规则文档（规则变更时同时更新 `version:`）。',
  },
  check: (records) =>
    currentAudits(records).flatMap((a) => {
      const rules = a.record.rules
      if (rules === null || rules.sha256 === null) return []
      const current = records.rulesDocuments.get(rules.id)
      if (current === undefined || current === null || current === rules.sha256) return []
      return [
        {
          code: 'RULES_DOCUMENT_CHANGED' as const,
          args: { rules: rules.id, document: rules.document, audit: a.record.id, recorded: rules.sha256.slice(0, 12), current: current.slice(0, 12) },
          location: auditAt(a),
        },
      ]
    }),
})
