import { describe, expect, it } from 'vitest'
import { formatCount } from '../../src/util/format-count.js'

describe('formatCount', () => {
  // Expected values: what the platform's own en-locale formatting writes.
  it.each([0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_123_690, 987_654_321_012, -4_500])('%d as toLocaleString("en") writes it', (value) => {
    expect(formatCount(value)).toBe(value.toLocaleString('en'))
  })
})
