import { defineRule } from '../rule.js'
import { peopleOfAudits } from './roster.js'

export const annotatorNotInRoster = defineRule({
  code: 'ANNOTATOR_NOT_IN_ROSTER',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Annotator or reviewer not in the roster', zh: '标注或审核人员不在人员名单中' },
  description: {
    en: 'Someone who labelled the audited exports or reviewed the sheet is not in `annotators` of tdgov.yaml, so their training cannot be shown. Checked only when a roster is declared.',
    zh: '为被抽检导出文件做标注或审核抽检表的人员不在 tdgov.yaml 的 `annotators` 名单中，无法证明其接受过培训。仅在声明了名单时检查。',
  },
  fix: { en: 'Add the person (id as in the export, role, affiliation, trained_on, assessment) to `annotators`.', zh: '将该人员（导出文件中的 id、角色、所属、培训日期、考核结果）加入 `annotators`。' },
  check: (records) =>
    peopleOfAudits(records)
      .filter((p) => p.entry === undefined)
      .map((p) => ({ code: 'ANNOTATOR_NOT_IN_ROSTER' as const, args: { role: p.role, annotator: p.id, count: p.count }, location: p.location })),
})
