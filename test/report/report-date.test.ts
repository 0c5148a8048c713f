import { describe, expect, it } from 'vitest'
import { reportDate } from '../../src/report/report-date.js'

const now = new Date('2026-12-02T23:59:59Z')

describe('the report date', () => {
  it('is --date, else SOURCE_DATE_EPOCH, else today (UTC), as a date only', () => {
    expect(reportDate('2025-06-30', { SOURCE_DATE_EPOCH: '0' }, now)).toBe('2025-06-30')
    // 1735689600 s = 2025-01-01T00:00:00Z (date -u -d @1735689600)
    expect(reportDate(undefined, { SOURCE_DATE_EPOCH: '1735689600' }, now)).toBe('2025-01-01')
    expect(reportDate(undefined, {}, now)).toBe('2026-12-02')
  })

  it('refuses a date that is not on the calendar and an epoch that is not whole seconds', () => {
    expect(() => reportDate('2026-02-30', {}, now)).toThrow('--date 2026-02-30: expected a calendar date YYYY-MM-DD')
    expect(() => reportDate('02/12/2026', {}, now)).toThrow('expected a calendar date')
    expect(() => reportDate(undefined, { SOURCE_DATE_EPOCH: '17e8' }, now)).toThrow('SOURCE_DATE_EPOCH=17e8: expected whole seconds')
  })
})
