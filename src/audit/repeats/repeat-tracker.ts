import type { AnnotationItem } from '../../formats/annotations/item.js'
import { REPEAT_EXAMPLES, type RepeatPolicy, type RepeatReport } from '../../records/audit-record.js'
import { UserError } from '../../util/errors.js'
import { labelSetKey } from '../stats/set-alpha.js'

/** Places kept per repeated unit: enough to find the copies, bounded however often a unit repeats. */
const PLACES_PER_UNIT = 3

interface Tracked {
  item_id: string
  annotator: string | null
  occurrences: number
  firstSeq: number
  lastSeq: number
  /** the first copy's labels as a set, to tell whether later copies differ */
  labels: string
  labelsDiffer: boolean
  places: string[]
}

/**
 * Follows the occurrences of the units that may repeat (the candidates a first pass found) and
 * reports them as every audit command does: how many units repeat, how many copies are left out,
 * how many differ in their labels, and the first few with their places. Memory is proportional to
 * the candidates, not to the population.
 */
export class RepeatTracker {
  private readonly units = new Map<string, Tracked>()

  /** `seq` is the unit's position in reading order; `place` says where it is ("file: line 12"). */
  note(key: string, item: AnnotationItem, seq: number, place: string): void {
    // An annotation's labels as a set: order and repeats do not make copies differ.
    const labels = labelSetKey(item.labels)
    const seen = this.units.get(key)
    if (seen === undefined) {
      this.units.set(key, { item_id: item.item_id, annotator: item.annotator, occurrences: 1, firstSeq: seq, lastSeq: seq, labels, labelsDiffer: false, places: [place] })
      return
    }
    seen.occurrences++
    seen.lastSeq = seq
    if (labels !== seen.labels) seen.labelsDiffer = true
    if (seen.places.length < PLACES_PER_UNIT) seen.places.push(place)
  }

  /** The units seen more than once, in reading order of their first copy. */
  private repeated(): Tracked[] {
    return [...this.units.values()].filter((unit) => unit.occurrences > 1).sort((a, b) => a.firstSeq - b.firstSeq)
  }

  report(policy: RepeatPolicy): RepeatReport {
    const repeated = this.repeated()
    return {
      policy,
      units: repeated.length,
      copies: repeated.reduce((sum, unit) => sum + unit.occurrences - 1, 0),
      differing: repeated.filter((unit) => unit.labelsDiffer).length,
      examples: repeated.slice(0, REPEAT_EXAMPLES).map((unit) => ({
        item_id: unit.item_id,
        annotator: unit.annotator,
        occurrences: unit.occurrences,
        labels_differ: unit.labelsDiffer,
        places: [...unit.places],
      })),
    }
  }

  /** For each repeated unit, the position of the copy the policy keeps. */
  keptCopies(policy: 'first' | 'last'): Map<string, number> {
    const kept = new Map<string, number>()
    for (const [key, unit] of this.units) if (unit.occurrences > 1) kept.set(key, policy === 'first' ? unit.firstSeq : unit.lastSeq)
    return kept
  }
}

/** An empty report: the exports were looked at and hold no repeated unit. */
export function noRepeats(policy: RepeatPolicy): RepeatReport {
  return { policy, units: 0, copies: 0, differing: 0, examples: [] }
}

/** `--repeats refuse`: one line that names the first repeated unit, its places and the totals. */
export function repeatsRefused(report: RepeatReport): UserError {
  const first = report.examples[0]!
  const who = first.annotator === null ? '' : ` by annotator "${first.annotator}"`
  const differing = report.differing === 0 ? 'all with the same labels' : `${report.differing} with different labels`
  return new UserError(
    `${first.places[0]}: item "${first.item_id}"${who} appears ${first.occurrences} times (also ${first.places.slice(1).join(', ')}); ` +
      `${report.units} repeated ${report.units === 1 ? 'unit' : 'units'} in all (${differing}); expected each (item, annotator) once, or pass --repeats first or --repeats last to keep one copy of each`,
  )
}
