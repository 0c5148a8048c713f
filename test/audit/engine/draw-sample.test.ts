import { describe, expect, it } from 'vitest'
import type { AnnotationItem } from '../../../src/formats/annotations/item.js'
import type { PlanRequest } from '../../../src/audit/plan.js'
import { drawSample, type DrawResult } from '../../../src/audit/sampling/draw-sample.js'
import { compareRanked, Ranker, unitKey } from '../../../src/audit/sampling/rank.js'
import { hash64Hex } from '../../../src/audit/sampling/siphash.js'
import { UserError } from '../../../src/util/errors.js'
import { hex64, makeItem, makePopulation, reader, referenceRank, shuffled } from './engine-helpers.js'

const FIXED_50: PlanRequest = { method: 'fixed-size', size: 50 }
const byLabel = (item: AnnotationItem): string => item.labels[0] ?? '(none)'

async function draw(items: readonly AnnotationItem[], seed: string, plan: PlanRequest, stratumOf: ((item: AnnotationItem) => string) | null = null): Promise<DrawResult> {
  return drawSample(reader(items).read, { seed, plan, stratumOf, repeats: 'first' })
}

const ids = (result: DrawResult): string[] => result.sample.map((unit) => unit.item.item_id)

/** The reference draw: rank every unit, sort by (hi, lo, key), take the first n. */
function bruteForce(items: readonly AnnotationItem[], seed: string, n: number): string[] {
  const ranker = new Ranker(seed)
  return items
    .map((item) => {
      const key = unitKey(item.item_id, item.annotator)
      return { ...ranker.rank(key), key, id: item.item_id }
    })
    .sort(compareRanked)
    .slice(0, n)
    .map((entry) => entry.id)
}

describe('drawSample: reproducibility', () => {
  const population = makePopulation(1000)

  it('draws the identical sample (ids, ranks and order) from the same seed', async () => {
    const a = await draw(population, 'seed-1', FIXED_50)
    const b = await draw(population, 'seed-1', FIXED_50)
    expect(a.sample).toHaveLength(50)
    expect(ids(b)).toEqual(ids(a))
    expect(b.sample.map((u) => u.rank)).toEqual(a.sample.map((u) => u.rank))
    expect(b.population).toEqual(a.population)
  })

  it('draws the same units and fingerprint when the input order is shuffled', async () => {
    const a = await draw(population, 'seed-1', FIXED_50)
    for (const order of ['x', 'y', 'z']) {
      const b = await draw(shuffled(population, order), 'seed-1', FIXED_50)
      expect(ids(b)).toEqual(ids(a))
      expect(b.population.fingerprint).toBe(a.population.fingerprint)
    }
  })

  it('draws a different sample from another seed, over the same population', async () => {
    const a = await draw(population, 'seed-1', FIXED_50)
    const b = await draw(population, 'seed-2', FIXED_50)
    expect(new Set(ids(b))).not.toEqual(new Set(ids(a)))
    expect(b.population.fingerprint).toBe(a.population.fingerprint)
  })

  it('changes the fingerprint, not the seed-determined ranks, when one label is edited', async () => {
    const edited = population.map((item, i) => (i === 500 ? { ...item, labels: ['edited'] } : item))
    const a = await draw(population, 'seed-1', FIXED_50)
    const b = await draw(edited, 'seed-1', FIXED_50)
    expect(b.population.fingerprint).not.toBe(a.population.fingerprint)
    expect(ids(b)).toEqual(ids(a))
  })

  for (const seed of ['seed-1', 'audit 2025-06', '种子', '']) {
    it(`equals the brute-force reference (rank all, sort by (hi, lo, key), take n) for seed "${seed}"`, async () => {
      const result = await draw(shuffled(population, seed), seed, FIXED_50)
      expect(ids(result)).toEqual(bruteForce(population, seed, 50))
    })
  }

  it('equals the brute-force reference under an ISO plan, whose one-pass heap is larger than n', async () => {
    const items = makePopulation(3000)
    const result = await draw(items, 'iso', { method: 'iso-2859-1', aql: 1.5, level: 'II' })
    expect(result.plan.sample_size).toBe(125)
    expect(ids(result)).toEqual(bruteForce(items, 'iso', 125))
  })

  it('lists the sample by ascending rank; each rank is the SipHash-2-4 anyone can recompute', async () => {
    const result = await draw(population, 'seed-1', FIXED_50)
    const ranks = result.sample.map((u) => u.rank)
    expect(ranks).toEqual([...ranks].sort())
    for (const unit of result.sample.slice(0, 10)) {
      expect(unit.rank).toMatch(/^[0-9a-f]{16}$/)
      expect(unit.rank).toBe(hex64(referenceRank('seed-1', unit.item.item_id, unit.item.annotator)))
      expect(unit.rank).toBe(hash64Hex(new Ranker('seed-1').rank(unitKey(unit.item.item_id, unit.item.annotator))))
      expect(unit.stratum).toBeNull()
    }
  })

  it('reports the population: unit count, label and annotator tallies, no strata', async () => {
    const items = [makeItem('1', 'a', ['cat', 'dog']), makeItem('2', 'b', ['cat']), makeItem('3', null, [])]
    const result = await draw(items, 's', FIXED_50)
    expect(result.population.units).toBe(3)
    expect(result.population.labels).toEqual({ cat: 2, dog: 1 })
    expect(result.population.annotators).toEqual({ a: 1, b: 1 })
    expect(result.population.strata).toBeNull()
    expect(result.population.tallies_capped).toBe(false)
  })

  it('draws nothing from an empty population', async () => {
    const result = await draw([], 's', FIXED_50)
    expect(result.sample).toEqual([])
    expect(result.population.units).toBe(0)
    expect(result.plan.sample_size).toBe(0)
  })
})

describe('drawSample: sample size follows the plan', () => {
  it('ISO 2859-1, lot 4,000, AQL 1.5, level II: code L, n = 200, Ac 7, Re 8', async () => {
    const items = makePopulation(4000)
    const { read, passes } = reader(items)
    const result = await drawSample(read, { seed: 's', plan: { method: 'iso-2859-1', aql: 1.5, level: 'II' }, stratumOf: null, repeats: 'first' })
    expect(result.plan).toMatchObject({ method: 'iso-2859-1', code_letter: 'L', sample_size: 200, plan_sample_size: 200, accept: 7, reject: 8, population: 4000, full_inspection: false })
    expect(result.sample).toHaveLength(200)
    expect(passes()).toBe(1)
  })

  it('Cochran, margin 0.05 at 95 %, p = 0.5, population 300: n = 169', async () => {
    const result = await draw(makePopulation(300), 's', { method: 'cochran', margin: 0.05, confidence: 0.95, proportion: 0.5 })
    expect(result.plan.sample_size).toBe(169)
    expect(result.sample).toHaveLength(169)
    expect(result.plan.full_inspection).toBe(false)
  })

  it('a fixed size above the population takes every unit, marked full inspection', async () => {
    const items = makePopulation(120)
    const result = await draw(items, 's', { method: 'fixed-size', size: 500 })
    expect(result.plan).toMatchObject({ plan_sample_size: 500, sample_size: 120, full_inspection: true })
    expect(new Set(ids(result))).toEqual(new Set(items.map((i) => i.item_id)))
  })

  it('a ratio of 0.1 of 1,234 units draws 124 and reads the units twice (count, then draw)', async () => {
    const items = makePopulation(1234)
    const { read, passes } = reader(items)
    const result = await drawSample(read, { seed: 'ratio', plan: { method: 'ratio', ratio: 0.1 }, stratumOf: null, repeats: 'first' })
    expect(result.plan).toMatchObject({ method: 'ratio', ratio: 0.1, sample_size: 124, population: 1234 })
    expect(result.sample).toHaveLength(124)
    expect(passes()).toBe(2)
    expect(ids(result)).toEqual(bruteForce(items, 'ratio', 124))
  })

  it('a fixed size reads the units once', async () => {
    const { read, passes } = reader(makePopulation(200))
    await drawSample(read, { seed: 's', plan: FIXED_50, stratumOf: null, repeats: 'first' })
    expect(passes()).toBe(1)
  })
})

describe('drawSample: stratified by label', () => {
  // a skewed population: 'rare' has 6 units of 2,000
  const items = makePopulation(2000, { labels: ['common', 'middle', 'rare'], weights: [0.8, 0.197, 0.003], seed: 'skew' })

  for (const plan of [FIXED_50, { method: 'ratio', ratio: 0.05 } as PlanRequest, { method: 'iso-2859-1', aql: 1, level: 'II' } as PlanRequest]) {
    it(`${plan.method}: strata counts sum to n and each stratum's sample is its smallest ranks`, async () => {
      const result = await draw(items, 'strata', plan, byLabel)
      const n = result.plan.sample_size
      const strata = result.population.strata!
      expect(Object.keys(strata)).toEqual(['common', 'middle', 'rare'])
      expect(Object.values(strata).reduce((a, s) => a + s.sampled, 0)).toBe(n)
      expect(Object.values(strata).reduce((a, s) => a + s.units, 0)).toBe(2000)
      expect(result.sample).toHaveLength(n)
      for (const [name, { units, sampled }] of Object.entries(strata)) {
        const members = items.filter((item) => byLabel(item) === name)
        expect(members).toHaveLength(units)
        expect(sampled).toBeGreaterThanOrEqual(1)
        expect(sampled).toBeLessThanOrEqual(units)
        const drawn = result.sample.filter((u) => u.stratum === name).map((u) => u.item.item_id)
        expect(drawn).toHaveLength(sampled)
        expect(new Set(drawn)).toEqual(new Set(bruteForce(members, 'strata', sampled)))
      }
    })
  }

  it('gives the rare stratum at least one unit and the rest proportionally', async () => {
    const result = await draw(items, 'strata', FIXED_50, byLabel)
    const strata = result.population.strata!
    expect(strata.rare!.units).toBeGreaterThan(0)
    expect(strata.rare!.sampled).toBe(1)
    const commonQuota = (50 * strata.common!.units) / 2000
    expect(Math.abs(strata.common!.sampled - commonQuota)).toBeLessThan(1.5)
  })

  it('draws the same stratified sample from shuffled input', async () => {
    const a = await draw(items, 'strata', FIXED_50, byLabel)
    const b = await draw(shuffled(items, 'strata-shuffle'), 'strata', FIXED_50, byLabel)
    expect(ids(b)).toEqual(ids(a))
    expect(b.population).toEqual(a.population)
  })

  it('takes whole strata when the plan covers the population', async () => {
    const small = makePopulation(30, { labels: ['a', 'b'] })
    const result = await draw(small, 's', { method: 'fixed-size', size: 30 }, byLabel)
    expect(result.sample).toHaveLength(30)
    for (const { units, sampled } of Object.values(result.population.strata!)) expect(sampled).toBe(units)
  })
})

describe('drawSample: duplicate units', () => {
  const base = makePopulation(40)

  const drawWith = (items: readonly AnnotationItem[], seed: string, plan: PlanRequest, repeats: 'first' | 'last' | 'refuse'): Promise<DrawResult> =>
    drawSample(reader(items).read, { seed, plan, stratumOf: null, repeats })

  it('--repeats refuse: the same item and annotator twice is refused, naming both places', async () => {
    const twin = { ...base[7]!, source_file: 'second.jsonl', location: 'line 99' }
    const error = await drawWith([...base, twin], 's', { method: 'fixed-size', size: 100 }, 'refuse').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      'export.jsonl: line 8: item "item-7" by annotator "ann-b" appears 2 times (also second.jsonl: line 99); 1 repeated unit in all (all with the same labels); expected each (item, annotator) once, or pass --repeats first or --repeats last to keep one copy of each',
    )
  })

  it('--repeats refuse: a unit without annotator too', async () => {
    const items = [makeItem('a', null, ['x']), makeItem('b', null, ['y']), makeItem('a', null, ['x'], { location: 'line 3' })]
    await expect(drawWith(items, 's', FIXED_50, 'refuse')).rejects.toThrow(/item "a" appears 2 times/)
  })

  it('finds a repeat the sample does not catch, whatever the sample size', async () => {
    const seed = 'dup'
    // the unit ranked last: a sample of 1 or 5 never holds it
    const last = bruteForce(base, seed, base.length).at(-1)!
    const original = base.find((item) => item.item_id === last)!
    const items = [...base, { ...original, location: 'again' }]
    for (const size of [1, 5, 40]) {
      const result = await drawWith(items, seed, { method: 'fixed-size', size }, 'first')
      expect(result.population.units).toBe(40)
      expect(result.repeats).toMatchObject({ policy: 'first', units: 1, copies: 1, differing: 0 })
      expect(result.repeats.examples[0]!.places).toEqual([`${original.source_file}: ${original.location}`, `${original.source_file}: again`])
      expect(ids(result)).toEqual(bruteForce(base, seed, size))
      await expect(drawWith(items, seed, { method: 'fixed-size', size }, 'refuse')).rejects.toThrow(UserError)
    }
  })

  it('first keeps the first copy, last the last, in the population fingerprint and the sample; labels compared as sets', async () => {
    const items = [makeItem('a', 'x', ['cat', 'dog']), makeItem('b', 'x', ['cat']), makeItem('a', 'x', ['dog', 'cat', 'dog']), makeItem('a', 'x', ['bird'])]
    const first = await drawWith(items, 's', FIXED_50, 'first')
    const last = await drawWith(items, 's', FIXED_50, 'last')
    expect(first.sample.find((u) => u.item.item_id === 'a')!.item.labels).toEqual(['cat', 'dog'])
    expect(last.sample.find((u) => u.item.item_id === 'a')!.item.labels).toEqual(['bird'])
    expect(first.repeats).toMatchObject({ units: 1, copies: 2, differing: 1 })
    expect(first.repeats.examples[0]).toMatchObject({ item_id: 'a', annotator: 'x', occurrences: 3, labels_differ: true })
    const clean = await drawWith([items[0]!, items[1]!], 's', FIXED_50, 'first')
    expect(first.population.fingerprint).toBe(clean.population.fingerprint)
    expect(last.population.fingerprint).toBe((await drawWith([items[3]!, items[1]!], 's', FIXED_50, 'first')).population.fingerprint)
    // copies that differ only in order and repeats of labels are the same labels
    const sameSet = await drawWith([items[0]!, items[2]!], 's', FIXED_50, 'first')
    expect(sameSet.repeats).toMatchObject({ units: 1, copies: 1, differing: 0 })
  })

  it('accepts the same item labelled by two different annotators (two units)', async () => {
    const items = [makeItem('a', 'x', ['cat']), makeItem('a', 'y', ['dog'])]
    const result = await draw(items, 's', FIXED_50)
    expect(result.sample.map((u) => u.item.annotator).sort()).toEqual(['x', 'y'])
  })
})
