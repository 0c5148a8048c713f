import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AgreementError, jaccardDistance, masiDistance, setAlpha, type SetRatedUnit } from '../../../src/audit/stats/index.js'

/** Rows as NLTK's AnnotationTask takes them: (coder, item, labels). */
type Row = [coder: string, item: string, labels: string[]]

function units(rows: readonly Row[]): SetRatedUnit[] {
  const byItem = new Map<string, string[][]>()
  for (const [, item, labels] of rows) byItem.set(item, [...(byItem.get(item) ?? []), labels])
  return [...byItem.values()]
}

// Three cases with their α from NLTK 3.8 (Debian python3-nltk), computed by
// AnnotationTask(data=[(coder, item, frozenset(labels)), …], distance=masi_distance).alpha() and the
// same with jaccard_distance; the script is the comment's rows, verbatim.
const CASES: { name: string; rows: Row[]; masi: number; jaccard: number }[] = [
  {
    name: 'three coders, five items, one rating missing',
    rows: [
      ['c1', 'i1', ['Cough', 'Fatigue']], ['c2', 'i1', ['Fatigue', 'Cough']], ['c3', 'i1', ['Cough']],
      ['c1', 'i2', ['Fever']], ['c2', 'i2', ['Fever', 'Cough']], ['c3', 'i2', ['Fever']],
      ['c1', 'i3', ['Rash']], ['c2', 'i3', ['Fatigue']], ['c3', 'i3', ['Rash', 'Fatigue']],
      ['c1', 'i4', ['Cough', 'Fever', 'Fatigue']], ['c2', 'i4', ['Cough', 'Fever']], ['c3', 'i4', ['Cough', 'Fever', 'Fatigue']],
      ['c1', 'i5', ['Headache']], ['c2', 'i5', ['Headache', 'Fever']],
    ],
    masi: 0.35981256769002956,
    jaccard: 0.4570024570024569,
  },
  {
    name: 'two coders: equal, contained, overlapping and disjoint sets',
    rows: [
      ['a', '1', ['x', 'y']], ['b', '1', ['y', 'x']], ['a', '2', ['x']], ['b', '2', ['x', 'y', 'z']],
      ['a', '3', ['x', 'y']], ['b', '3', ['y', 'z']], ['a', '4', ['w']], ['b', '4', ['z']],
      ['a', '5', ['z']], ['b', '5', ['z']], ['a', '6', ['x', 'w']], ['b', '6', ['x']],
    ],
    masi: 0.28608301813282266,
    jaccard: 0.3285457809694795,
  },
  {
    name: 'four coders, uneven coverage, a unit rated once (ignored)',
    rows: [
      ['p', 'u1', ['A', 'B']], ['q', 'u1', ['A']], ['r', 'u1', ['A', 'B']], ['s', 'u1', ['B']],
      ['p', 'u2', ['C']], ['q', 'u2', ['C']],
      ['p', 'u3', ['A', 'C']], ['r', 'u3', ['C', 'A']], ['s', 'u3', ['A']],
      ['q', 'u4', ['B', 'C']], ['s', 'u4', ['B', 'C']],
      ['p', 'u5', ['A']],
      ['r', 'u6', ['A', 'B', 'C']], ['s', 'u6', ['B']],
    ],
    masi: 0.45513476629136795,
    jaccard: 0.4800000000000001,
  },
]

describe('set distances', () => {
  it("match NLTK's published example: masi_distance({1, 2}, {1, 2, 3, 4}) = 0.665, and Jaccard 0.5", () => {
    expect(masiDistance(['1', '2'], ['1', '2', '3', '4'])).toBeCloseTo(0.665, 12)
    expect(jaccardDistance(['1', '2'], ['1', '2', '3', '4'])).toBe(0.5)
  })

  it('follow the monotonicity steps by hand: equal 0, contained 1 − J·0.67, overlapping 1 − J·0.33, disjoint 1', () => {
    expect(masiDistance(['a', 'b'], ['b', 'a', 'a'])).toBe(0)
    expect(masiDistance(['a'], ['a', 'b'])).toBeCloseTo(1 - 0.5 * 0.67, 12)
    expect(masiDistance(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 - (1 / 3) * 0.33, 12)
    expect(masiDistance(['a'], ['b'])).toBe(1)
    expect(masiDistance([], [])).toBe(0)
    expect(jaccardDistance(['a', 'b'], ['b', 'c'])).toBeCloseTo(2 / 3, 12)
  })
})

describe("Krippendorff's α over label sets", () => {
  for (const c of CASES) {
    it(`${c.name}: MASI-α and Jaccard-α equal NLTK's to 1e-9`, () => {
      expect(Math.abs(setAlpha(units(c.rows), masiDistance) - c.masi)).toBeLessThan(1e-9)
      expect(Math.abs(setAlpha(units(c.rows), jaccardDistance) - c.jaccard)).toBeLessThan(1e-9)
    })
  }

  it('reads each annotation as a set: the order and repeats of its labels change nothing', () => {
    const shuffled = units(CASES[0]!.rows.map(([coder, item, labels]) => [coder, item, [...labels].reverse().concat(labels)]))
    expect(Math.abs(setAlpha(shuffled, masiDistance) - CASES[0]!.masi)).toBeLessThan(1e-9)
  })

  it('is 1 on complete agreement, and refuses one distinct set or no unit rated twice', () => {
    expect(setAlpha([[['a'], ['a']], [['b', 'c'], ['c', 'b']]], masiDistance)).toBe(1)
    expect(() => setAlpha([[['a'], ['a']]], masiDistance)).toThrow(AgreementError)
    expect(() => setAlpha([[['a']], [['b']]], masiDistance)).toThrow(AgreementError)
  })
})

// The same cases recomputed by NLTK itself where Debian's python3-nltk is installed (.ci/run installs it).
const PYTHON = '/usr/bin/python3'
const hasNltk = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import nltk'], { encoding: 'utf8' }).status === 0
describe.skipIf(!hasNltk)('against NLTK run here (skipped: no /usr/bin/python3 with nltk; apt-get install python3-nltk)', () => {
  it('gives the α NLTK computes for every case, and for generated ones', () => {
    const generated: Row[][] = Array.from({ length: 20 }, (_, g) => {
      const rows: Row[] = []
      // a fixed pseudo-random pattern: 12 items, up to 4 coders, sets over 4 labels
      let x = 1234567 + g * 7919
      const next = (): number => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648)
      for (let item = 0; item < 12; item++) {
        for (const coder of ['k1', 'k2', 'k3', 'k4']) {
          if (next() < 0.25) continue
          const labels = ['L1', 'L2', 'L3', 'L4'].filter(() => next() < 0.4)
          rows.push([coder, `item${item}`, labels.length > 0 ? labels : ['L1']])
        }
      }
      return rows
    })
    const all = [...CASES.map((c) => c.rows), ...generated]
    const script = [
      'import json, sys',
      'from nltk.metrics.distance import masi_distance, jaccard_distance',
      'from nltk.metrics.agreement import AnnotationTask',
      'out = []',
      'for rows in json.load(sys.stdin):',
      '    data = [(c, i, frozenset(l)) for c, i, l in rows]',
      '    out.append([AnnotationTask(data=data, distance=masi_distance).alpha(), AnnotationTask(data=data, distance=jaccard_distance).alpha()])',
      'print(json.dumps(out))',
    ].join('\n')
    const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(all), encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    const expected = JSON.parse(run.stdout) as [number, number][]
    for (const [i, rows] of all.entries()) {
      expect(Math.abs(setAlpha(units(rows), masiDistance) - expected[i]![0])).toBeLessThan(1e-9)
      expect(Math.abs(setAlpha(units(rows), jaccardDistance) - expected[i]![1])).toBeLessThan(1e-9)
    }
  })
})
