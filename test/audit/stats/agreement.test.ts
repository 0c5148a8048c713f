import { describe, expect, it } from 'vitest'
import {
  AgreementError,
  cohenKappa,
  cohenKappaFromTable,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  type RatedUnit,
  type RatingValue,
} from '../../../src/audit/stats/index.js'

/** `n` copies of `label`, to spell the sklearn label vectors the way the test builds them. */
const times = (n: number, label: string): string[] => new Array<string>(n).fill(label)

/** Coders × units (the layout of the sources) → one list of values per unit; null = not rated. */
const unitsFromCoderRows = (rows: readonly (readonly (RatingValue | null)[])[]): RatedUnit[] =>
  (rows[0] ?? []).map((_, u) => rows.flatMap((row) => (row[u] === null || row[u] === undefined ? [] : [row[u] as RatingValue])))

describe('cohenKappaFromTable', () => {
  // K1: Wikipedia "Cohen's kappa" worked example, p_o = 0.7, p_e = 0.5 (recomputed, Appendix B).
  it('gives 0.4 for [[20, 5], [10, 15]] (Wikipedia)', () => {
    expect(cohenKappaFromTable([[20, 5], [10, 15]])).toBeCloseTo(0.4, 12)
  })

  // K4: scikit-learn sklearn/metrics/tests/test_classification.py::test_cohen_kappa (Artstein & Poesio 2008),
  // asserted to 4 decimals; full values recomputed in audit-statistics.md Appendix B.
  it('weights disagreements by category index: none / linear / quadratic (sklearn)', () => {
    const table = [[46, 0, 0], [4, 40, 0], [0, 0, 10]]
    expect(cohenKappaFromTable(table)).toBeCloseTo(0.9315068493150684, 12)
    expect(cohenKappaFromTable(table, 'linear')).toBeCloseTo(0.9411764705882353, 12)
    expect(cohenKappaFromTable(table, 'quadratic')).toBeCloseTo(0.9541284403669725, 12)
  })

  it('is null when undefined: no ratings, or one category in use', () => {
    expect(cohenKappaFromTable([[0, 0], [0, 0]])).toBeNull()
    expect(cohenKappaFromTable([[7, 0], [0, 0]])).toBeNull()
    expect(cohenKappaFromTable([[7, 0], [0, 0]], 'quadratic')).toBeNull()
  })

  it('refuses a table that is not square', () => {
    expect(() => cohenKappaFromTable([[1, 2], [3]])).toThrow(RangeError)
  })
})

describe('cohenKappa', () => {
  // K2: sklearn test_cohen_kappa, Artstein & Poesio 2008 Table 1: y1 = 40×0, 60×1; y2 = 20×0, 20×1, 10×0, 50×1.
  const k2a = [...times(40, '0'), ...times(60, '1')]
  const k2b = [...times(20, '0'), ...times(20, '1'), ...times(10, '0'), ...times(50, '1')]
  // K3: sklearn test_cohen_kappa, A&P Table 4: y1 = 46×0, 44×1, 10×2; y2 = 52×0, 32×1, 16×2.
  const k3a = [...times(46, '0'), ...times(44, '1'), ...times(10, '2')]
  const k3b = [...times(52, '0'), ...times(32, '1'), ...times(16, '2')]
  // K4: same test, y2 = 50×0, 40×1, 10×2.
  const k4b = [...times(50, '0'), ...times(40, '1'), ...times(10, '2')]

  it('gives .348 for A&P Table 1 and .8013 for Table 4 (sklearn)', () => {
    expect(cohenKappa(k2a, k2b)).toBeCloseTo(0.3478260869565216, 12)
    expect(cohenKappa(k3a, k3b)).toBeCloseTo(0.8013245033112584, 12)
  })

  it('gives .9315 / .9412 / .9541 for K4 with no, linear and quadratic weights (sklearn)', () => {
    expect(cohenKappa(k3a, k4b)).toBeCloseTo(0.9315068493150684, 12)
    expect(cohenKappa(k3a, k4b, { weights: 'linear' })).toBeCloseTo(0.9411764705882353, 12)
    expect(cohenKappa(k3a, k4b, { weights: 'quadratic' })).toBeCloseTo(0.9541284403669725, 12)
  })

  it('is symmetric in the two raters (sklearn asserts the same)', () => {
    expect(cohenKappa(k2b, k2a)).toBeCloseTo(0.3478260869565216, 12)
    expect(cohenKappa(k3b, k3a)).toBeCloseTo(0.8013245033112584, 12)
    expect(cohenKappa(k4b, k3a, { weights: 'linear' })).toBeCloseTo(0.9411764705882353, 12)
  })

  it('takes its categories from `order`: unused ones allowed, labels outside it refused', () => {
    // sklearn appends 4 × label 2 to both raters and passes labels=[0, 1]; tdgov refuses the stray
    // label (naming it) rather than dropping items silently.
    const a = [...k2a, ...times(4, '2')]
    const b = [...k2b, ...times(4, '2')]
    expect(() => cohenKappa(a, b, { order: ['0', '1'] })).toThrow(AgreementError)
    expect(() => cohenKappa(a, b, { order: ['0', '1'] })).toThrow('label "2" is not in the category order (0, 1)')
    expect(cohenKappa(k2a, k2b, { order: ['0', '1'] })).toBeCloseTo(0.3478260869565216, 12)
    // An unused category changes nothing unweighted…
    expect(cohenKappa(k2a, k2b, { order: ['0', '1', '2'] })).toBeCloseTo(0.3478260869565216, 12)
    // …but the order sets the indices that weights use: 1 between 0 and 2 makes 0↔1 and 1↔2 the far pairs.
    expect(cohenKappa(k3a, k4b, { weights: 'linear', order: ['1', '0', '2'] })).toBeCloseTo(
      cohenKappaFromTable([[40, 4, 0], [0, 46, 0], [0, 0, 10]], 'linear') as number,
      12,
    )
  })

  it('sorts numeric labels numerically by default, so weights follow the numbers', () => {
    // K4 relabelled 0 → 5, 1 → 10, 2 → 20: a string sort would put "10" < "20" < "5".
    const relabel = (labels: string[]): string[] => labels.map((label) => ({ '0': '5', '1': '10', '2': '20' })[label] as string)
    expect(cohenKappa(relabel(k3a), relabel(k4b), { weights: 'linear' })).toBeCloseTo(0.9411764705882353, 12)
  })

  it('is null with one category or no items, and checks the lengths', () => {
    expect(cohenKappa(['a', 'a'], ['a', 'a'])).toBeNull()
    expect(cohenKappa([], [])).toBeNull()
    expect(() => cohenKappa(['a'], ['a', 'b'])).toThrow(RangeError)
    expect(() => cohenKappa(['a'], ['a'], { order: ['a', 'a'] })).toThrow(AgreementError)
  })
})

describe('fleissKappa', () => {
  // F1: Wikipedia / Fleiss (1971) layout, statsmodels stats/tests/test_inter_rater.py `table0`
  // (asserted 0.210 to 3 decimals); full value recomputed in audit-statistics.md §3.2.
  const F1 = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ]

  it('gives 0.2099307044 for the Wikipedia table, 10 items × 14 raters (statsmodels)', () => {
    expect(fleissKappa(F1)).toBeCloseTo(0.20993070442195522, 12)
  })

  it('needs the same number of ratings (≥ 2) per item, naming the item', () => {
    const uneven = [[1, 2], [2, 1], [1, 1]]
    expect(() => fleissKappa(uneven)).toThrow(AgreementError)
    expect(() => fleissKappa(uneven)).toThrow("Fleiss' kappa needs the same number of ratings per item: item 3 has 2, expected 3")
    expect(() => fleissKappa(uneven, ['a', 'b', 'img-7'])).toThrow('item img-7 has 2, expected 3')
    expect(() => fleissKappa([[1, 0], [0, 1]])).toThrow("Fleiss' kappa needs at least 2 ratings per item: item 1 has 1")
    expect(() => fleissKappa([])).toThrow(AgreementError)
  })

  it('is null when every rating falls in one category, 1 with perfect agreement', () => {
    expect(fleissKappa([[3, 0], [3, 0]])).toBeNull()
    expect(fleissKappa([[3, 0], [0, 3]])).toBeCloseTo(1, 12)
  })
})

describe('krippendorffAlpha', () => {
  // A1: Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", 4 coders × 12 units with
  // missing values; same matrix as the `nmm` example of cran/irr man/kripp.alpha.Rd.
  const A1 = unitsFromCoderRows([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ])

  // nominal: nltk test_disagreement.py test_advanced (0.743421052632); ordinal, ratio:
  // fast-krippendorff tests test_ordinal_metric (0.815), test_ratio_metric (0.797); interval:
  // the published 0.849. Full values recomputed in audit-statistics.md Appendix B.
  it('reproduces Krippendorff (2011) at all four levels', () => {
    expect(krippendorffAlpha(A1, 'nominal')).toBeCloseTo(0.743421052631579, 9)
    expect(krippendorffAlpha(A1, 'ordinal')).toBeCloseTo(0.8153875037548814, 9)
    expect(krippendorffAlpha(A1, 'interval')).toBeCloseTo(0.8491071428571428, 9)
    expect(krippendorffAlpha(A1, 'ratio')).toBeCloseTo(0.7974027747116121, 9)
  })

  // fast-krippendorff test_string_labels_ordinal_with_domain (0.815) and the docstring's nominal
  // strings (0.743): the same data as words.
  it('reads words through an explicit order', () => {
    const words = ['very low', 'low', 'mid', 'high', 'very high']
    const asWords = A1.map((unit) => unit.map((value) => words[Number(value) - 1] as string))
    expect(krippendorffAlpha(asWords, 'ordinal', words)).toBeCloseTo(0.8153875037548814, 9)
    expect(krippendorffAlpha(asWords, 'nominal')).toBeCloseTo(0.743421052631579, 9)
    // Interval over an order uses the positions 0…4: a shift of 1…5, so α is unchanged.
    expect(krippendorffAlpha(asWords, 'interval', words)).toBeCloseTo(0.8491071428571428, 9)
    // An order over numbers gives the same ranks as the numbers themselves (fast-krippendorff docstring).
    expect(krippendorffAlpha(A1, 'ordinal', [1, 2, 3, 4, 5])).toBeCloseTo(0.8153875037548814, 9)
  })

  it('treats numbers and the strings that spell them alike', () => {
    const asStrings = A1.map((unit) => unit.map(String))
    expect(krippendorffAlpha(asStrings, 'interval')).toBeCloseTo(0.8491071428571428, 9)
    expect(krippendorffAlpha(asStrings, 'nominal')).toBeCloseTo(0.743421052631579, 9)
  })

  // A4: nltk test_disagreement.py test_easy (−0.3333333) and test_easy2 (dress3 removed, same α).
  it('gives −1/3 for the NLTK dress example, with or without the single-rated unit', () => {
    const dress = [['YES', 'NO', 'NO'], ['YES', 'NO'], ['NO']]
    expect(krippendorffAlpha(dress, 'nominal')).toBeCloseTo(-1 / 3, 7)
    expect(krippendorffAlpha(dress.slice(0, 2), 'nominal')).toBeCloseTo(-1 / 3, 7)
  })

  // fast-krippendorff tests test_nominal_metric_reliability_data (0.691358) and test_interval_metric (0.810845).
  it('matches fast-krippendorff on its 3 coders × 15 units example', () => {
    const units = unitsFromCoderRows([
      [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
      [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
      [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ])
    expect(krippendorffAlpha(units, 'nominal')).toBeCloseTo(0.691358, 6)
    expect(krippendorffAlpha(units, 'interval')).toBeCloseTo(0.810845, 6)
  })

  // fast-krippendorff tests: test_perfect_agreement, test_ratio_metric_with_zeros, test_string_labels_nominal.
  it('handles the fast-krippendorff edge cases', () => {
    const perfect = unitsFromCoderRows([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]])
    expect(krippendorffAlpha(perfect, 'nominal')).toBe(1)
    expect(krippendorffAlpha(perfect, 'interval')).toBe(1)
    expect(krippendorffAlpha(unitsFromCoderRows([[0, 1, 2], [0, 1, 2]]), 'ratio')).toBe(1)
    const sentiment = unitsFromCoderRows([
      ['pos', 'neg', 'neu', null],
      ['pos', 'neg', 'neu', 'pos'],
      ['pos', 'neg', 'pos', 'pos'],
    ])
    expect(krippendorffAlpha(sentiment, 'nominal')).toBeCloseTo(0.722222, 6)
  })

  // NLTK test_easy3: expected disagreement 0 → 1.0, including when the only other value is single-rated.
  it('is 1 when the expected disagreement is 0 (NLTK)', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2]], 'nominal')).toBe(1)
    expect(krippendorffAlpha([[1, 1], [2]], 'nominal')).toBe(1)
  })

  // fast-krippendorff test_error_single_value_in_domain / test_error_insufficient_coders_per_unit.
  it("raises fast-krippendorff's errors as AgreementError", () => {
    expect(() => krippendorffAlpha([[1, 1], [1, 1]], 'interval')).toThrow(new AgreementError('There has to be more than one value in the domain.'))
    expect(() => krippendorffAlpha([[1], [2]], 'interval')).toThrow(
      new AgreementError('There has to be at least one unit with values assigned by at least two coders.'),
    )
  })

  it('refuses words at a numeric level without an order, and values outside the order', () => {
    expect(() => krippendorffAlpha([['low', 'high']], 'ordinal')).toThrow(AgreementError)
    expect(() => krippendorffAlpha([['low', 'high']], 'interval')).toThrow("Krippendorff's alpha at the interval level needs numbers or an explicit --order; got \"low\"")
    expect(() => krippendorffAlpha([['low', 'high']], 'ratio', ['low', 'high'])).toThrow(AgreementError)
    expect(() => krippendorffAlpha([[-1, 2]], 'ratio')).toThrow(AgreementError)
    expect(() => krippendorffAlpha([['low', 'mid']], 'ordinal', ['low', 'high'])).toThrow('value "mid" is not in the value order (low, high)')
  })
})

describe('percentAgreement', () => {
  // pmbaumgartner/prodigy-iaa tests/test_measures.py::test_data1 asserts 0.8182 on the Krippendorff
  // (2011) data: the mean over the 11 pairable units of the share of agreeing coder pairs (9/11).
  it('gives 0.8181818 on the Krippendorff 2011 data (prodigy-iaa)', () => {
    const units = unitsFromCoderRows([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ])
    expect(percentAgreement(units)).toBeCloseTo(0.8181818181818182, 12)
  })

  it('is the share of agreeing units when every unit has two values, ignoring single-rated units', () => {
    expect(percentAgreement([['a', 'a'], ['a', 'b'], ['b', 'b'], ['c', 'c'], ['z']])).toBeCloseTo(0.75, 12)
    expect(percentAgreement([[1, '1'], [2, 2]])).toBe(1)
    expect(() => percentAgreement([['a'], []])).toThrow(AgreementError)
  })
})
