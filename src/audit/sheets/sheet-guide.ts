import { headerOf, verdictWords, type SheetLanguage } from './sheet-words.js'
import type { SheetKind } from './sheet-row.js'

/** What the xlsx instructions sheet tells reviewers about the audit: from the audit record and its rules. */
export interface SheetGuide {
  auditId: string
  kind: SheetKind
  seed: string
  /** YYYY-MM-DD */
  drawnOn: string
  rules: GuideRules | null
}

export interface GuideRules {
  id: string
  version: string
  kind: string
  /** the label set as tdgov.yaml declares it; the config has no per-label definitions */
  labels: readonly string[]
  /** the rules document, as the audit record gives it */
  document: string
  sha256: string | null
}

/** The instructions sheet's name; the review sheet keeps the name "review" in both languages. */
export function guideSheetName(language: SheetLanguage): string {
  return language === 'zh' ? '说明' : 'instructions'
}

/** The instructions as [field, value] rows, in the sheet's language. */
export function guideRows(guide: SheetGuide, language: SheetLanguage): [string, string][] {
  return language === 'zh' ? zhRows(guide) : enRows(guide)
}

function enRows(guide: SheetGuide): [string, string][] {
  const [good, bad] = verdictWords(guide.kind, 'en')
  const content = guide.kind === 'content'
  const rows: [string, string][] = [
    ['Review sheet', `tdgov audit ${guide.auditId}: one row per sampled ${content ? 'record' : 'annotation'}, on the worksheet "review".`],
    [
      'What to fill in',
      'Read the preview and the label, then fill in the white columns: verdict, corrected_label, error_type, reviewer and note. Leave the grey columns as they are: audit score refuses a sheet whose sampled rows were changed.',
    ],
    [
      'verdict',
      content
        ? `${good}: the record may be used for training; ${bad}: it holds risk content (give its risk class in error_type). Blank: not reviewed yet.`
        : `${good}: the label is right; ${bad}: it is wrong (give the right label in corrected_label). Blank: not reviewed yet.`,
    ],
    ['Verdict words', `${good} / ${bad}; the Chinese words ${verdictWords(guide.kind, 'zh').join(' / ')} are accepted as well.`],
    ['corrected_label', content ? 'Not used in content audits.' : 'The right label, from the rules’ label set (the drop-down), when the verdict is incorrect.'],
    ['error_type', `${content ? 'The TC260-003 Appendix A risk class' : 'The kind of error'}: choose from the drop-down or type your own.`],
    ['reviewer', 'Your id as on the roster (annotators in tdgov.yaml).'],
    ['When done', 'Save the workbook as .xlsx and run: tdgov audit score <this file>'],
    ['Audit id', guide.auditId],
    ['Audit kind', guide.kind],
    ['Seed', guide.seed],
    ['Drawn on', guide.drawnOn],
  ]
  if (guide.rules === null) return [...rows, ['Labelling rules', 'None recorded for this audit (labelling_rules in tdgov.yaml).']]
  const { rules } = guide
  return [
    ...rows,
    ['Rules id', rules.id],
    ['Rules version', rules.version],
    ['Rules kind', rules.kind],
    ['Rules document', rules.document],
    ['Rules document sha256', rules.sha256 ?? 'not read (the document was missing when the sample was drawn)'],
    ['Label definitions', 'tdgov.yaml declares the label set below; what each label means is in the rules document.'],
    ...rules.labels.map((label, i): [string, string] => [`Label ${i + 1}`, label]),
  ]
}

function zhRows(guide: SheetGuide): [string, string][] {
  const [good, bad] = verdictWords(guide.kind, 'zh')
  const content = guide.kind === 'content'
  const h = (column: Parameters<typeof headerOf>[0]): string => headerOf(column, 'zh')
  const rows: [string, string][] = [
    ['审核表', `tdgov 审核 ${guide.auditId}：工作表 “review” 中每行一个抽样的${content ? '数据条目' : '标注'}。`],
    [
      '填写说明',
      `阅读${h('preview')}和${h('label')}后，填写白色列：${h('verdict')}、${h('corrected_label')}、${h('error_type')}、${h('reviewer')}、${h('note')}。灰色列请勿修改：抽样行被改动的审核表，audit score 将拒绝评分。`,
    ],
    [
      h('verdict'),
      content
        ? `${good}：该条目可用于训练；${bad}：含有风险内容（请在${h('error_type')}中填写风险类别）。留空：尚未审核。`
        : `${good}：标注正确；${bad}：标注有误（请在${h('corrected_label')}中填写正确标注）。留空：尚未审核。`,
    ],
    ['结论用词', `${good} / ${bad}；也接受英文 ${verdictWords(guide.kind, 'en').join(' / ')}。`],
    [h('corrected_label'), content ? '内容审核不使用此列。' : `结论为${bad}时，从规则的标注集合（下拉列表）中选择正确标注。`],
    [h('error_type'), `${content ? 'TC260-003 附录 A 的风险类别' : '错误类型'}：从下拉列表选择，或自行填写。`],
    [h('reviewer'), '您在人员名单（tdgov.yaml 的 annotators）中的编号。'],
    ['完成后', '保存为 .xlsx 文件，然后运行：tdgov audit score <本文件>'],
    ['审核编号', guide.auditId],
    ['审核类型', content ? '内容审核（content）' : '标注审核（annotation）'],
    ['随机种子', guide.seed],
    ['抽样日期', guide.drawnOn],
  ]
  if (guide.rules === null) return [...rows, ['标注规则', '本次审核未记录标注规则（tdgov.yaml 的 labelling_rules）。']]
  const { rules } = guide
  return [
    ...rows,
    ['规则编号', rules.id],
    ['规则版本', rules.version],
    ['规则类型', rules.kind === 'safety' ? '安全（safety）' : rules.kind === 'functional' ? '功能（functional）' : rules.kind],
    ['规则文档', rules.document],
    ['规则文档 sha256', rules.sha256 ?? '未读取（抽样时文档不存在）'],
    ['标注定义', 'tdgov.yaml 声明了下列标注集合；各标注的含义见规则文档。'],
    ...rules.labels.map((label, i): [string, string] => [`标注 ${i + 1}`, label]),
  ]
}
