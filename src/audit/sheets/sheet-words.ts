import type { Language } from '../../findings/messages.js'
import { SHEET_COLUMNS, type SheetColumn, type SheetKind } from './sheet-row.js'

/**
 * The words a review sheet shows its reviewers, in English and Chinese: column headers and
 * verdicts. Reading accepts either language's words in every sheet format, so a team may fill in
 * a sheet written for the other one; scores and records keep the English (canonical) verdict.
 */
export type SheetLanguage = Language

/** Chinese headers; the English ones are the column keys themselves. */
const ZH_HEADERS: Readonly<Record<SheetColumn, string>> = {
  audit_id: '审核编号',
  item_id: '条目编号',
  annotator: '标注员',
  label: '标注',
  preview: '预览',
  verdict: '结论',
  corrected_label: '更正标注',
  error_type: '错误类型',
  reviewer: '审核员',
  note: '备注',
}

export function headerOf(column: SheetColumn, language: SheetLanguage): string {
  return language === 'zh' ? ZH_HEADERS[column] : column
}

/** The header names a column is found by, lower-cased: its key and its Chinese header. */
export function headerNames(column: SheetColumn): readonly string[] {
  return [column, ZH_HEADERS[column]]
}

export function sheetHeaders(language: SheetLanguage): string[] {
  return SHEET_COLUMNS.map((column) => headerOf(column, language))
}

/** Canonical verdicts, [good, defect]: annotation audits judge the label, content audits the record. */
const CANONICAL: Readonly<Record<SheetKind, readonly [string, string]>> = {
  annotation: ['correct', 'incorrect'],
  content: ['pass', 'fail'],
}

const ZH_VERDICTS: Readonly<Record<SheetKind, readonly [string, string]>> = {
  annotation: ['正确', '错误'],
  content: ['合格', '不合格'],
}

/** The verdict words a sheet in `language` offers, [good, defect]. */
export function verdictWords(kind: SheetKind, language: SheetLanguage): readonly [string, string] {
  return language === 'zh' ? ZH_VERDICTS[kind] : CANONICAL[kind]
}

/**
 * The canonical verdict a reviewer's word stands for (English compared case-insensitively), or
 * null when it is not one of the kind's words in either language.
 */
export function canonicalVerdict(kind: SheetKind, word: string): string | null {
  const english = CANONICAL[kind].indexOf(word.toLowerCase())
  const at = english >= 0 ? english : ZH_VERDICTS[kind].indexOf(word)
  return at >= 0 ? CANONICAL[kind][at]! : null
}

/** "correct or incorrect (正确 or 错误)", for messages about a verdict that is neither. */
export function verdictChoices(kind: SheetKind): string {
  return `${CANONICAL[kind].join(' or ')} (${ZH_VERDICTS[kind].join(' or ')})`
}

/**
 * Suggested error types. Content audits: the risk classes of TC260-003 Appendix A (A.1–A.5);
 * annotation audits: the usual kinds of labelling error. Suggestions only: a reviewer may type
 * any other text, and scoring counts whatever is there.
 */
const ERROR_TYPES: Readonly<Record<SheetKind, Readonly<Record<SheetLanguage, readonly string[]>>>> = {
  content: {
    en: [
      'A.1 violates core socialist values',
      'A.2 discrimination',
      'A.3 commercial violation (IP infringement or trade secrets)',
      "A.4 violates others' rights (privacy or personal information)",
      'A.5 unsafe for a high-security service type',
    ],
    zh: ['A.1 违反社会主义核心价值观', 'A.2 歧视性内容', 'A.3 商业违法违规（含侵犯知识产权、商业秘密）', 'A.4 侵犯他人合法权益（含隐私、个人信息）', 'A.5 无法满足特定服务类型的安全需求'],
  },
  annotation: {
    en: ['wrong label', 'missing label', 'extra label', 'boundary or region', 'rule unclear', 'other'],
    zh: ['标注错误', '漏标', '多标', '边界或区域不准', '规则不明确', '其他'],
  },
}

export function errorTypeSuggestions(kind: SheetKind, language: SheetLanguage): readonly string[] {
  return ERROR_TYPES[kind][language]
}

/**
 * The sheet language when --sheet-lang is not given: the first language of `dataset.language`
 * in tdgov.yaml that is Chinese or English (BCP 47: zh, zh-CN, zh-Hans, en-GB), else the `LANG`
 * environment variable (zh_CN.UTF-8), else English.
 */
export function defaultSheetLanguage(declared: string | readonly string[] | undefined, lang: string | undefined): SheetLanguage {
  const codes = declared === undefined ? [] : typeof declared === 'string' ? [declared] : declared
  for (const code of codes) {
    const language = languageOf(code)
    if (language !== null) return language
  }
  return languageOf(lang ?? '') ?? 'en'
}

function languageOf(code: string): SheetLanguage | null {
  const primary = code.trim().toLowerCase().split(/[-_.@]/)[0]
  if (primary === 'zh' || primary === 'chinese') return 'zh'
  if (primary === 'en' || primary === 'english') return 'en'
  return null
}
