import type { Palette } from '../../util/palette.js'
import type { Language } from '../../findings/messages.js'
import type { GateResult } from '../gate-result.js'

export interface ReportOptions {
  lang: Language
  color: Palette
  /** where docs/rules.md is published; each rule is at `#` + ruleAnchor(code) */
  rulesDocUrl: string
}

/** Renders a gate result as one document; pure, so the caller decides where it goes. */
export type Reporter = (result: GateResult, options: ReportOptions) => string
