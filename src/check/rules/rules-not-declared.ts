import { defineRule } from '../rule.js'
import { auditAt, currentAudits } from './audits.js'

export const rulesNotDeclared = defineRule({
  code: 'RULES_NOT_DECLARED',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Annotation audit without labelling rules', zh: '标注抽检未关联标注规则' },
  description: {
    en: 'An annotation audit names no labelling rules, so labels and annotators are not checked against a declared label set. Art. 8 asks for clear, specific and operable labelling rules.',
    zh: '标注抽检未关联任何标注规则，标签与标注人员无法对照已声明的标签集检查。第八条要求制定清晰、具体、可操作的标注规则。',
  },
  fix: {
    en: 'Declare the rules under `labelling_rules` in tdgov.yaml (id, version, kind, labels, document) and draw the audit again with `--rules ID`.',
    zh: '在 tdgov.yaml 的 `labelling_rules` 中声明规则（id、version、kind、labels、document），并以 `--rules ID` 重新抽样。',
  },
  check: (records) =>
    currentAudits(records)
      .filter((a) => a.record.kind === 'annotation' && a.record.rules === null)
      .map((a) => ({ code: 'RULES_NOT_DECLARED' as const, args: { audit: a.record.id }, location: auditAt(a) })),
})
