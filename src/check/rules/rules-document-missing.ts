import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const rulesDocumentMissing = defineRule({
  code: 'RULES_DOCUMENT_MISSING',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Labelling-rules document missing', zh: '标注规则文档缺失' },
  description: {
    en: 'A labelling rule set names a `document` that does not exist, so the rules the data was labelled under cannot be shown or hashed.',
    zh: '标注规则的 `document` 指向的文件不存在，无法出示或校验数据标注所依据的规则。',
  },
  fix: { en: 'Commit the rules document at the path given (relative to tdgov.yaml), or correct `document:`.', zh: '在所给路径（相对 tdgov.yaml）提交规则文档，或修正 `document:`。' },
  check: (records) =>
    (records.config?.labelling_rules ?? []).flatMap((rules, i) =>
      records.rulesDocuments.get(rules.id) === null
        ? [{ code: 'RULES_DOCUMENT_MISSING' as const, args: { rules: rules.id, document: rules.document }, location: configAt(records, ['labelling_rules', i, 'document']) }]
        : [],
    ),
})
