import { SeededRandom } from '../src/util/prng.js'

/**
 * The benchmark generators' random source: tdgov's own seeded xoshiro128**, so the data is the
 * same bytes on every run and platform, with the helpers the generators need.
 */
export class Rng extends SeededRandom {
  constructor(seed: number) {
    super(`bench:${seed}`)
  }

  /** uniform uint32 */
  u32(): number {
    return Math.floor(this.next() * 4294967296)
  }

  /** uniform in [0, 1) */
  float(): number {
    return this.next()
  }

  /** uniform integer in [lo, hi] (inclusive) */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T
  }
}
