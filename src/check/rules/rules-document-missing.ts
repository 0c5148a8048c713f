import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const rulesDocumentMissing = defineRule({
  code: 'RULES_DOCUMENT_MISSING',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Labelling-rules document missing', zh: '标注规则文档缺失' },
  description: {
    en: 'A labelling rule set names a `document` that does not exist, or one tdgov will not read (outside the folder of tdgov.yaml, not a regular file, or larger than 64 MiB), so the rules the data was labelled under cannot be shown or hashed.',
    zh: '标注规则的 `document` 指向的文件不存在，或 tdgov 不读取该文件（位于 tdgov.yaml 所在目录之外、不是普通文件或大于 64 MiB），无法出示或校验数据标注所依据的规则。',
  },
  fix: { en: 'Commit the rules document at the path given (relative to tdgov.yaml), or correct `document:`.', zh: '在所给路径（相对 tdgov.yaml）提交规则文档，或修正 `document:`。' },
  check: (records) =>
    (records.config?.labelling_rules ?? []).flatMap((rules, i) =>
      records.rulesDocuments.get(rules.id) === null
        ? [
            {
              code: 'RULES_DOCUMENT_MISSING' as const,
              args: { rules: rules.id, document: rules.document, reason: records.rulesDocumentProblems.get(rules.id) ?? 'missing' },
              location: configAt(records, ['labelling_rules', i, 'document']),
            },
          ]
        : [],
    ),
})
