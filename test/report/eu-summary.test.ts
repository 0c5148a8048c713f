import { describe, expect, it } from 'vitest'
import { HOUR_BINS, IMAGE_BINS, sizeBin, TEXT_BINS } from '../../src/report/formats/eu-summary.js'

const measured = (value: number) => ({ kind: 'measured' as const, value, from: 'test' })
const estimated = (value: number, low: number, high: number) => ({ kind: 'estimated' as const, value, low, high, confidence: 0.95, method: 'test', from: 'test' })

describe('the EU template’s size bins (Explanatory Notice C(2025) 5235, §1.3)', () => {
  it('puts each bin edge in the upper bin, as "less than" says', () => {
    expect(sizeBin(measured(999_999_999), TEXT_BINS)).toBe('Less than 1 billion tokens')
    expect(sizeBin(measured(1e9), TEXT_BINS)).toBe('1 billion to 10 trillion tokens')
    expect(sizeBin(measured(1e13), TEXT_BINS)).toBe('More than 10 trillion tokens')
    expect(sizeBin(measured(999_999), IMAGE_BINS)).toBe('Less than 1 million images')
    expect(sizeBin(measured(1e9), IMAGE_BINS)).toBe('More than 1 billion images')
    expect(sizeBin(measured(10_000), HOUR_BINS)).toBe('10,000 to 1 million hours')
  })

  it('names both bins when an estimate’s interval crosses an edge', () => {
    expect(sizeBin(estimated(1e9, 0.9e9, 1.1e9), TEXT_BINS)).toBe('Less than 1 billion tokens or 1 billion to 10 trillion tokens (the estimate’s interval spans both)')
    expect(sizeBin(estimated(5e9, 4e9, 6e9), TEXT_BINS)).toBe('1 billion to 10 trillion tokens')
  })
})
