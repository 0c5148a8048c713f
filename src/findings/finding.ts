import { z } from 'zod'
import { FINDING_CODES, FINDING_SEVERITY, SEVERITIES, type FindingCode, type Severity } from './codes.js'
import { renderMessage } from './messages.js'

const count = z.number().int().nonnegative()

/**
 * Where a finding points. Typed, so each reporter can place it: a data file (GitHub annotation,
 * SARIF region), tdgov.yaml (line, column and the YAML path), an audit record (its id and sheet
 * row), several files (listed as data), or the dataset as a whole.
 */
export const locationSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('file'),
      path: z.string().describe('POSIX path relative to the project root'),
      line: count.min(1).optional().describe('1-based line (or record) in the decompressed content'),
      offset: count.optional().describe('byte offset in the decompressed content; for COMPRESSED_CORRUPT, in the compressed file: the bytes decoded cleanly before the failure'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('files'),
      paths: z.array(z.string()).min(1).describe('POSIX paths relative to the project root'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('config'),
      path: z.string().describe('the configuration, relative to the project root'),
      yamlPath: z.string().optional().describe('sources[2].license'),
      line: count.min(1).optional(),
      column: count.min(1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('audit'),
      id: z.string(),
      path: z.string().describe('the audit record, relative to the project root'),
      row: count.min(1).optional().describe('1-based data row of the review sheet'),
    })
    .strict(),
  z.object({ kind: z.literal('dataset') }).strict(),
])

export type FindingLocation = z.infer<typeof locationSchema>

const argValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])
export const findingArgsSchema = z.record(z.string(), argValue)
export type FindingArgs = z.infer<typeof findingArgsSchema>
export type FindingArg = z.infer<typeof argValue>

export const findingSchema = z
  .object({
    code: z.enum(FINDING_CODES),
    severity: z.enum(SEVERITIES).describe('the default severity; tdgov.yaml policy may change it when the gate runs'),
    args: findingArgsSchema.describe('the values the message catalogues render; language-neutral'),
    location: locationSchema,
    message: z.string().describe('English wording, for readers of the raw JSON; reporters render from code and args'),
  })
  .strict()

export type Finding = z.infer<typeof findingSchema>

/** What an analyzer reports about the content it reads: a code and where in it. */
export interface FindingDraft {
  code: FindingCode
  /** 1-based line (or record) number, for line-oriented formats */
  line?: number
  /** byte offset into the (decompressed) content; for COMPRESSED_CORRUPT into the compressed file (DecodeFailure.offset) */
  offset?: number
  args?: FindingArgs
}

/** What a rule reports: a code, its values and a place. */
export interface RuleFinding {
  code: FindingCode
  args?: FindingArgs
  location: FindingLocation
}

/** A finding about a place in a data file. */
export function toFinding(path: string, draft: FindingDraft): Finding {
  return makeFinding({
    code: draft.code,
    ...(draft.args && { args: draft.args }),
    location: {
      kind: 'file',
      path,
      ...(draft.line !== undefined && { line: draft.line }),
      ...(draft.offset !== undefined && { offset: draft.offset }),
    },
  })
}

/** A rule's report with its default severity and English message; keys in one fixed order. */
export function makeFinding(draft: RuleFinding): Finding {
  const args = draft.args ?? {}
  return {
    code: draft.code,
    severity: FINDING_SEVERITY[draft.code],
    args,
    location: draft.location,
    message: renderMessage(draft.code, args, 'en'),
  }
}

/** The path a finding is placed at, for reporters that need one; null for the whole dataset. */
export function locationPath(location: FindingLocation): string | null {
  switch (location.kind) {
    case 'file':
    case 'config':
    case 'audit':
      return location.path
    case 'files':
      return location.paths[0]!
    case 'dataset':
      return null
  }
}

/** The line a finding is placed at, when it has one. */
export function locationLine(location: FindingLocation): number | undefined {
  return location.kind === 'file' || location.kind === 'config' ? location.line : location.kind === 'audit' ? location.row : undefined
}

export type { FindingCode, Severity }

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
