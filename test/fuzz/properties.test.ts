import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnnotationItem } from '../../src/formats/annotations/item.js'
import { cohenKappa } from '../../src/audit/stats/cohen-kappa.js'
import { krippendorffAlpha } from '../../src/audit/stats/krippendorff-alpha.js'
import { clopperPearsonInterval, wilsonInterval } from '../../src/audit/stats/proportion.js'
import { drawSample } from '../../src/audit/sampling/draw-sample.js'
import { isValidBankCard } from '../../src/provenance/pii/bank-card.js'
import { isValidResidentId } from '../../src/provenance/pii/resident-id.js'
import { isValidUscc } from '../../src/provenance/pii/uscc.js'
import { SeededRandom } from '../../src/util/prng.js'
import { invalidBankCard, invalidResidentId, invalidUscc, validBankCard, validResidentId, validUscc } from '../helpers/pii-samples.js'

// Properties with a fixed seed, so `npm test` runs the same cases every time.
const SEED = 20261203
const RUNS = 300

describe('properties of the personal-information validators', () => {
  const generated = (name: string, valid: (r: SeededRandom) => string, invalid: (r: SeededRandom) => string, check: (v: string) => boolean): void => {
    it(`${name}: every generated valid value validates and every generated invalid one does not`, () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 16 }), (seed) => {
          const rng = new SeededRandom(seed)
          expect(check(valid(rng))).toBe(true)
          expect(check(invalid(rng))).toBe(false)
        }),
        { seed: SEED, numRuns: RUNS },
      )
    })
  }
  generated('resident id', validResidentId, invalidResidentId, (v) => isValidResidentId(v))
  generated('bank card', validBankCard, invalidBankCard, (v) => isValidBankCard(v.replace(/\D/g, '')))
  generated('USCC', validUscc, invalidUscc, (v) => isValidUscc(v))

  it('no validator throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (s) => {
        isValidResidentId(s)
        isValidBankCard(s)
        isValidUscc(s)
      }),
      { seed: SEED, numRuns: 2000 },
    )
  })
})

describe('properties of the sampler', () => {
  const itemsArb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), annotator: fc.constantFrom('a', 'b', null), label: fc.constantFrom('x', 'y', 'z') }), {
    minLength: 1,
    maxLength: 120,
    selector: (i) => `${i.id}\u0000${i.annotator ?? ''}`,
  })
  const asItems = (rows: readonly { id: string; annotator: string | null; label: string }[]): AnnotationItem[] =>
    rows.map((r) => ({ item_id: r.id, annotator: r.annotator, labels: [r.label], source_file: 'x.jsonl', location: 'line 1', preview: '' }))
  const draw = async (items: readonly AnnotationItem[], size: number, stratified: boolean): Promise<string[]> => {
    const result = await drawSample(
      async function* () {
        yield* items
      },
      { seed: 'prop', plan: { method: 'fixed-size', size }, stratumOf: stratified ? (i) => i.labels[0] ?? '' : null, repeats: 'first' },
    )
    return result.sample.map((u) => `${u.item.item_id}\u0000${u.item.annotator ?? ''}`)
  }

  it('draws the same sample whatever the order of the export', async () => {
    await fc.assert(
      fc.asyncProperty(itemsArb, fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.nat(), async (rows, size, stratified, shuffleSeed) => {
        const items = asItems(rows)
        const rng = new SeededRandom(String(shuffleSeed))
        const shuffled = [...items].sort(() => rng.next() - 0.5)
        expect(await draw(shuffled, size, stratified)).toEqual(await draw(items, size, stratified))
      }),
      { seed: SEED, numRuns: 150 },
    )
  })

  it('draws from the parts of a split export what it draws from the whole (the shards’ samples merged by rank)', async () => {
    await fc.assert(
      fc.asyncProperty(itemsArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2, max: 4 }), async (rows, size, parts) => {
        const items = asItems(rows)
        const whole = await draw(items, size, false)
        // each part's own smallest ranks, merged: the global smallest are among them
        const result = await Promise.all(
          Array.from({ length: parts }, (_, k) =>
            drawSample(
              async function* () {
                yield* items.filter((_, i) => i % parts === k)
              },
              { seed: 'prop', plan: { method: 'fixed-size', size }, stratumOf: null, repeats: 'first' },
            ),
          ),
        )
        const merged = result
          .flatMap((r) => r.sample)
          .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
          .slice(0, size)
          .map((u) => `${u.item.item_id}\u0000${u.item.annotator ?? ''}`)
        expect(merged.sort()).toEqual([...whole].sort())
      }),
      { seed: SEED, numRuns: 150 },
    )
  })
})

describe('properties of the statistics', () => {
  it('Wilson and Clopper–Pearson intervals lie in [0, 1] and contain the observed proportion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.8, 0.9, 0.95, 0.99), (n, share, confidence) => {
        const x = Math.round(share * n)
        for (const [low, high] of [wilsonInterval(x, n, confidence), clopperPearsonInterval(x, n, confidence)]) {
          expect(low).toBeGreaterThanOrEqual(0)
          expect(high).toBeLessThanOrEqual(1)
          expect(low).toBeLessThanOrEqual(x / n + 1e-12)
          expect(high).toBeGreaterThanOrEqual(x / n - 1e-12)
        }
      }),
      { seed: SEED, numRuns: 2000 },
    )
  })

  it("Cohen's κ is at most 1, and 1 when the raters agree on two or more categories", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('a', 'b', 'c')), { minLength: 2, maxLength: 200 }), (pairs) => {
        const k = cohenKappa(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        )
        if (k !== null) expect(k).toBeLessThanOrEqual(1 + 1e-12)
        if (k !== null) expect(k).toBeGreaterThanOrEqual(-1 - 1e-12)
        const same = pairs.map((p) => p[0])
        if (new Set(same).size > 1) expect(cohenKappa(same, same)).toBeCloseTo(1, 12)
      }),
      { seed: SEED, numRuns: 1000 },
    )
  })

  it("Krippendorff's α is at most 1, and 1 when every unit's ratings agree and the data vary", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 60 }), (units) => {
        const alpha = krippendorffAlpha(units, 'nominal')
        if (Number.isFinite(alpha)) expect(alpha).toBeLessThanOrEqual(1 + 1e-12)
        // every unit's raters agree (each unit takes its first rating twice), and units differ
        const agreeing = units.map((u) => [u[0]!, u[0]!])
        if (new Set(agreeing.map((u) => u[0])).size > 1) expect(krippendorffAlpha(agreeing, 'nominal')).toBeCloseTo(1, 12)
      }),
      { seed: SEED, numRuns: 500 },
    )
  })
})
