import type { z } from 'zod'
import { UserError } from '../util/errors.js'

/** Validates a command's option bag once, at the boundary; every problem named in one line. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.')
    return `--${name}: ${issue.message.toLowerCase()}`
  })
  throw new UserError(problems.join('; '))
}
