import type { AnnotationItem } from '../../formats/annotations/item.js'
import {
  AgreementError,
  cohenKappa,
  fleissKappa,
  jaccardDistance,
  krippendorffAlpha,
  masiDistance,
  percentAgreement,
  setAlpha,
  type KappaWeights,
  type MeasurementLevel,
  type RatedUnit,
} from '../stats/index.js'
import { isNumericLabel, sortedLabels } from '../stats/label-order.js'
import { compareStrings } from '../../util/order.js'
import { DEFAULT_REPEAT_POLICY, type RepeatPolicy, type RepeatReport } from '../../records/audit-record.js'
import { noRepeats, RepeatTracker, repeatsRefused } from '../repeats/repeat-tracker.js'
import { unitKey } from '../sampling/rank.js'

export interface AgreementOptions {
  weights: KappaWeights
  /** explicit category order for weighted κ and ordinal/interval α */
  order: readonly string[] | null
  /** a unit (item, annotator) the exports hold more than once: keep its first or last copy, or refuse (default first, as audit sample) */
  repeats?: RepeatPolicy
  /** where a unit is, for the repeat report; default "source_file: location" */
  placeOf?: (item: AnnotationItem) => string
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
  /** agreement on the label sets, when some annotation carries more than one label */
  label_sets: LabelSetAgreement | null
  /** units the exports hold more than once, found and resolved as audit sample does */
  repeats: RepeatReport
  /** why a measure is null, in words */
  notes: string[]
}

/** Set-valued annotations: each annotation's labels as a set (order and repeats do not matter). */
export interface LabelSetAgreement {
  /** annotations, on the items agreement is measured on, that carry two or more distinct labels */
  annotations_with_several_labels: number
  /** Krippendorff's α with the MASI distance (Passonneau 2006, NLTK's weights) */
  masi_alpha: number | null
  /** Krippendorff's α with the Jaccard distance */
  jaccard_alpha: number | null
  /** each label as a yes/no category: was it among the annotation's labels */
  per_label: LabelAgreement[]
}

export interface LabelAgreement {
  label: string
  /** annotations, on the items agreement is measured on, that carry the label */
  annotations: number
  /** Cohen's κ for two annotators, Fleiss' κ for more when every item has the same number of annotations; else null */
  kappa: number | null
  kappa_method: 'cohen' | 'fleiss' | null
  /** Krippendorff's α (nominal) of the yes/no ratings, which allows uneven coverage */
  alpha: number | null
}

/**
 * Joins annotations on item id (an annotation without an annotator is attributed to its file, so
 * per-annotator exports join as they are) and measures how far annotators agree. Memory holds one
 * label per (item, annotator). A unit read twice is resolved by `options.repeats` as audit sample
 * resolves it; only then are the exports read a second time, for the repeat report.
 */
export async function measureAgreement(readItems: () => AsyncIterable<AnnotationItem>, options: AgreementOptions): Promise<AgreementResult> {
  const policy = options.repeats ?? DEFAULT_REPEAT_POLICY
  const ratings = new Map<string, Map<string, string[]>>()
  const annotators = new Set<string>()
  const notes: string[] = []
  const repeatedKeys = new Set<string>()
  for await (const item of readItems()) {
    const rater = raterOf(item)
    annotators.add(rater)
    let byRater = ratings.get(item.item_id)
    if (byRater === undefined) ratings.set(item.item_id, (byRater = new Map()))
    if (byRater.has(rater)) repeatedKeys.add(unitKey(item.item_id, rater))
    else byRater.set(rater, labelSet(item.labels))
  }
  const repeats = repeatedKeys.size === 0 ? noRepeats(policy) : await resolveRepeats(readItems, repeatedKeys, ratings, policy, options.placeOf)
  const multi = [...ratings.entries()].filter(([, byRater]) => byRater.size >= 2).sort(([a], [b]) => compareStrings(a, b))
  const raterList = [...annotators].sort(compareStrings)
  const sets = multi.map(([, byRater]) => [...byRater.values()])
  // Each annotation's labels as one category for the measures below: the set, so "Cough; Fatigue"
  // and "Fatigue; Cough" (or "Fatigue" given twice) are the same category.
  const units: RatedUnit[] = sets.map((unit) => unit.map(setCategory))
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
    label_sets: null,
    repeats,
    notes,
  }
  // Pair notes are kept only for the two-annotator case, where the pair's κ is the headline κ;
  // with more annotators they would repeat one note per pair.
  const pairNotes: string[] = []
  const categoryOf = new Map(multi.map(([id, byRater]) => [id, new Map([...byRater].map(([rater, labels]) => [rater, setCategory(labels)]))]))
  result.pairs = pairs(raterList, [...categoryOf], options, pairNotes)
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
  result.label_sets = labelSetAgreement(multi, raterList.length, notes)
  return result
}

/** An annotation's distinct labels in code-point order. */
function labelSet(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort(compareStrings)
}

/** A label set as one category: its labels in order, "; "-joined. */
function setCategory(labels: readonly string[]): string {
  return labels.join('; ')
}

/** Agreement on label sets, when some annotation has several labels; null when none has. */
function labelSetAgreement(multi: readonly [string, Map<string, string[]>][], raters: number, notes: string[]): LabelSetAgreement | null {
  const sets = multi.map(([, byRater]) => [...byRater.values()])
  const several = sets.flat().filter((labels) => labels.length >= 2).length
  if (several === 0) return null
  const labels = sortedLabels(new Set(sets.flat(2)))
  const even = new Set(sets.map((unit) => unit.length)).size === 1
  const perLabel = labels.map((label): LabelAgreement => {
    const yesNo = sets.map((unit) => unit.map((set) => (set.includes(label) ? 'yes' : 'no')))
    let kappa: number | null = null
    let method: LabelAgreement['kappa_method'] = null
    if (raters === 2) {
      method = 'cohen'
      kappa = quiet(() => cohenKappa(yesNo.map((unit) => unit[0]!), yesNo.map((unit) => unit[1]!), { order: ['no', 'yes'] }))
    } else if (even) {
      method = 'fleiss'
      kappa = quiet(() => fleissKappa(yesNo.map((unit) => [unit.filter((v) => v === 'no').length, unit.filter((v) => v === 'yes').length])))
    }
    return {
      label,
      annotations: yesNo.flat().filter((v) => v === 'yes').length,
      kappa,
      kappa_method: method,
      alpha: quiet(() => krippendorffAlpha(yesNo, 'nominal')),
    }
  })
  if (raters > 2 && !even) notes.push('per-label kappa needs the same number of annotations on every item; see the per-label alpha')
  return {
    annotations_with_several_labels: several,
    masi_alpha: attempt(() => setAlpha(sets, masiDistance), "Krippendorff's alpha (MASI)", notes),
    jaccard_alpha: attempt(() => setAlpha(sets, jaccardDistance), "Krippendorff's alpha (Jaccard)", notes),
    per_label: perLabel,
  }
}

/** A per-label measure: undefined cases (the label on every annotation, or on none) are null without a note each. */
function quiet(measure: () => number | null): number | null {
  try {
    const value = measure()
    return value === null ? null : withoutFloatNoise(value)
  } catch (error) {
    if (error instanceof AgreementError) return null
    throw error
  }
}

/** Runs a measure; a case where it does not apply becomes null and a note. */
function attempt(measure: () => number | null, name: string, notes: string[]): number | null {
  try {
    const value = measure()
    if (value === null) notes.push(`${name} is undefined for these labels (no expected disagreement)`)
    return value === null ? null : withoutFloatNoise(value)
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

/**
 * A measure rounded to 12 decimals: binary rounding leaves a κ of exactly 0 as 2.220446049250313e-16,
 * which reads as a result; no published vector has more than 12 significant decimals.
 */
function withoutFloatNoise(value: number): number {
  return Math.round(value * 1e12) / 1e12 + 0
}

function raterOf(item: AnnotationItem): string {
  return item.annotator ?? item.source_file
}

/** The second reading: every copy of the repeated units, reported; with `last`, the later copies replace the first. */
async function resolveRepeats(
  readItems: () => AsyncIterable<AnnotationItem>,
  repeatedKeys: ReadonlySet<string>,
  ratings: Map<string, Map<string, string[]>>,
  policy: RepeatPolicy,
  placeOf: ((item: AnnotationItem) => string) | undefined,
): Promise<RepeatReport> {
  const tracker = new RepeatTracker()
  let seq = 0
  for await (const item of readItems()) {
    const rater = raterOf(item)
    const key = unitKey(item.item_id, rater)
    if (repeatedKeys.has(key)) {
      tracker.note(key, item, seq, placeOf ? placeOf(item) : `${item.source_file}: ${item.location}`)
      if (policy === 'last') ratings.get(item.item_id)?.set(rater, labelSet(item.labels))
    }
    seq++
  }
  const report = tracker.report(policy)
  if (policy === 'refuse') throw repeatsRefused(report)
  return report
}
