import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { allocateProportionally } from '../../../src/audit/sampling/allocate.js'
import { PopulationFingerprint } from '../../../src/audit/sampling/population-fingerprint.js'
import { compareRanked, Ranker, unitKey } from '../../../src/audit/sampling/rank.js'
import { SmallestN } from '../../../src/audit/sampling/smallest-n.js'
import { SeededRandom } from '../../../src/util/prng.js'
import { sipHashReference, shuffled } from './engine-helpers.js'

describe('SmallestN', () => {
  const ranker = new Ranker('heap')
  const entries = Array.from({ length: 500 }, (_, i) => {
    const key = unitKey(`item-${i}`, null)
    return { ...ranker.rank(key), key, value: i }
  })
  const expected = [...entries].sort(compareRanked)

  it('keeps the n smallest ranks, smallest first, whatever order they are offered in', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const heap = new SmallestN<number>(37)
      for (const entry of shuffled(entries, seed)) heap.offer(entry)
      expect(heap.size).toBe(37)
      expect(heap.sorted().map((e) => e.value)).toEqual(expected.slice(0, 37).map((e) => e.value))
    }
  })

  it('keeps the n smallest when offered in ascending or descending order', () => {
    const up = new SmallestN<number>(10)
    for (const entry of expected) up.offer(entry)
    const down = new SmallestN<number>(10)
    for (const entry of [...expected].reverse()) down.offer(entry)
    const smallest = expected.slice(0, 10).map((e) => e.value)
    expect(up.sorted().map((e) => e.value)).toEqual(smallest)
    expect(down.sorted().map((e) => e.value)).toEqual(smallest)
  })

  it('keeps everything when fewer than capacity are offered', () => {
    const heap = new SmallestN<number>(1000)
    for (const entry of shuffled(entries, 'all')) heap.offer(entry)
    expect(heap.sorted().map((e) => e.value)).toEqual(expected.map((e) => e.value))
  })

  it('keeps nothing at capacity 0 and admits nothing', () => {
    const heap = new SmallestN<number>(0)
    expect(heap.admits(entries[0]!, entries[0]!.key)).toBe(false)
    for (const entry of entries) heap.offer(entry)
    expect(heap.sorted()).toEqual([])
  })

  it('admits exactly the entries an offer would keep', () => {
    const heap = new SmallestN<number>(20)
    for (const entry of shuffled(entries, 'admit')) {
      const admitted = heap.admits(entry, entry.key)
      const before = heap.sorted()
      heap.offer(entry)
      expect(heap.sorted().includes(entry)).toBe(admitted)
      if (!admitted) expect(heap.sorted()).toEqual(before)
    }
  })

  it('breaks equal 64-bit ranks by key', () => {
    const heap = new SmallestN<string>(2)
    for (const key of ['d', 'b', 'c', 'a']) heap.offer({ hi: 7, lo: 7, key, value: key })
    expect(heap.sorted().map((e) => e.value)).toEqual(['a', 'b'])
  })
})

function sum(map: ReadonlyMap<string, number>): number {
  return [...map.values()].reduce((a, b) => a + b, 0)
}

describe('allocateProportionally', () => {
  it('splits proportionally when the quotas are whole: 50/30/20 of 10 → 5/3/2', () => {
    const out = allocateProportionally(10, new Map([['a', 50], ['b', 30], ['c', 20]]))
    expect(Object.fromEntries(out)).toEqual({ a: 5, b: 3, c: 2 })
  })

  it('gives the leftover units to the largest remainders: 45/35/20 of 11 → 5/4/2', () => {
    // quotas 4.95, 3.85, 2.2: floors 4/3/2, remainders .95 and .85 win the two units left
    const out = allocateProportionally(11, new Map([['a', 45], ['b', 35], ['c', 20]]))
    expect(Object.fromEntries(out)).toEqual({ a: 5, b: 4, c: 2 })
  })

  it('breaks equal remainders by stratum name, whatever the map order', () => {
    const a = allocateProportionally(2, new Map([['c', 10], ['b', 10], ['a', 10]]))
    const b = allocateProportionally(2, new Map([['a', 10], ['b', 10], ['c', 10]]))
    expect(Object.fromEntries(a)).toEqual({ a: 1, b: 1, c: 0 })
    expect(Object.fromEntries(b)).toEqual({ a: 1, b: 1, c: 0 })
  })

  it('gives every stratum at least one unit when n ≥ strata, taking them back from the largest', () => {
    // quotas .1, .1, .1, 9.7: the three small strata get 1 each, the large one the other 7
    const out = allocateProportionally(10, new Map([['a', 1], ['b', 1], ['c', 1], ['d', 97]]))
    expect(Object.fromEntries(out)).toEqual({ a: 1, b: 1, c: 1, d: 7 })
  })

  it('takes the whole population when n is at least its size', () => {
    const sizes = new Map([['a', 3], ['b', 4]])
    expect(Object.fromEntries(allocateProportionally(7, sizes))).toEqual({ a: 3, b: 4 })
    expect(Object.fromEntries(allocateProportionally(100, sizes))).toEqual({ a: 3, b: 4 })
  })

  it('on 2,000 random cases: sums to min(n, total), never exceeds a stratum, at least 1 each when n ≥ strata', () => {
    const rng = new SeededRandom('allocate')
    for (let trial = 0; trial < 2000; trial++) {
      const strata = 1 + Math.floor(rng.next() * 8)
      const sizes = new Map<string, number>()
      for (let s = 0; s < strata; s++) {
        const big = rng.next() < 0.3
        sizes.set(`s${s}`, 1 + Math.floor(rng.next() * (big ? 5000 : 20)))
      }
      const total = sum(sizes)
      const n = Math.floor(rng.next() * (total + 5))
      const out = allocateProportionally(n, sizes)
      const context = `n=${n} sizes=${JSON.stringify(Object.fromEntries(sizes))} → ${JSON.stringify(Object.fromEntries(out))}`
      expect(sum(out), context).toBe(Math.min(n, total))
      for (const [name, size] of sizes) {
        const got = out.get(name)!
        expect(got, context).toBeLessThanOrEqual(size)
        expect(got, context).toBeGreaterThanOrEqual(0)
        if (n >= strata) expect(got, context).toBeGreaterThanOrEqual(1)
      }
      // without the minimum of one in play, largest remainder stays within one unit of each quota
      const quotasAtLeastOne = [...sizes.values()].every((size) => (n * size) / total >= 1)
      if (n < total && quotasAtLeastOne) {
        for (const [name, size] of sizes) expect(Math.abs(out.get(name)! - (n * size) / total), context).toBeLessThan(1)
      }
    }
  })
})

describe('PopulationFingerprint', () => {
  const units: Array<[string, string[]]> = Array.from({ length: 200 }, (_, i) => [unitKey(`item-${i}`, `ann-${i % 3}`), [`label-${i % 5}`, 'extra']])

  function digestOf(list: ReadonlyArray<readonly [string, readonly string[]]>): string {
    const fp = new PopulationFingerprint()
    for (const [key, labels] of list) fp.add(key, labels)
    return fp.digest()
  }

  it('is independent of the order of the units', () => {
    const base = digestOf(units)
    expect(digestOf([...units].reverse())).toBe(base)
    expect(digestOf(shuffled(units, 'fp'))).toBe(base)
  })

  it('changes when any one label changes, is added or is removed', () => {
    const base = digestOf(units)
    const edit = (i: number, labels: string[]): Array<[string, string[]]> => units.map((u, k) => (k === i ? [u[0], labels] : u))
    expect(digestOf(edit(17, ['label-9', 'extra']))).not.toBe(base)
    expect(digestOf(edit(17, [...units[17]![1], 'added']))).not.toBe(base)
    expect(digestOf(edit(17, [units[17]![1][0]!]))).not.toBe(base)
    expect(digestOf(edit(199, [...units[199]![1]].reverse()))).not.toBe(base)
  })

  it('changes when a unit is added, removed, duplicated or its annotator changes', () => {
    const base = digestOf(units)
    expect(digestOf(units.slice(1))).not.toBe(base)
    expect(digestOf([...units, units[0]!])).not.toBe(base)
    expect(digestOf([...units, [unitKey('new', null), []]])).not.toBe(base)
    expect(digestOf(units.map((u, k) => (k === 3 ? [unitKey('item-3', 'someone-else'), u[1]] : u)))).not.toBe(base)
  })

  it('counts the units it was given', () => {
    const fp = new PopulationFingerprint()
    for (const [key, labels] of units) fp.add(key, labels)
    expect(fp.units).toBe(200)
  })

  it('is sha256("<units>:<lanes>") of the lane sums FINGERPRINT_METHOD describes, recomputed independently', () => {
    const k1 = Uint8Array.from({ length: 16 }, (_, i) => i)
    const k2 = Uint8Array.from({ length: 16 }, (_, i) => 16 + i)
    const list: Array<[string, string[]]> = [...units, [unitKey('长文本-1', '标注员'), ['很长的标签'.repeat(60)]]]
    const lanes = [0n, 0n, 0n, 0n]
    for (const [key, labels] of list) {
      const bytes = new TextEncoder().encode(`${key}\u001f${labels.join('\u001e')}`)
      const a = sipHashReference(k1, bytes)
      const b = sipHashReference(k2, bytes)
      lanes[0] = (lanes[0]! + (a >> 32n)) % 2n ** 32n
      lanes[1] = (lanes[1]! + (a & 0xffffffffn)) % 2n ** 32n
      lanes[2] = (lanes[2]! + (b >> 32n)) % 2n ** 32n
      lanes[3] = (lanes[3]! + (b & 0xffffffffn)) % 2n ** 32n
    }
    const text = `${list.length}:${lanes.map((lane) => lane.toString(16).padStart(8, '0')).join('')}`
    expect(digestOf(list)).toBe(createHash('sha256').update(text).digest('hex'))
  })

  it('of no units is sha256("0:" + 32 zeros)', () => {
    expect(new PopulationFingerprint().digest()).toBe(createHash('sha256').update(`0:${'0'.repeat(32)}`).digest('hex'))
  })
})
