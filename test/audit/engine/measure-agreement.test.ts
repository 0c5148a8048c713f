import { describe, expect, it } from 'vitest'
import { measureAgreement, type AgreementOptions } from '../../../src/audit/agreement/measure-agreement.js'
import type { AnnotationItem } from '../../../src/formats/annotations/item.js'
import { asyncItems, makeItem, shuffled } from './engine-helpers.js'

const NOMINAL: AgreementOptions = { weights: 'none', order: null }

/** Krippendorff (2011), 4 coders × 12 units, "." = not rated (audit-statistics.md §3.3, A1). */
const K2011: Record<string, string> = {
  A: '1 2 3 3 2 1 4 1 2 . . .',
  B: '1 2 3 3 2 2 4 1 2 5 . 3',
  C: '. 3 3 3 2 3 4 2 2 5 1 .',
  D: '1 2 3 3 2 4 4 1 2 5 1 .',
}

function k2011Items(rename: (value: string) => string = (v) => v): AnnotationItem[] {
  const items: AnnotationItem[] = []
  for (const [coder, row] of Object.entries(K2011)) {
    row.split(' ').forEach((value, unit) => {
      if (value !== '.') items.push(makeItem(`unit-${unit + 1}`, coder, [rename(value)], { source_file: 'k2011.jsonl' }))
    })
  }
  return items
}

/** Two annotators over 50 items with the K1 table [[20,5],[10,15]] (rows r1, columns r2). */
function k1Items(): AnnotationItem[] {
  const cells: Array<[string, string, number]> = [
    ['yes', 'yes', 20],
    ['yes', 'no', 5],
    ['no', 'yes', 10],
    ['no', 'no', 15],
  ]
  const items: AnnotationItem[] = []
  let id = 0
  for (const [a, b, count] of cells) {
    for (let k = 0; k < count; k++) {
      id++
      items.push(makeItem(`t${id}`, 'r1', [a]), makeItem(`t${id}`, 'r2', [b]))
    }
  }
  return items
}

describe('measureAgreement on the Krippendorff (2011) data', () => {
  it('reproduces the published α for all four metrics', async () => {
    const result = await measureAgreement(() => asyncItems(k2011Items()), NOMINAL)
    expect(result.krippendorff_alpha.nominal).toBeCloseTo(0.743421052631579, 9)
    expect(result.krippendorff_alpha.ordinal).toBeCloseTo(0.8153875037548814, 9)
    expect(result.krippendorff_alpha.interval).toBeCloseTo(0.8491071428571428, 9)
    expect(result.krippendorff_alpha.ratio).toBeCloseTo(0.7974027747116121, 9)
  })

  it('gives percent agreement 0.8181818 (mean pairwise agreement per unit)', async () => {
    const result = await measureAgreement(() => asyncItems(k2011Items()), NOMINAL)
    expect(result.percent_agreement).toBeCloseTo(0.8181818181818182, 9)
  })

  it('counts 11 items rated by two or more (of 12), 4 annotators and the numeric categories', async () => {
    const result = await measureAgreement(() => asyncItems(k2011Items()), NOMINAL)
    expect(result.items).toBe(11)
    expect(result.items_total).toBe(12)
    expect(result.annotators).toBe(4)
    expect(result.categories).toEqual(['1', '2', '3', '4', '5'])
  })

  it('leaves Cohen’s κ null with a note (4 annotators), and Fleiss’ κ null because raters per unit vary', async () => {
    const result = await measureAgreement(() => asyncItems(k2011Items()), NOMINAL)
    expect(result.cohen_kappa).toBeNull()
    expect(result.notes).toContain("Cohen's kappa needs exactly two annotators; there are 4 (see pairs)")
    expect(result.fleiss_kappa).toBeNull()
    expect(result.notes.some((note) => note.startsWith("Fleiss' kappa"))).toBe(true)
  })

  it('lists every pair with the items both rated and their raw agreement (hand-counted)', async () => {
    const result = await measureAgreement(() => asyncItems(k2011Items()), NOMINAL)
    expect(result.pairs.map(({ a, b, items, percent_agreement }) => ({ a, b, items, percent_agreement }))).toEqual([
      { a: 'A', b: 'B', items: 9, percent_agreement: 8 / 9 },
      { a: 'A', b: 'C', items: 8, percent_agreement: 5 / 8 },
      { a: 'A', b: 'D', items: 9, percent_agreement: 8 / 9 },
      { a: 'B', b: 'C', items: 9, percent_agreement: 6 / 9 },
      { a: 'B', b: 'D', items: 10, percent_agreement: 9 / 10 },
      { a: 'C', b: 'D', items: 10, percent_agreement: 7 / 10 },
    ])
    for (const pair of result.pairs) {
      expect(pair.cohen_kappa).not.toBeNull()
      expect(pair.cohen_kappa!).toBeGreaterThan(0)
      expect(pair.cohen_kappa!).toBeLessThan(1)
    }
  })

  it('does not depend on the order the annotations come in', async () => {
    const a = await measureAgreement(() => asyncItems(k2011Items()), NOMINAL)
    const b = await measureAgreement(() => asyncItems(shuffled(k2011Items(), 'k2011')), NOMINAL)
    expect(b).toEqual(a)
  })

  it('with word labels and an explicit order gives the same ordinal and interval α, and no ratio α', async () => {
    const words = ['very low', 'low', 'mid', 'high', 'very high']
    const items = k2011Items((v) => words[Number(v) - 1]!)
    const result = await measureAgreement(() => asyncItems(items), { weights: 'none', order: words })
    expect(result.categories).toEqual(words)
    expect(result.krippendorff_alpha.nominal).toBeCloseTo(0.743421052631579, 9)
    expect(result.krippendorff_alpha.ordinal).toBeCloseTo(0.8153875037548814, 9)
    expect(result.krippendorff_alpha.interval).toBeCloseTo(0.8491071428571428, 9)
    expect(result.krippendorff_alpha.ratio).toBeNull()
    expect(result.notes).toContain('ratio alpha needs numeric labels')
  })

  it('without an order, word labels get nominal α only, with notes', async () => {
    const items = k2011Items((v) => `class-${v}`)
    const result = await measureAgreement(() => asyncItems(items), NOMINAL)
    expect(result.krippendorff_alpha).toEqual({ nominal: expect.closeTo(0.743421052631579, 9), ordinal: null, interval: null, ratio: null })
    expect(result.notes).toContain('ordinal and interval alpha need numeric labels or --order')
  })
})

describe('measureAgreement with two annotators', () => {
  it('gives Cohen’s κ = 0.4 for the K1 table [[20,5],[10,15]], with p_o = 0.7', async () => {
    const result = await measureAgreement(() => asyncItems(k1Items()), NOMINAL)
    expect(result.annotators).toBe(2)
    expect(result.items).toBe(50)
    expect(result.cohen_kappa).toBeCloseTo(0.4, 12)
    expect(result.percent_agreement).toBeCloseTo(0.7, 12)
    expect(result.pairs).toEqual([{ a: 'r1', b: 'r2', items: 50, percent_agreement: 0.7, cohen_kappa: expect.closeTo(0.4, 12) }])
    expect(result.categories).toEqual(['no', 'yes'])
  })

  it('attributes items without annotator to their source file, so two per-annotator files join on item id', async () => {
    const items = k1Items().map((item) => ({ ...item, annotator: null, source_file: item.annotator === 'r1' ? 'alice.jsonl' : 'bob.jsonl' }))
    const result = await measureAgreement(() => asyncItems(items), NOMINAL)
    expect(result.annotators).toBe(2)
    expect(result.items).toBe(50)
    expect(result.cohen_kappa).toBeCloseTo(0.4, 12)
    expect(result.pairs.map((p) => [p.a, p.b])).toEqual([['alice.jsonl', 'bob.jsonl']])
  })

  it('uses the first of repeated (item, annotator) annotations by default and reports them as audit sample does', async () => {
    const items = [...k1Items(), makeItem('t1', 'r1', ['no']), makeItem('t2', 'r2', ['no'])]
    const result = await measureAgreement(() => asyncItems(items), NOMINAL)
    expect(result.repeats).toMatchObject({ policy: 'first', units: 2, copies: 2 })
    expect(result.cohen_kappa).toBeCloseTo(0.4, 12)
    expect(result.items).toBe(50)
    // with last, the copies replace the first ratings: the same as an export holding only them
    const replaced = k1Items().map((item) => (item.item_id === 't1' && item.annotator === 'r1') || (item.item_id === 't2' && item.annotator === 'r2') ? makeItem(item.item_id, item.annotator, ['no']) : item)
    const last = await measureAgreement(() => asyncItems(items), { ...NOMINAL, repeats: 'last' })
    const expected = await measureAgreement(() => asyncItems(replaced), NOMINAL)
    expect(last.cohen_kappa).toBe(expected.cohen_kappa)
    expect(last.krippendorff_alpha).toEqual(expected.krippendorff_alpha)
    await expect(measureAgreement(() => asyncItems(items), { ...NOMINAL, repeats: 'refuse' })).rejects.toThrow(/item "t1" by annotator "r1" appears 2 times/)
  })

  it('compares an item’s labels as a set: their order and repeats do not matter', async () => {
    const items = [
      makeItem('1', 'a', ['cat', 'dog']),
      makeItem('1', 'b', ['dog', 'cat']),
      makeItem('2', 'a', ['cat', 'cat']),
      makeItem('2', 'b', ['cat']),
      makeItem('3', 'a', ['cat', 'dog']),
      makeItem('3', 'b', ['cat']),
      makeItem('4', 'a', ['bird']),
      makeItem('4', 'b', ['bird', 'cat']),
    ]
    const result = await measureAgreement(() => asyncItems(items), NOMINAL)
    expect(result.categories).toEqual(['bird', 'bird; cat', 'cat', 'cat; dog'])
    // items 1 and 2 agree as sets, 3 and 4 do not
    expect(result.pairs[0]).toMatchObject({ items: 4, percent_agreement: 0.5 })
    // NLTK 3.8: AnnotationTask(data, distance=masi_distance).alpha() and with jaccard_distance
    expect(result.label_sets?.annotations_with_several_labels).toBe(4)
    expect(result.label_sets?.masi_alpha).toBeCloseTo(0.46231591105977465, 9)
    expect(result.label_sets?.jaccard_alpha).toBeCloseTo(0.5172413793103449, 9)
    // "dog": a says yes, no, yes, no and b yes, no, no, no; p_o = 3/4, p_e = 1/2 · 1/4 + 1/2 · 3/4 = 1/2, κ = 1/2
    const dog = result.label_sets?.per_label.find((l) => l.label === 'dog')
    expect(dog).toMatchObject({ annotations: 3, kappa_method: 'cohen' })
    expect(dog?.kappa).toBeCloseTo(0.5, 12)
    expect(result.label_sets?.per_label.map((l) => l.label)).toEqual(['bird', 'cat', 'dog'])
  })

  it('reports a κ of zero as 0, not as binary rounding noise (1.1e-16)', async () => {
    // a: a, a, c; b: a, c, b. p_o = 1/3; p_e = (2/3 · 1/3) + (1/3 · 1/3) = 1/3, so κ = 0 exactly
    const A = ['a', 'a', 'c']
    const B = ['a', 'c', 'b']
    const items = A.flatMap((label, i) => [makeItem(String(i), 'x', [label]), makeItem(String(i), 'y', [B[i]!])])
    const result = await measureAgreement(() => asyncItems(items), NOMINAL)
    expect(result.cohen_kappa).toBe(0)
    expect(Object.is(result.cohen_kappa, -0)).toBe(false)
  })

  it('has no label-set measures when every annotation has one label', async () => {
    const result = await measureAgreement(() => asyncItems(k1Items()), NOMINAL)
    expect(result.label_sets).toBeNull()
  })

  it('measures nothing, with a note, when no item has two annotators', async () => {
    const items = [makeItem('1', 'a', ['x']), makeItem('2', 'b', ['y'])]
    const result = await measureAgreement(() => asyncItems(items), NOMINAL)
    expect(result).toMatchObject({ items: 0, items_total: 2, annotators: 2, percent_agreement: null, cohen_kappa: null, fleiss_kappa: null, pairs: [] })
    expect(result.notes).toContain('no item was labelled by two or more annotators')
  })

  it('notes an undefined κ instead of failing when both annotators use one label throughout', async () => {
    const items = [makeItem('1', 'a', ['x']), makeItem('1', 'b', ['x']), makeItem('2', 'a', ['x']), makeItem('2', 'b', ['x'])]
    const result = await measureAgreement(() => asyncItems(items), NOMINAL)
    expect(result.percent_agreement).toBe(1)
    expect(result.cohen_kappa).toBeNull()
    expect(result.notes.some((note) => note.startsWith("Cohen's kappa (a, b)"))).toBe(true)
  })
})
