import type { Severity } from '../../findings/codes.js'
import type { Language } from '../../findings/messages.js'
import type { FailOn, GateResult, SetAsideFinding } from '../gate-result.js'

/** The fixed words of the human reports; finding wording comes from the catalogues only. */
interface Labels {
  severity: Record<Severity, string>
  counts(counts: Record<Severity, number>): string
  verdict(passed: boolean, failOn: FailOn): string
  setAside(total: number, parts: string[]): string
  setAsideBy: Record<SetAsideFinding['by'], string>
  byte(offset: number): string
  row(row: number): string
  audit(id: string): string
  dataset: string
  more(count: number): string
  noFindings: string
  heading: string
  severityHeader: string
  rule: string
  title: string
  count: string
  place: string
  message: string
  findings: string
  moreFindings(count: number): string
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

const EN: Labels = {
  severity: { error: 'error', warning: 'warning', info: 'info' },
  counts: (c) => `${plural(c.error, 'error', 'errors')}, ${plural(c.warning, 'warning', 'warnings')}, ${c.info} info`,
  verdict: (passed, failOn) => `${passed ? 'PASS' : 'FAIL'} (fail-on: ${failOn})`,
  setAside: (total, parts) => `${plural(total, 'finding', 'findings')} set aside: ${parts.join(', ')}`,
  setAsideBy: { off: 'off', suppression: 'suppressed', baseline: 'baseline' },
  byte: (offset) => `(byte ${offset})`,
  row: (row) => `row ${row}`,
  audit: (id) => `audit ${id}`,
  dataset: '(dataset)',
  more: (count) => `(+${count} more)`,
  noFindings: 'No findings.',
  heading: 'tdgov check',
  severityHeader: 'Severity',
  rule: 'Rule',
  title: 'Title',
  count: 'Count',
  place: 'Place',
  message: 'Message',
  findings: 'Findings',
  moreFindings: (count) => `… and ${plural(count, 'more finding', 'more findings')}, not listed here.`,
}

const ZH: Labels = {
  severity: { error: '错误', warning: '警告', info: '提示' },
  counts: (c) => `${c.error} 个错误，${c.warning} 个警告，${c.info} 条提示`,
  verdict: (passed, failOn) => `${passed ? 'PASS 通过' : 'FAIL 未通过'}（fail-on: ${failOn}）`,
  setAside: (total, parts) => `另有 ${total} 条发现未计入：${parts.join('、')}`,
  setAsideBy: { off: '已关闭', suppression: '已豁免', baseline: '基线' },
  byte: (offset) => `(字节 ${offset})`,
  row: (row) => `第 ${row} 行`,
  audit: (id) => `审核 ${id}`,
  dataset: '(数据集)',
  more: (count) => `(另 ${count} 个)`,
  noFindings: '没有发现。',
  heading: 'tdgov check',
  severityHeader: '级别',
  rule: '规则',
  title: '标题',
  count: '数量',
  place: '位置',
  message: '说明',
  findings: '发现',
  moreFindings: (count) => `…… 另有 ${count} 条发现未列出。`,
}

export const LABELS: Record<Language, Labels> = { en: EN, zh: ZH }

/** "3 findings set aside: 1 off, 2 suppressed", or null when nothing was set aside. */
export function setAsideLine(result: GateResult, lang: Language): string | null {
  if (result.setAside.length === 0) return null
  const labels = LABELS[lang]
  const parts: string[] = []
  for (const by of ['off', 'suppression', 'baseline'] as const) {
    const n = result.setAside.filter((entry) => entry.by === by).length
    if (n > 0) parts.push(`${n} ${labels.setAsideBy[by]}`)
  }
  return labels.setAside(result.setAside.length, parts)
}
