import { UserError } from './errors.js'

/**
 * The day a record is made or judged at: the flag's YYYY-MM-DD when given (named `flagName` in the
 * error), else SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention), else
 * today, as a UTC date only, so the same inputs give the same records within a day, and across
 * machines and years whenever a date is pinned.
 */
export function recordDate(flag: string | undefined, flagName: string, env: NodeJS.ProcessEnv, now: Date): string {
  if (flag !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(flag) ? new Date(`${flag}T00:00:00Z`) : null
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== flag) throw new UserError(`${flagName} ${flag}: expected a calendar date YYYY-MM-DD`)
    return flag
  }
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH=${epoch}: expected whole seconds since 1970-01-01`)
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10)
  }
  return now.toISOString().slice(0, 10)
}

/** A YYYY-MM-DD day as the Date of its start (UTC). */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`)
}
