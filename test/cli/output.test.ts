import { describe, expect, it } from 'vitest'
import { formatBytes, progressBar } from '../../src/cli/output.js'

describe('summary formatting', () => {
  it('writes sizes in decimal units with one decimal above a kilobyte', () => {
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(194_000)).toBe('194.0 KB')
    expect(formatBytes(1_050_116_792)).toBe('1.1 GB')
  })

  it('draws the share of files done, empty while nothing is known and full at the end', () => {
    expect(progressBar(0, 0, 10)).toBe('[----------]')
    expect(progressBar(5, 10, 10)).toBe('[#####-----]')
    expect(progressBar(10, 10, 10)).toBe('[##########]')
  })
})
