import { FINDING_SEVERITY, type FindingCode, type Severity } from './codes.js'
import { renderMessage } from './messages.js'

export type FindingArgs = Record<string, string | number>

/** What an analyzer reports: a code and where; the scanner adds the path, severity and wording. */
export interface FindingDraft {
  code: FindingCode
  /** 1-based line (or record) number, for line-oriented formats */
  line?: number
  /** byte offset into the (decompressed) content */
  offset?: number
  args?: FindingArgs
}

export interface Finding {
  code: FindingCode
  severity: Severity
  path: string
  line?: number
  offset?: number
  message: string
}

export function toFinding(path: string, draft: FindingDraft): Finding {
  // Keys in one fixed order, so every finding serialises the same way.
  return {
    code: draft.code,
    severity: FINDING_SEVERITY[draft.code],
    path,
    ...(draft.line !== undefined && { line: draft.line }),
    ...(draft.offset !== undefined && { offset: draft.offset }),
    message: renderMessage(draft.code, draft.args ?? {}),
  }
}

/**
 * Keeps at most `perCode` findings of each code, so a file with a million bad lines does not
 * yield a million findings; the overflow is summarised in one FINDINGS_CAPPED finding per code.
 */
export class FindingCollector {
  readonly drafts: FindingDraft[] = []
  private readonly counts = new Map<FindingCode, number>()

  constructor(private readonly perCode = 10) {}

  add(draft: FindingDraft): void {
    const seen = (this.counts.get(draft.code) ?? 0) + 1
    this.counts.set(draft.code, seen)
    if (seen <= this.perCode) this.drafts.push(draft)
  }

  count(code: FindingCode): number {
    return this.counts.get(code) ?? 0
  }

  /** The kept findings in file order, plus one summary per capped code. */
  result(): FindingDraft[] {
    // Order by place, so the list does not depend on how the content was chunked.
    const out = [...this.drafts].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.offset ?? 0) - (b.offset ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    )
    for (const [code, total] of this.counts) {
      if (total > this.perCode) {
        out.push({ code: 'FINDINGS_CAPPED', args: { code, total, kept: this.perCode } })
      }
    }
    return out
  }
}
