import { UserError } from '../util/errors.js'

/**
 * The report's date: `--date YYYY-MM-DD`, else SOURCE_DATE_EPOCH (seconds since 1970, the
 * reproducible-builds convention), else today, as a UTC date only, so that the same records
 * give the same bytes within a day and across machines whenever a date is pinned.
 */
export function reportDate(flag: string | undefined, env: NodeJS.ProcessEnv, now: Date): string {
  if (flag !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(flag) ? new Date(`${flag}T00:00:00Z`) : null
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== flag) throw new UserError(`--date ${flag}: expected a calendar date YYYY-MM-DD`)
    return flag
  }
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH=${epoch}: expected whole seconds since 1970-01-01`)
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10)
  }
  return now.toISOString().slice(0, 10)
}
