import { z } from 'zod'
import { RULE_DOCS, findRuleDoc, type RuleDoc } from '../../check/index.js'
import { ruleAnchor } from '../../check/reporters/index.js'
import type { Severity } from '../../findings/codes.js'
import { LANGUAGES, type Language } from '../../findings/messages.js'
import { closest } from '../../records/config-keys.js'
import { UserError } from '../../util/errors.js'
import { createOutput, type Palette } from '../output.js'
import { parseOptions } from '../parse-options.js'

const optionsSchema = z.object({
  code: z.string().optional(),
  lang: z.enum(LANGUAGES, { message: 'expected --lang en or zh' }).default('en'),
  json: z.boolean().default(false),
})

type Stage = RuleDoc['stage']

/** The order a dataset meets the stages in: read, scanned, audited, gated. */
export const STAGES: readonly Stage[] = ['observed', 'scan', 'audit', 'check']

/** Where a code's findings are computed, in a phrase; `tdgov explain` and docs/rules.md share it. */
export const STAGE_TEXT: Record<Stage, Record<Language, string>> = {
  observed: {
    en: 'raised by the readers while `tdgov scan` reads a file or walks a directory; stored in the manifest, and reported again by `tdgov check`',
    zh: '由 `tdgov scan` 读取文件或遍历目录时的读取器发现，记录在清单中，`tdgov check` 据清单再次报告',
  },
  scan: {
    en: 'computed by `tdgov scan` from the manifest and tdgov.yaml; `tdgov check` recomputes it',
    zh: '由 `tdgov scan` 根据清单和 tdgov.yaml 计算，`tdgov check` 会重新计算',
  },
  audit: {
    en: 'computed by `tdgov audit sample` and `tdgov audit score` from the audit record and tdgov.yaml; `tdgov check` recomputes it',
    zh: '由 `tdgov audit sample` 和 `tdgov audit score` 根据抽检记录和 tdgov.yaml 计算，`tdgov check` 会重新计算',
  },
  check: {
    en: 'computed only by the release gate, `tdgov check`',
    zh: '仅由发布门禁 `tdgov check` 计算',
  },
}

/** The heading of each stage's group in the list of codes. */
const STAGE_HEADING: Record<Stage, Record<Language, string>> = {
  observed: { en: 'Raised by the readers during scan', zh: '扫描时由读取器发现' },
  scan: { en: 'Computed by scan', zh: '由 scan 计算' },
  audit: { en: 'Computed by audit sample / audit score', zh: '由 audit sample / audit score 计算' },
  check: { en: 'Computed only by check', zh: '仅由 check 计算' },
}

const LABELS = {
  en: {
    checks: 'What it checks',
    clause: 'Clause',
    severity: 'Default severity',
    stage: 'Computed',
    fix: 'How to fix',
    policy: 'Changing its severity or suppressing it (tdgov.yaml)',
    policyNote:
      'A level under `policy.severity` applies to every finding of the code; `off` needs a reason. A suppression covers the findings whose paths match its globs (every finding of the code when `paths` is left out) and lapses after `until`.',
    docs: 'Reference',
    listHint: 'Run `tdgov explain CODE` for what a code checks, how to fix it and how to re-grade or suppress it.',
  },
  zh: {
    checks: '检查内容',
    clause: '对应条款',
    severity: '默认严重级别',
    stage: '计算环节',
    fix: '修复方法',
    policy: '调整严重级别或豁免（tdgov.yaml）',
    policyNote:
      '`policy.severity` 下的级别适用于该代码的全部发现项，设为 `off` 须写明理由。豁免项仅覆盖路径匹配其通配符的发现项（省略 `paths` 时覆盖该代码的全部发现项），过了 `until` 日期即失效。',
    docs: '参考文档',
    listHint: '运行 `tdgov explain CODE` 查看某一代码的检查内容、修复方法以及如何调整级别或豁免。',
  },
} as const satisfies Record<Language, Record<string, string>>

/** `tdgov explain [CODE]`: what a finding code means and what to do about it, or the list of codes. */
export function explainCommand(raw: Record<string, unknown>): number {
  const options = parseOptions(optionsSchema, raw)
  const output = createOutput(options.json)
  if (options.code === undefined) {
    const docs = byStage()
    output.out(options.json ? `${JSON.stringify(docs.map(docJson), null, 2)}\n` : describeList(docs, options.lang, output.color))
    return 0
  }
  const doc = lookUp(options.code)
  output.out(options.json ? `${JSON.stringify(docJson(doc), null, 2)}\n` : describeDoc(doc, options.lang, output.color))
  return 0
}

/** `UNDECLARED_FILE`, `undeclared_file` and `undeclared-file` all name the same code. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replaceAll('-', '_')
}

function lookUp(code: string): RuleDoc {
  const normalised = normaliseCode(code)
  const doc = findRuleDoc(normalised)
  if (doc !== undefined) return doc
  const suggestion = closest(normalised, RULE_DOCS.map((d) => d.code))
  const hint = suggestion !== null ? `did you mean "${suggestion}"?` : 'run `tdgov explain` to list the codes'
  throw new UserError(`unknown rule code "${code}"; ${hint}`)
}

/** Every code, grouped by stage in pipeline order; within a stage, in the registry's order. */
export function byStage(): RuleDoc[] {
  return STAGES.flatMap((stage) => RULE_DOCS.filter((doc) => doc.stage === stage))
}

/** The documentation fields only: a rule's `check` function is no part of it. */
function docJson(doc: RuleDoc): RuleDoc {
  const { code, severity, stage, clause, title, description, fix } = doc
  return { code, severity, stage, clause, title, description, fix }
}

/** A level to show in the example: one other than the default, so that copying it changes something. */
function otherLevel(severity: Severity): Severity {
  return severity === 'warning' ? 'info' : 'warning'
}

/** The tdgov.yaml fragment that re-grades or suppresses `code`; docs/rules.md prints the same one. */
export function policySnippet(doc: RuleDoc, lang: Language): string {
  const or = lang === 'zh' ? '或' : 'or'
  const reason = '"…"'
  return [
    'policy:',
    '  severity:',
    `    ${doc.code}: ${otherLevel(doc.severity)}            # ${or} { level: off, reason: ${reason} }`,
    '  suppressions:',
    `    - rule: ${doc.code}`,
    '      paths: ["data/legacy/**"]',
    `      reason: ${reason}`,
    '      until: 2027-06-30',
    '',
  ].join('\n')
}

function describeDoc(doc: RuleDoc, lang: Language, c: Palette): string {
  const l = LABELS[lang]
  const heading = (text: string): string => c.bold(text)
  const field = (label: string, value: string): string => `${label}${lang === 'zh' ? '：' : ': '}${value}`
  const lines = [
    `${c.bold(doc.code)}  ${doc.title[lang]}`,
    '',
    heading(l.checks),
    doc.description[lang],
    '',
    field(l.clause, doc.clause),
    field(l.severity, doc.severity),
    field(l.stage, lang === 'zh' ? `${doc.stage}（${STAGE_TEXT[doc.stage].zh}）` : `${doc.stage} (${STAGE_TEXT[doc.stage].en})`),
    '',
    heading(l.fix),
    doc.fix[lang],
    '',
    heading(l.policy),
    ...policySnippet(doc, lang)
      .trimEnd()
      .split('\n')
      .map((line) => `  ${line}`),
    l.policyNote,
    '',
    field(l.docs, `docs/rules.md#${ruleAnchor(doc.code)}`),
  ]
  return `${lines.join('\n')}\n`
}

function describeList(docs: readonly RuleDoc[], lang: Language, c: Palette): string {
  const width = Math.max(...docs.map((doc) => doc.code.length))
  const lines: string[] = []
  for (const stage of STAGES) {
    const group = docs.filter((doc) => doc.stage === stage)
    if (group.length === 0) continue
    if (lines.length > 0) lines.push('')
    lines.push(c.bold(`${STAGE_HEADING[stage][lang]} (${group.length})`))
    for (const doc of group) lines.push(`  ${doc.code.padEnd(width)}  ${doc.severity.padEnd(7)}  ${doc.title[lang]}`)
  }
  lines.push('', c.dim(LABELS[lang].listHint))
  return `${lines.join('\n')}\n`
}
