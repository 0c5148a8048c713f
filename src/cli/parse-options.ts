import type { z } from 'zod'
import { UserError } from '../util/errors.js'

/** Validates a command's option bag once, at the boundary; every problem named in one line. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    // options are named as typed (--max-depth, not maxDepth), and not twice when the message names it
    const flag = `--${issue.path.map(String).join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    const message = issue.message.toLowerCase()
    return message.includes(flag) ? message : `${flag}: ${message}`
  })
  throw new UserError(problems.join('; '))
}
