import { INSPECTION_LEVELS } from '../../records/inspection-levels.js'
import { InternalError, UserError } from '../../util/errors.js'

/**
 * ISO 2859-1 / ANSI/ASQ Z1.4 (= MIL-STD-105E) single sampling plans for normal inspection.
 *
 * Table I (code letters) is stored as one character per lot-size row. Table II-A is not stored
 * cell by cell: it is diagonal. Every AQL column has a "zero row" holding Ac/Re 0/1, and going down
 * the column from it the cells always run 0/1, ↑, ↓, 1/2, 2/3, 3/4, 5/6, 7/8, 10/11, 14/15, 21/22,
 * then ↑ to the bottom; above the zero row every cell is ↓. Encoding the rule instead of the table
 * leaves no room for the shifted diagonals that many public copies of the chart carry; the unit
 * tests compare every resolved cell with the AQLSchemes tables (audit-statistics.md §1.5).
 *
 * Switching rules (normal → tightened → reduced) are not applied: a single-shot audit gate judges
 * each lot on its own under normal inspection.
 */

// Inspection levels of Table I: the special levels S-1…S-4 and the general levels I, II (default), III.
export { INSPECTION_LEVELS }

/** One of the seven inspection levels of ISO 2859-1 Table I. */
export type InspectionLevel = (typeof INSPECTION_LEVELS)[number]

/**
 * The AQLs (percent nonconforming) supported, in Table II-A column order. Below 0.065 the diagonal
 * runs off the bottom of the table (no code letter beyond R), and a labelling audit never needs it.
 * 10 and 15 are strictly "nonconformities per 100 units" columns; for one-error-per-item audits they
 * read the same.
 */
export const ISO_AQLS = [0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10, 15] as const

/** Code letters of Table I; the standard skips I and O. */
export const CODE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R'] as const

/** A sample size code letter. */
export type CodeLetter = (typeof CODE_LETTERS)[number]

/** Sample size of each code letter, in CODE_LETTERS order (Table II-A, normal inspection). */
const LETTER_SAMPLE_SIZES = [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000] as const

/** Inclusive upper bounds of the Table I lot-size rows; lots above the last bound use the 15th row. */
const LOT_UPPER_BOUNDS = [8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10_000, 35_000, 150_000, 500_000] as const

/** Table I: the code letter of each lot-size row, one character per row, per inspection level. */
const TABLE_I: Readonly<Record<InspectionLevel, string>> = {
  'S-1': 'AAAABBBBCCCCDDD',
  'S-2': 'AAABBBCCCDDDEEE',
  'S-3': 'AABBCCDDEEFFGGH',
  'S-4': 'AABCCDEEFGGHJJK',
  I: 'AABCCDEFGHJKLMN',
  II: 'ABCDEFGHJKLMNPQ',
  III: 'BCDEFGHJKLMNPQR',
}

/** Acceptance numbers at 3…10 rows below the zero row of an AQL column; Re is always Ac + 1. */
const ACCEPTANCE_LADDER = [1, 2, 3, 5, 7, 10, 14, 21] as const

/** An Ac/Re cell of Table II-A. */
export interface AcceptReject {
  readonly accept: number
  readonly reject: number
}

/** A cell of Table II-A as printed: a plan, or an arrow to the first plan above ('up') or below ('down'). */
export type TableIIACell = AcceptReject | 'up' | 'down'

/** The sampling plan for one lot (the result of {@link isoPlan}). */
export interface IsoPlan {
  /** Table I code letter of the lot (before any arrow is followed). */
  readonly code_letter: CodeLetter
  /** n of the plan actually used: the destination row's n when the Table II-A cell is an arrow. */
  readonly sample_size: number
  /** Ac: accept the lot when at most this many sampled items are nonconforming. */
  readonly accept: number
  /** Re: reject the lot when at least this many sampled items are nonconforming (always Ac + 1). */
  readonly reject: number
  /**
   * True when sample_size ≥ lot (standard footnote: "do 100 percent inspection"). sample_size stays
   * the plan's n so the plan is reported as the standard gives it; the caller inspects the whole lot.
   */
  readonly full_inspection: boolean
}

/** Input of {@link isoPlan}. */
export interface IsoPlanInput {
  /** Lot (batch) size N: the number of items the sample is drawn from, an integer ≥ 2. */
  readonly lot: number
  /** Acceptable quality limit in percent nonconforming, one of {@link ISO_AQLS}. */
  readonly aql: number
  /** Inspection level; default 'II'. Case-insensitive; G-1…G-3 are read as I…III. */
  readonly level?: string
}

/**
 * The inspection level named by `text`, accepting the vendor spellings G-1…G-3 and any letter case.
 * Throws UserError naming `--level` for anything else.
 */
export function inspectionLevel(text: string): InspectionLevel {
  const upper = text.trim().toUpperCase()
  const general = /^G-?([1-3])$/.exec(upper)
  const normalised = general ? ['I', 'II', 'III'][Number(general[1]) - 1] : upper
  const found = INSPECTION_LEVELS.find((level) => level === normalised)
  if (found === undefined) throw new UserError(`--level ${text}: expected one of ${INSPECTION_LEVELS.join(', ')}`)
  return found
}

/** The Table I code letter for a lot of `lot` items (an integer ≥ 2) at inspection level `level`. */
export function codeLetter(lot: number, level: string = 'II'): CodeLetter {
  checkLot(lot)
  const letters = TABLE_I[inspectionLevel(level)]
  let row = LOT_UPPER_BOUNDS.findIndex((upper) => lot <= upper)
  if (row < 0) row = LOT_UPPER_BOUNDS.length
  return letterAt(CODE_LETTERS.indexOf(letters[row] as CodeLetter))
}

/**
 * The Table II-A cell (normal inspection) for a code letter and AQL, as printed in the standard:
 * Ac/Re, or the arrow. Exported so the tests can pin the arrow form (§1.4) as well as the plans.
 */
export function tableIIACell(letter: CodeLetter, aql: number): TableIIACell {
  return cellAt(CODE_LETTERS.indexOf(letter), aqlColumn(aql))
}

/**
 * The single sampling plan, normal inspection, for a lot: code letter from Table I, then the
 * Table II-A cell, following an arrow to the first plan in its direction and taking that plan's
 * whole (n, Ac, Re) — not the original letter's n (§1.6). The 100 % inspection footnote is applied
 * after the arrow, since a ↓ from a small lot's letter can lead to an n larger than the lot.
 */
export function isoPlan({ lot, aql, level = 'II' }: IsoPlanInput): IsoPlan {
  const letter = codeLetter(lot, level)
  const plan = resolvedPlan(CODE_LETTERS.indexOf(letter), aqlColumn(aql))
  return { code_letter: letter, ...plan, full_inspection: plan.sample_size >= lot }
}

/**
 * The largest plan n that any lot size can give for this AQL and level. Resolved n is not
 * monotonic in the code letter (an arrow can point back up), so this is the maximum over every
 * letter the level reaches. Lets a streaming sampler bound its memory before the lot size is known.
 */
export function maxIsoSampleSize(aql: number, level: string = 'II'): number {
  const column = aqlColumn(aql)
  let max = 0
  for (const letter of new Set(TABLE_I[inspectionLevel(level)])) {
    max = Math.max(max, resolvedPlan(CODE_LETTERS.indexOf(letter as CodeLetter), column).sample_size)
  }
  return max
}

function checkLot(lot: number): void {
  if (!Number.isInteger(lot) || lot < 2) throw new UserError(`--lot ${lot}: expected a whole number of items, at least 2`)
}

/** Column index of `aql` in ISO_AQLS; tolerant of binary noise such as 0.1 + 0.2 - 0.2. */
function aqlColumn(aql: number): number {
  const column = ISO_AQLS.findIndex((value) => Math.abs(value - aql) <= 1e-9 * value)
  if (column < 0) throw new UserError(`--aql ${aql}: expected one of ${ISO_AQLS.join(', ')}`)
  return column
}

/** The cell at letter row `row` (0 = A) and AQL column `column` (0 = 0.065), from the diagonal rule. */
function cellAt(row: number, column: number): TableIIACell {
  // The zero row of AQL 0.065 is L (row 10); each larger AQL moves it one row up, past A for 10 and 15.
  const step = row - (10 - column)
  if (step < 0 || step === 2) return 'down'
  if (step === 0) return { accept: 0, reject: 1 }
  // An ↑ that would point above row A is printed as ↓ in the standard (A@10, §1.4 edge notes).
  if (step === 1) return row === 0 ? 'down' : 'up'
  const accept = ACCEPTANCE_LADDER[step - 3]
  return accept === undefined ? 'up' : { accept, reject: accept + 1 }
}

function resolvedPlan(row: number, column: number): Omit<IsoPlan, 'code_letter' | 'full_inspection'> {
  let current = row
  let cell = cellAt(current, column)
  while (typeof cell === 'string') {
    current += cell === 'down' ? 1 : -1
    // Unreachable for the supported AQLs: every arrow lands inside A…R.
    if (current < 0 || current >= CODE_LETTERS.length) throw new InternalError(`Table II-A arrow leaves the table at row ${row}, AQL ${ISO_AQLS[column]}`)
    cell = cellAt(current, column)
  }
  return { sample_size: LETTER_SAMPLE_SIZES[current] as number, accept: cell.accept, reject: cell.reject }
}

function letterAt(index: number): CodeLetter {
  const letter = CODE_LETTERS[index]
  if (letter === undefined) throw new InternalError(`no code letter at index ${index}`)
  return letter
}
