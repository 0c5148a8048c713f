import type { FindingCode } from '../../findings/codes.js'
import type { Language } from '../../findings/messages.js'
import type { GateResult } from '../gate-result.js'
import type { RuleDoc } from '../rule.js'

/** The heading id of a rule in docs/rules.md: `UNDECLARED_FILE` → `undeclared-file`. */
export function ruleAnchor(code: string): string {
  return code.toLowerCase().replaceAll('_', '-')
}

/** The rule's documentation URL: the page without any fragment, then the rule's anchor. */
export function ruleUrl(rulesDocUrl: string, code: string): string {
  const page = rulesDocUrl.split('#')[0]
  return `${page}#${ruleAnchor(code)}`
}

/** `UNDECLARED_FILE` → `UndeclaredFile`, SARIF's suggested form of a rule name. */
export function pascalCase(code: string): string {
  return code
    .toLowerCase()
    .split('_')
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')
}

export function findRule(result: GateResult, code: FindingCode): RuleDoc | undefined {
  return result.rules.find((rule) => rule.code === code)
}

/** The rule's title in `lang`; the code itself when the result lists no such rule. */
export function ruleTitle(result: GateResult, code: FindingCode, lang: Language): string {
  return findRule(result, code)?.title[lang] ?? code
}
