import type { AnnotationItem } from '../../formats/annotations/item.js'
import { labelCell } from '../label-cell.js'
import {
  AgreementError,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  type KappaWeights,
  type MeasurementLevel,
  type RatedUnit,
} from '../stats/index.js'
import { isNumericLabel, sortedLabels } from '../stats/label-order.js'
import { compareStrings } from '../../util/order.js'

export interface AgreementOptions {
  weights: KappaWeights
  /** explicit category order for weighted κ and ordinal/interval α */
  order: readonly string[] | null
}

export interface PairAgreement {
  a: string
  b: string
  items: number
  percent_agreement: number | null
  cohen_kappa: number | null
}

export interface AgreementResult {
  /** items rated by at least two annotators: the ones agreement is measured on */
  items: number
  items_total: number
  annotators: number
  categories: string[]
  percent_agreement: number | null
  cohen_kappa: number | null
  weights: KappaWeights
  fleiss_kappa: number | null
  krippendorff_alpha: Record<MeasurementLevel, number | null>
  pairs: PairAgreement[]
  /** why a measure is null, in words */
  notes: string[]
}

/**
 * Joins annotations on item id (an annotation without an annotator is attributed to its file, so
 * per-annotator exports join as they are) and measures how far annotators agree. Memory holds one
 * label per (item, annotator).
 */
export async function measureAgreement(items: AsyncIterable<AnnotationItem>, options: AgreementOptions): Promise<AgreementResult> {
  const ratings = new Map<string, Map<string, string>>()
  const annotators = new Set<string>()
  const notes: string[] = []
  let repeats = 0
  for await (const item of items) {
    const rater = item.annotator ?? item.source_file
    annotators.add(rater)
    let byRater = ratings.get(item.item_id)
    if (byRater === undefined) ratings.set(item.item_id, (byRater = new Map()))
    if (byRater.has(rater)) repeats++
    else byRater.set(rater, labelCell(item.labels))
  }
  if (repeats > 0) notes.push(`${repeats} repeated (item, annotator) annotations: the first of each was used`)
  const multi = [...ratings.entries()].filter(([, byRater]) => byRater.size >= 2).sort(([a], [b]) => compareStrings(a, b))
  const raterList = [...annotators].sort(compareStrings)
  const units: RatedUnit[] = multi.map(([, byRater]) => [...byRater.values()])
  const categories = options.order ? [...options.order] : sortedLabels(new Set(units.flat().map(String)))
  const numeric = categories.length > 0 && categories.every(isNumericLabel)
  if (multi.length === 0) notes.push('no item was labelled by two or more annotators')
  const result: AgreementResult = {
    items: multi.length,
    items_total: ratings.size,
    annotators: raterList.length,
    categories,
    percent_agreement: multi.length === 0 ? null : attempt(() => percentAgreement(units), 'percent agreement', notes),
    cohen_kappa: null,
    weights: options.weights,
    fleiss_kappa: null,
    krippendorff_alpha: { nominal: null, ordinal: null, interval: null, ratio: null },
    pairs: [],
    notes,
  }
  // Pair notes are kept only for the two-annotator case, where the pair's κ is the headline κ;
  // with more annotators they would repeat one note per pair.
  const pairNotes: string[] = []
  result.pairs = pairs(raterList, multi, options, pairNotes)
  if (multi.length === 0) return result
  if (raterList.length === 2) {
    result.cohen_kappa = result.pairs[0]?.cohen_kappa ?? null
    notes.push(...pairNotes)
  } else {
    notes.push(`Cohen's kappa needs exactly two annotators; there are ${raterList.length} (see pairs)`)
  }
  result.fleiss_kappa = attempt(() => fleissKappa(fleissTable(units, categories), multi.map(([id]) => id)), "Fleiss' kappa", notes)
  const values = numeric && !options.order ? units.map((unit) => unit.map(Number)) : units
  result.krippendorff_alpha.nominal = attempt(() => krippendorffAlpha(values, 'nominal'), "Krippendorff's alpha (nominal)", notes)
  if (numeric || options.order) {
    const order = options.order ?? undefined
    result.krippendorff_alpha.ordinal = attempt(() => krippendorffAlpha(values, 'ordinal', order), "Krippendorff's alpha (ordinal)", notes)
    result.krippendorff_alpha.interval = attempt(() => krippendorffAlpha(values, 'interval', order), "Krippendorff's alpha (interval)", notes)
  } else {
    notes.push("ordinal and interval alpha need numeric labels or --order")
  }
  if (numeric && !options.order) {
    result.krippendorff_alpha.ratio = attempt(() => krippendorffAlpha(values, 'ratio'), "Krippendorff's alpha (ratio)", notes)
  } else {
    notes.push('ratio alpha needs numeric labels')
  }
  return result
}

/** Runs a measure; a case where it does not apply becomes null and a note. */
function attempt(measure: () => number | null, name: string, notes: string[]): number | null {
  try {
    const value = measure()
    if (value === null) notes.push(`${name} is undefined for these labels (no expected disagreement)`)
    return value
  } catch (error) {
    if (!(error instanceof AgreementError)) throw error
    notes.push(error.message.startsWith(name) ? error.message : `${name}: ${error.message}`)
    return null
  }
}

function fleissTable(units: readonly RatedUnit[], categories: readonly string[]): number[][] {
  const index = new Map(categories.map((c, i) => [c, i]))
  return units.map((unit) => {
    const row = categories.map(() => 0)
    for (const value of unit) {
      const i = index.get(String(value))
      if (i === undefined) throw new AgreementError(`label "${value}" is not in --order`)
      row[i]!++
    }
    return row
  })
}

function bothRated(a: string, b: string, multi: readonly [string, Map<string, string>][]): [string[], string[]] {
  const x: string[] = []
  const y: string[] = []
  for (const [, byRater] of multi) {
    const la = byRater.get(a)
    const lb = byRater.get(b)
    if (la !== undefined && lb !== undefined) {
      x.push(la)
      y.push(lb)
    }
  }
  return [x, y]
}

/** Every annotator pair with items in common: their raw agreement and Cohen's κ. */
function pairs(raters: readonly string[], multi: readonly [string, Map<string, string>][], options: AgreementOptions, notes: string[]): PairAgreement[] {
  const out: PairAgreement[] = []
  for (let i = 0; i < raters.length; i++) {
    for (let j = i + 1; j < raters.length; j++) {
      const a = raters[i]!
      const b = raters[j]!
      const [x, y] = bothRated(a, b, multi)
      if (x.length === 0) continue
      const agree = x.filter((label, k) => label === y[k]).length
      out.push({
        a,
        b,
        items: x.length,
        percent_agreement: agree / x.length,
        cohen_kappa: attempt(() => cohenKappa(x, y, { weights: options.weights, ...(options.order && { order: options.order }) }), `Cohen's kappa (${a}, ${b})`, notes),
      })
    }
  }
  return out
}
