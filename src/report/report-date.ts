import { recordDate } from '../util/record-date.js'

/**
 * The report's date: `--date YYYY-MM-DD`, else SOURCE_DATE_EPOCH, else today (UTC), so that the
 * same records give the same bytes within a day and across machines whenever a date is pinned.
 */
export function reportDate(flag: string | undefined, env: NodeJS.ProcessEnv, now: Date): string {
  return recordDate(flag, '--date', env, now)
}
