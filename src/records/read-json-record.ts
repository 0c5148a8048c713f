import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { UserError } from '../util/errors.js'

export interface RecordKind {
  /** what the file is, in messages: "manifest", "audit record" */
  what: string
  /** the key holding the schema version, and the version this tdgov reads */
  versionKey: string
  version: number
  /** the command that writes a current one */
  remedy: string
}

/** Reads a file tdgov wrote; every problem is one line naming the file. */
export function readRecordText(file: string, kind: RecordKind): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const hint = code === 'ENOENT' ? `; run \`${kind.remedy}\` first` : ''
    throw new UserError(`${file}: cannot read the ${kind.what} (${code ?? String(error)})${hint}`)
  }
}

/** Parses and validates a record; another schema version is named with what to run. */
export function parseRecord<S extends z.ZodType>(text: string, file: string, schema: S, kind: RecordKind): z.output<S> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new UserError(`${file}: not valid JSON; expected a ${kind.what} written by tdgov`)
  }
  const found = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[kind.versionKey] : undefined
  if (found !== kind.version) {
    const version = found === undefined ? 'no schema version' : `schema version ${JSON.stringify(found)}`
    throw new UserError(`${file}: ${kind.what} of ${version}; this tdgov reads version ${kind.version}: run \`${kind.remedy}\` again to write a current one`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new UserError(`${file}: ${describeIssue(parsed.error.issues[0]!)}; expected a ${kind.what} written by tdgov`)
  return parsed.data
}

/** `files[3].sha256: Invalid string`: where in the record, and zod's word for what is wrong there. */
export function describeIssue(issue: z.core.$ZodIssue, prefix: readonly (string | number)[] = []): string {
  const where = [...prefix, ...issue.path]
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '')
  return `${where || '(top level)'}: ${issue.message}`
}
