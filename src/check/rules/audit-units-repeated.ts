import type { FindingLocation, RuleFinding } from '../../findings/finding.js'
import type { RepeatReport } from '../../records/audit-record.js'
import { defineRule } from '../rule.js'
import { currentAudits, exportsOf } from './audits.js'
import { fileAt } from './locations.js'

export const auditUnitsRepeated = defineRule({
  code: 'AUDIT_UNITS_REPEATED',
  stage: 'audit',
  clause: 'Art. 8',
  title: { en: 'Annotations repeated in the audited exports', zh: '被抽检导出文件中存在重复标注' },
  description: {
    en: 'The exports an audit sampled hold the same unit (item, annotator) more than once. The population counts each unit once and keeps the copy `--repeats` names (first by default); the record lists how many repeat, how many copies differ in their labels and where the first ones are.',
    zh: '被抽检的导出文件中，同一单元（条目、标注人员）出现不止一次。总体中每个单元只计一次，并保留 `--repeats` 指定的那一份（默认第一份）；抽检记录列出重复的数量、各份标签不一致的数量以及前几处的位置。',
  },
  fix: {
    en: 'Remove the repeated annotations from the export (or re-export), or say which copy counts with `--repeats first|last`; `--repeats refuse` makes a repeat stop the audit.',
    zh: '从导出文件中删除重复的标注（或重新导出），或用 `--repeats first|last` 指明以哪一份为准；`--repeats refuse` 则在发现重复时终止抽检。',
  },
  check: (records) => {
    const out: RuleFinding[] = []
    for (const audit of currentAudits(records)) {
      const repeats = audit.record.repeats
      if (repeats === null || repeats.units === 0) continue
      out.push(repeatsFinding(repeats, exportsOf(audit.record)))
    }
    return out
  },
})

/**
 * The finding for a report with repeats, placed at the first copy's line when there is one: audit
 * agreement reports the exports it reads with the same finding.
 */
export function repeatsFinding(repeats: RepeatReport, otherwise: FindingLocation): RuleFinding {
  return { code: 'AUDIT_UNITS_REPEATED', args: repeatArgs(repeats), location: firstPlace(repeats) ?? otherwise }
}

/** The finding's arguments: the totals and the first repeated unit with its places. */
function repeatArgs(repeats: RepeatReport): Record<string, string | number> {
  const first = repeats.examples[0]!
  return {
    units: repeats.units,
    copies: repeats.copies,
    differing: repeats.differing,
    policy: repeats.policy,
    item: first.item_id,
    ...(first.annotator !== null && { annotator: first.annotator }),
    places: first.places.join(', '),
  }
}

/** The first copy's file and line, when its place is a line ("path: line 12"). */
function firstPlace(repeats: RepeatReport): FindingLocation | null {
  const place = repeats.examples[0]?.places[0]
  const match = place === undefined ? null : /^(.*): line (\d+)$/.exec(place)
  return match === null ? null : fileAt(match[1]!, Number(match[2]))
}
