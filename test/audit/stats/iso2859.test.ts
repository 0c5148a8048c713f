import { describe, expect, it } from 'vitest'
import {
  CODE_LETTERS,
  INSPECTION_LEVELS,
  ISO_AQLS,
  codeLetter,
  inspectionLevel,
  isoPlan,
  maxIsoSampleSize,
  tableIIACell,
  type CodeLetter,
} from '../../../src/audit/stats/iso2859.js'
import { UserError } from '../../../src/util/errors.js'

// Table II-A resolved ("n: Ac/Re" after following arrows), normal inspection, AQL 0.065–15:
// cran/AQLSchemes@c60f3b34:R/AAZ14Single.R (ANSIASQSingleNormalss / …ac / …re), as printed in
// audit-statistics.md §1.5. Every one of the 16 × 13 cells is compared below.
const RESOLVED_TABLE = `
| A | 2 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1 | 5: 1/2 | 3: 1/2 |
| B | 3 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1 | 5: 1/2 | 3: 1/2 |
| C | 5 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1 | 8: 1/2 | 5: 1/2 | 5: 2/3 |
| D | 8 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 13: 1/2 | 8: 1/2 | 8: 2/3 | 8: 3/4 |
| E | 13 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 20: 1/2 | 13: 1/2 | 13: 2/3 | 13: 3/4 | 13: 5/6 |
| F | 20 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 20: 0/1 | 13: 0/1 | 32: 1/2 | 20: 1/2 | 20: 2/3 | 20: 3/4 | 20: 5/6 | 20: 7/8 |
| G | 32 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 20: 0/1 | 50: 1/2 | 32: 1/2 | 32: 2/3 | 32: 3/4 | 32: 5/6 | 32: 7/8 | 32: 10/11 |
| H | 50 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 32: 0/1 | 80: 1/2 | 50: 1/2 | 50: 2/3 | 50: 3/4 | 50: 5/6 | 50: 7/8 | 50: 10/11 | 50: 14/15 |
| J | 80 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 50: 0/1 | 125: 1/2 | 80: 1/2 | 80: 2/3 | 80: 3/4 | 80: 5/6 | 80: 7/8 | 80: 10/11 | 80: 14/15 | 80: 21/22 |
| K | 125 | 200: 0/1 | 125: 0/1 | 80: 0/1 | 200: 1/2 | 125: 1/2 | 125: 2/3 | 125: 3/4 | 125: 5/6 | 125: 7/8 | 125: 10/11 | 125: 14/15 | 125: 21/22 | 80: 21/22 |
| L | 200 | 200: 0/1 | 125: 0/1 | 315: 1/2 | 200: 1/2 | 200: 2/3 | 200: 3/4 | 200: 5/6 | 200: 7/8 | 200: 10/11 | 200: 14/15 | 200: 21/22 | 125: 21/22 | 80: 21/22 |
| M | 315 | 200: 0/1 | 500: 1/2 | 315: 1/2 | 315: 2/3 | 315: 3/4 | 315: 5/6 | 315: 7/8 | 315: 10/11 | 315: 14/15 | 315: 21/22 | 200: 21/22 | 125: 21/22 | 80: 21/22 |
| N | 500 | 800: 1/2 | 500: 1/2 | 500: 2/3 | 500: 3/4 | 500: 5/6 | 500: 7/8 | 500: 10/11 | 500: 14/15 | 500: 21/22 | 315: 21/22 | 200: 21/22 | 125: 21/22 | 80: 21/22 |
| P | 800 | 800: 1/2 | 800: 2/3 | 800: 3/4 | 800: 5/6 | 800: 7/8 | 800: 10/11 | 800: 14/15 | 800: 21/22 | 500: 21/22 | 315: 21/22 | 200: 21/22 | 125: 21/22 | 80: 21/22 |
| Q | 1250 | 1250: 2/3 | 1250: 3/4 | 1250: 5/6 | 1250: 7/8 | 1250: 10/11 | 1250: 14/15 | 1250: 21/22 | 800: 21/22 | 500: 21/22 | 315: 21/22 | 200: 21/22 | 125: 21/22 | 80: 21/22 |
| R | 2000 | 2000: 3/4 | 2000: 5/6 | 2000: 7/8 | 2000: 10/11 | 2000: 14/15 | 2000: 21/22 | 1250: 21/22 | 800: 21/22 | 500: 21/22 | 315: 21/22 | 200: 21/22 | 125: 21/22 | 80: 21/22 |
`

// Table II-A with arrows (↓ = first plan below, ↑ = first plan above), columns 0.065–15, rebuilt
// from the same AQLSchemes matrices: audit-statistics.md §1.4 (the columns below 0.065 are dropped).
const ARROW_TABLE = `
| A | 2 | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | 0/1 | ↓ | ↓ |
| B | 3 | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 |
| C | 5 | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 |
| D | 8 | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 |
| E | 13 | ↓ | ↓ | ↓ | ↓ | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 |
| F | 20 | ↓ | ↓ | ↓ | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 |
| G | 32 | ↓ | ↓ | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 |
| H | 50 | ↓ | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 |
| J | 80 | ↓ | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 |
| K | 125 | ↓ | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 | ↑ |
| L | 200 | 0/1 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 | ↑ | ↑ |
| M | 315 | ↑ | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 | ↑ | ↑ | ↑ |
| N | 500 | ↓ | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 | ↑ | ↑ | ↑ | ↑ |
| P | 800 | 1/2 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 | ↑ | ↑ | ↑ | ↑ | ↑ |
| Q | 1250 | 2/3 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 | ↑ | ↑ | ↑ | ↑ | ↑ | ↑ |
| R | 2000 | 3/4 | 5/6 | 7/8 | 10/11 | 14/15 | 21/22 | ↑ | ↑ | ↑ | ↑ | ↑ | ↑ | ↑ |
`

const parseRows = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))

describe('Table II-A', () => {
  const resolved = parseRows(RESOLVED_TABLE)
  const arrows = parseRows(ARROW_TABLE)

  it('has the 16 code letters and their sample sizes (§1.3)', () => {
    expect(resolved.map((row) => row[0])).toEqual([...CODE_LETTERS])
    expect(resolved.map((row) => Number(row[1]))).toEqual([2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000])
  })

  it('resolves every (code letter, AQL) cell to the AQLSchemes plan (§1.5, 208 cells)', () => {
    let compared = 0
    for (const [letter, , ...cells] of resolved) {
      for (const [column, cell] of cells.entries()) {
        const match = /^(\d+): (\d+)\/(\d+)$/.exec(cell)
        if (!match) throw new Error(`bad fixture cell ${cell}`)
        const aql = ISO_AQLS[column] as number
        const plan = resolvedPlanOf(letter as CodeLetter, aql)
        expect({ letter, aql, ...plan }).toEqual({ letter, aql, sample_size: Number(match[1]), accept: Number(match[2]), reject: Number(match[3]) })
        compared++
      }
    }
    expect(compared).toBe(16 * 13)
  })

  it('prints each cell as the standard does: Ac/Re, ↑ or ↓ (§1.4)', () => {
    for (const [letter, , ...cells] of arrows) {
      for (const [column, cell] of cells.entries()) {
        const actual = tableIIACell(letter as CodeLetter, ISO_AQLS[column] as number)
        const printed = actual === 'up' ? '↑' : actual === 'down' ? '↓' : `${actual.accept}/${actual.reject}`
        expect(`${letter}@${ISO_AQLS[column]} ${printed}`).toBe(`${letter}@${ISO_AQLS[column]} ${cell}`)
      }
    }
  })
})

/** The resolved plan for a code letter, reached through isoPlan with a lot size that gives that letter at level II. */
function resolvedPlanOf(letter: CodeLetter, aql: number): { sample_size: number; accept: number; reject: number } {
  // Level II (Table I) runs A…Q over the 15 lot rows; R only appears at level III for lots > 500,000.
  const lotForLetterII: Partial<Record<CodeLetter, number>> = {
    A: 2, B: 9, C: 16, D: 26, E: 51, F: 91, G: 151, H: 281, J: 501, K: 1201, L: 3201, M: 10_001, N: 35_001, P: 150_001, Q: 500_001,
  }
  const lot = lotForLetterII[letter] ?? 500_001
  const level = letter === 'R' ? 'III' : 'II'
  const { code_letter, sample_size, accept, reject } = isoPlan({ lot, aql, level })
  expect(code_letter).toBe(letter)
  return { sample_size, accept, reject }
}

describe('codeLetter (Table I, §1.2)', () => {
  // Table I of ISO 2859-1 / Z1.4 / MIL-STD-105E, audit-statistics.md §1.2 (matches AQLSchemes SSCodeLetters).
  const TABLE_I: ReadonlyArray<[lotRange: [number, number], letters: string]> = [
    [[2, 8], 'A A A A A A B'],
    [[9, 15], 'A A A A A B C'],
    [[16, 25], 'A A B B B C D'],
    [[26, 50], 'A B B C C D E'],
    [[51, 90], 'B B C C C E F'],
    [[91, 150], 'B B C D D F G'],
    [[151, 280], 'B C D E E G H'],
    [[281, 500], 'B C D E F H J'],
    [[501, 1200], 'C C E F G J K'],
    [[1201, 3200], 'C D E G H K L'],
    [[3201, 10_000], 'C D F G J L M'],
    [[10_001, 35_000], 'C D F H K M N'],
    [[35_001, 150_000], 'D E G J L N P'],
    [[150_001, 500_000], 'D E G J M P Q'],
    [[500_001, 10_000_000], 'D E H K N Q R'],
  ]

  it('gives the Table I letter at both ends of every lot-size row, for every level', () => {
    for (const [[low, high], letters] of TABLE_I) {
      const expected = letters.split(' ')
      for (const [i, level] of INSPECTION_LEVELS.entries()) {
        expect(`${low} ${level} ${codeLetter(low, level)}`).toBe(`${low} ${level} ${expected[i]}`)
        expect(`${high} ${level} ${codeLetter(high, level)}`).toBe(`${high} ${level} ${expected[i]}`)
      }
    }
  })

  it('defaults to level II and reads G-1…G-3 and lower case', () => {
    expect(codeLetter(4000)).toBe('L')
    expect(codeLetter(4000, 'g-2')).toBe('L')
    expect(codeLetter(4000, 'G1')).toBe('J')
    expect(inspectionLevel('iii')).toBe('III')
    expect(inspectionLevel('s-3')).toBe('S-3')
  })
})

describe('isoPlan', () => {
  // Z1: AQLSchemes vignette (cran/AQLSchemes vignettes/AQLSchemes.Rmd): lots 3201–10,000, level II,
  // AQL 1.5 → n = 200, c = 7.
  it('gives n = 200, Ac 7, Re 8 for a 3201–10,000 lot at level II, AQL 1.5 (AQLSchemes vignette)', () => {
    expect(isoPlan({ lot: 3201, aql: 1.5 })).toEqual({ code_letter: 'L', sample_size: 200, accept: 7, reject: 8, full_inspection: false })
    expect(isoPlan({ lot: 10_000, aql: 1.5, level: 'II' })).toEqual({ code_letter: 'L', sample_size: 200, accept: 7, reject: 8, full_inspection: false })
  })

  // Z3: worked cases, audit-statistics.md §1.7 (derived from the AQLSchemes tables).
  const WORKED: ReadonlyArray<[lot: number, aql: number, letter: CodeLetter, cell: string, n: number, ac: number, re: number]> = [
    [4000, 1.5, 'L', '7/8', 200, 7, 8],
    [4000, 2.5, 'L', '10/11', 200, 10, 11],
    [3500, 2.5, 'L', '10/11', 200, 10, 11],
    [500, 1.0, 'H', '1/2', 50, 1, 2],
    [1000, 0.65, 'J', '1/2', 80, 1, 2],
    [1000, 1.0, 'J', '2/3', 80, 2, 3],
    [1000, 2.5, 'J', '5/6', 80, 5, 6],
    [1000, 4.0, 'J', '7/8', 80, 7, 8],
    [150, 0.65, 'F', '0/1', 20, 0, 1],
    [100, 1.0, 'F', '↑', 13, 0, 1],
    [200, 1.0, 'G', '↓', 50, 1, 2],
    [200, 1.5, 'G', '1/2', 32, 1, 2],
  ]
  for (const [lot, aql, letter, cell, n, ac, re] of WORKED) {
    it(`lot ${lot}, level II, AQL ${aql} → ${letter} ${cell} → n ${n}, Ac ${ac}, Re ${re} (§1.7)`, () => {
      expect(isoPlan({ lot, aql, level: 'II' })).toEqual({ code_letter: letter, sample_size: n, accept: ac, reject: re, full_inspection: false })
      const printed = tableIIACell(letter, aql)
      expect(printed === 'up' ? '↑' : printed === 'down' ? '↓' : `${printed.accept}/${printed.reject}`).toBe(cell)
    })
  }

  it('takes the destination plan of an arrow whole, then flags 100 % inspection when n ≥ lot (§1.6, §6.1)', () => {
    // Lot 10, level II → B; at AQL 0.65, B's ↓ leads to F: n = 20 > 10 items.
    expect(isoPlan({ lot: 10, aql: 0.65 })).toEqual({ code_letter: 'B', sample_size: 20, accept: 0, reject: 1, full_inspection: true })
    // n equal to the lot also means inspecting everything: lot 2, level II → A, AQL 6.5 → n = 2.
    expect(isoPlan({ lot: 2, aql: 6.5 }).full_inspection).toBe(true)
    expect(isoPlan({ lot: 3, aql: 6.5 }).full_inspection).toBe(false)
  })

  it('rejects bad input with a one-line UserError naming the option', () => {
    expect(() => isoPlan({ lot: 4000, aql: 0.3 })).toThrow(UserError)
    expect(() => isoPlan({ lot: 4000, aql: 0.3 })).toThrow('--aql 0.3: expected one of 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15')
    expect(() => isoPlan({ lot: 4000, aql: 0.01 })).toThrow('--aql 0.01')
    expect(() => isoPlan({ lot: 1, aql: 1 })).toThrow('--lot 1: expected a whole number of items, at least 2')
    expect(() => isoPlan({ lot: 12.5, aql: 1 })).toThrow(UserError)
    expect(() => isoPlan({ lot: 100, aql: 1, level: 'IV' })).toThrow('--level IV: expected one of S-1, S-2, S-3, S-4, I, II, III')
    expect(() => codeLetter(Number.NaN)).toThrow(UserError)
  })

  it('accepts AQLs written with binary noise (0.1 + 0.2 − 0.2)', () => {
    expect(isoPlan({ lot: 4000, aql: 0.1 + 0.2 - 0.2 }).sample_size).toBe(125)
  })
})

describe('maxIsoSampleSize', () => {
  it('is the largest plan n over every lot size, checked by brute force over Table I rows', () => {
    const lots = [2, 9, 16, 26, 51, 91, 151, 281, 501, 1201, 3201, 10_001, 35_001, 150_001, 500_001]
    for (const level of INSPECTION_LEVELS) {
      for (const aql of ISO_AQLS) {
        const brute = Math.max(...lots.map((lot) => isoPlan({ lot, aql, level }).sample_size))
        expect(`${level} ${aql} ${maxIsoSampleSize(aql, level)}`).toBe(`${level} ${aql} ${brute}`)
      }
    }
  })

  it('covers arrows that point back up: level II, AQL 10 peaks at 125 (K, L), not at Q', () => {
    expect(maxIsoSampleSize(10, 'II')).toBe(125)
    expect(maxIsoSampleSize(1.0, 'II')).toBe(1250)
    expect(maxIsoSampleSize(0.065, 'S-1')).toBe(200)
  })

  it('validates like isoPlan', () => {
    expect(() => maxIsoSampleSize(0.3)).toThrow(UserError)
    expect(() => maxIsoSampleSize(1, 'X')).toThrow(UserError)
  })
})
