import { z } from 'zod'
import { ANNOTATION_FORMATS, DEFAULT_COLUMNS, type AdapterOptions } from '../formats/annotations/item.js'
import type { PlanRequest } from '../audit/plan.js'
import { inspectionLevel } from '../audit/stats/index.js'
import { UserError } from '../util/errors.js'
import { DEFAULT_REPEAT_POLICY, REPEAT_POLICIES } from '../records/audit-record.js'

/** A number option: commander hands strings over; a bad one is named with what was expected. */
export const numberOption = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, `expected ${what}`)
    .transform(Number)

export const wholeNumberOption = (what: string) => z.string().trim().regex(/^\d+$/, `expected ${what}`).transform(Number)

/** A confidence level: 0.95 or 95 (per cent). */
export const confidenceOption = numberOption('a confidence level such as 0.95')
  .transform((v) => (v > 1 && v < 100 ? v / 100 : v))
  .refine((v) => v > 0 && v < 1, 'expected a confidence level between 0 and 1, such as 0.95')

/** A share: 0.02 or 2% — AQL and margins are often written in per cent. */
export const shareOption = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d+\.?\d*|\.\d+)%?$/, `expected ${what}`)
    .transform((v) => (v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v)))

export interface PlanFlags {
  aql?: number | undefined
  level?: string | undefined
  margin?: number | undefined
  confidence?: number | undefined
  proportion?: number | undefined
  size?: number | undefined
  ratio?: number | undefined
}

/** Exactly one way of sizing the sample; `fallback` is used when none is given (data-item audits: 4,000). */
export function planFromFlags(flags: PlanFlags, fallback?: PlanRequest): PlanRequest {
  const chosen = (['aql', 'margin', 'size', 'ratio'] as const).filter((name) => flags[name] !== undefined)
  if (chosen.length > 1) throw new UserError(`--${chosen.join(' and --')}: choose one way to size the sample`)
  if (flags.level !== undefined && flags.aql === undefined) throw new UserError('--level: applies to ISO 2859-1 plans; give --aql too')
  if (flags.proportion !== undefined && flags.margin === undefined) throw new UserError('--proportion: applies to --margin plans; give --margin too')
  if (flags.aql !== undefined) return { method: 'iso-2859-1', aql: flags.aql, level: inspectionLevel(flags.level ?? 'II') }
  if (flags.margin !== undefined) {
    return { method: 'cochran', margin: flags.margin, confidence: flags.confidence ?? 0.95, proportion: flags.proportion ?? 0.5 }
  }
  if (flags.size !== undefined) {
    if (flags.size < 1) throw new UserError('--size: expected at least 1 item')
    return { method: 'fixed-size', size: flags.size }
  }
  if (flags.ratio !== undefined) {
    if (!(flags.ratio > 0 && flags.ratio <= 1)) throw new UserError(`--ratio ${flags.ratio}: expected a share in (0, 1], such as 0.05 or 5%`)
    return { method: 'ratio', ratio: flags.ratio }
  }
  if (fallback) return fallback
  throw new UserError('choose how to size the sample: --aql A [--level L], --margin E [--confidence C], --size N or --ratio R')
}

export const planFlagsSchema = {
  aql: numberOption('an AQL in per cent, such as 1.5').optional(),
  level: z.string().optional(),
  margin: shareOption('a margin of error such as 0.05 or 5%').optional(),
  confidence: confidenceOption.optional(),
  proportion: shareOption('an anticipated proportion such as 0.5').optional(),
  size: wholeNumberOption('a whole number of items').optional(),
  ratio: shareOption('a share such as 0.05 or 5%').optional(),
}

/** Percent with one decimal, without a trailing ".0": 0.9731 → 97.3%, 0.95 → 95%. */
export function pct(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1).replace(/\.0$/, '')}%`
}

/** The flags that say how annotation exports are read (audit sample and audit agreement). */
export const adapterFlagsSchema = {
  format: z.enum(['auto', ...ANNOTATION_FORMATS], { message: `expected auto or one of ${ANNOTATION_FORMATS.join(', ')}` }).default('auto'),
  itemColumn: z.string().default(DEFAULT_COLUMNS.item),
  annotatorColumn: z.string().default(DEFAULT_COLUMNS.annotator),
  labelColumn: z.string().default(DEFAULT_COLUMNS.label),
  classes: z.string().optional(),
  repeats: z.enum(REPEAT_POLICIES, { message: 'expected first, last or refuse' }).default(DEFAULT_REPEAT_POLICY),
}

export function adapterOptionsFrom(flags: { itemColumn: string; annotatorColumn: string; labelColumn: string; classes?: string | undefined }): AdapterOptions {
  return {
    columns: { item: flags.itemColumn, annotator: flags.annotatorColumn, label: flags.labelColumn },
    ...(flags.classes !== undefined && { classes: flags.classes }),
  }
}
