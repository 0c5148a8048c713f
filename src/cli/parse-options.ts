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

/**
 * Runs two checks of a command's flags and reports both failures in one line, so a user with two
 * mistakes hears of them together rather than one run at a time.
 */
export function checkTogether<A, B>(first: () => A, second: () => B): [A, B] {
  const problems: string[] = []
  const attempt = <T>(check: () => T): T | undefined => {
    try {
      return check()
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      problems.push(error.message)
      return undefined
    }
  }
  const a = attempt(first)
  const b = attempt(second)
  if (problems.length > 0) throw new UserError(problems.join('; '))
  return [a as A, b as B]
}
