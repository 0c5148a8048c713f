import { neutraliseCell } from './neutralise.js'
import type { SheetColumn } from './sheet-row.js'
import { headerOf, type SheetLanguage } from './sheet-words.js'
import type { ListValidation } from './xlsx-worksheet.js'
import { columnLetters } from './xlsx-xml.js'
import { sheetReference } from './xlsx-package.js'

/** Excel's limit on the text of a list validation's formula, quotes included. */
const MAX_LIST_FORMULA = 255
/** Excel's limit on a validation's prompt and error text. */
const MAX_MESSAGE = 255

/** The hidden sheet that holds the lists too long (or too odd) to write inline. */
export const LISTS_SHEET = 'lists'

/** A drop-down tdgov offers on one review column. */
export interface DropDown {
  column: SheetColumn
  values: readonly string[]
  /** true: only the list's values (or a blank) are allowed; false: a suggestion, other text goes in */
  strict: boolean
}

export interface PlacedDropDowns {
  validations: ListValidation[]
  /** the lists sheet's columns, [header, ...values], for the lists that could not be inline; empty when none */
  listColumns: string[][]
}

/**
 * One data validation per drop-down, each over its column's data rows only (F2:F4001), so no
 * two ever overlap (Excel calls overlapping validations content to repair). A list is written
 * inline ("a,b") when Excel can hold it so; one that would pass the 255-character limit, or whose
 * values hold a comma, a quote, a control character, edge spaces or a formula trigger, goes on
 * the hidden lists sheet, one column per list, and the validation refers to its range.
 */
export function placeDropDowns(dropDowns: readonly DropDown[], columnIndex: (column: SheetColumn) => number, dataRows: number, language: SheetLanguage): PlacedDropDowns {
  const validations: ListValidation[] = []
  const listColumns: string[][] = []
  const lastRow = Math.max(2, dataRows + 1)
  for (const dropDown of dropDowns) {
    const values = [...new Set(dropDown.values.filter((value) => value !== ''))]
    if (values.length === 0) continue
    const letter = columnLetters(columnIndex(dropDown.column))
    let formula = `"${values.join(',')}"`
    if (!values.every(inlineable) || formula.length > MAX_LIST_FORMULA) {
      const listLetter = columnLetters(listColumns.length)
      listColumns.push([headerOf(dropDown.column, language), ...values.map(neutraliseCell)])
      formula = `${sheetReference(LISTS_SHEET)}!$${listLetter}$2:$${listLetter}$${values.length + 1}`
    }
    validations.push({ sqref: `${letter}2:${letter}${lastRow}`, formula, errorStyle: dropDown.strict ? 'stop' : 'information', ...messages(dropDown, values, language) })
  }
  return { validations, listColumns }
}

function inlineable(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[",\x00-\x1f\x7f]/.test(value) && value.trim() === value && neutraliseCell(value) === value
}

const TITLES: Readonly<Record<SheetLanguage, Partial<Record<SheetColumn, string>>>> = {
  en: { verdict: 'Verdict', corrected_label: 'Corrected label', error_type: 'Error type', reviewer: 'Reviewer' },
  zh: { verdict: '结论', corrected_label: '更正标注', error_type: '错误类型', reviewer: '审核员' },
}

function messages(dropDown: DropDown, values: readonly string[], language: SheetLanguage): Pick<ListValidation, 'errorTitle' | 'error' | 'promptTitle' | 'prompt'> {
  const title = TITLES[language][dropDown.column] ?? dropDown.column
  const zh = language === 'zh'
  const listed = values.join(zh ? '、' : ', ')
  const more = dropDown.strict ? '' : zh ? '也可自行填写。' : ' Or type your own.'
  const choose = (zh ? `请选择：${listed}。` : `Choose ${listed}.`) + more
  const prompt = choose.length <= MAX_MESSAGE ? choose : (zh ? '请从下拉列表中选择。' : 'Choose from the drop-down list.') + more
  if (!dropDown.strict) {
    return { promptTitle: title, prompt, errorTitle: title, error: zh ? '不在建议列表中，将按填写内容保留。' : 'Not one of the suggestions; it is kept as typed.' }
  }
  return {
    promptTitle: title,
    prompt,
    errorTitle: zh ? `无效的${title}` : `Not a ${title.toLowerCase()}`,
    error: zh ? '请从列表中选择（或留空）。' : 'Choose a value from the list (or leave the cell empty).',
  }
}
