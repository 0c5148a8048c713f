import { z } from 'zod'
import { resolvePlan, type ResolvedPlan } from '../../audit/plan.js'
import { cochranSampleSize } from '../../audit/stats/index.js'
import { UserError } from '../../util/errors.js'
import { planFlagsSchema, planFromFlags, pct, wholeNumberOption } from '../audit-options.js'
import { createOutput } from '../output.js'
import { parseOptions } from '../parse-options.js'
import { formatCount } from '../../util/format-count.js'

const optionsSchema = z.object({
  ...planFlagsSchema,
  lot: wholeNumberOption('a lot size (whole number of items)').optional(),
  population: wholeNumberOption('a population size (whole number of items)').optional(),
  json: z.boolean().default(false),
})

/** `tdgov audit plan`: prints the plan a lot or population gets; changes nothing. */
export function auditPlanCommand(raw: Record<string, unknown>): number {
  const options = parseOptions(optionsSchema, raw)
  if (options.size !== undefined || options.ratio !== undefined) throw new UserError('audit plan: --size and --ratio need no plan; use --aql or --margin')
  if (options.aql !== undefined && options.population !== undefined) throw new UserError('--aql goes with --lot; --population goes with --margin')
  if (options.margin !== undefined && options.lot !== undefined) throw new UserError('--margin goes with --population; --lot goes with --aql')
  if (options.aql === undefined && options.margin === undefined) throw new UserError('audit plan: give --lot N --aql A [--level L], or --population N --margin E [--confidence C]')
  const request = planFromFlags(options)
  const size = request.method === 'iso-2859-1' ? options.lot : options.population
  const output = createOutput(options.json)
  if (size === undefined && request.method === 'cochran') {
    // the textbook case: no population given is an infinite one, n0 with no finite population correction
    const n = cochranSampleSize({ margin: request.margin, confidence: request.confidence, proportion: request.proportion })
    if (options.json) {
      output.out(JSON.stringify({ method: 'cochran', code_letter: null, sample_size: n, accept: null, reject: null, full_inspection: false, population: null, plan_sample_size: n, aql: null, level: null, margin: request.margin, confidence: request.confidence, proportion: request.proportion, ratio: null }, null, 2) + '\n')
    } else {
      output.out(
        `proportion estimate (Cochran, infinite population: n0 = z²·P(1−P)/e², rounded up; give --population N for the finite population correction)\n` +
          `  margin ±${pct(request.margin)} at ${pct(request.confidence)} confidence, anticipated proportion ${request.proportion}\n` +
          `  → sample ${formatCount(n)} items\n`,
      )
    }
    return 0
  }
  if (size === undefined) throw new UserError(request.method === 'iso-2859-1' ? '--lot: expected the lot size (items in the batch)' : '--population: expected the population size')
  if (size < 1) throw new UserError(`--${request.method === 'iso-2859-1' ? 'lot' : 'population'}: expected at least 1 item`)
  const plan = resolvePlan(request, size)
  if (options.json) output.out(JSON.stringify(planJson(plan), null, 2) + '\n')
  else output.out(describePlan(plan))
  return 0
}

/** The documented six fields first, then what the plan was computed from. */
export function planJson(plan: ResolvedPlan): Record<string, unknown> {
  return {
    method: plan.method,
    code_letter: plan.code_letter,
    sample_size: plan.sample_size,
    accept: plan.accept,
    reject: plan.reject,
    full_inspection: plan.full_inspection,
    population: plan.population,
    plan_sample_size: plan.plan_sample_size,
    aql: plan.aql,
    level: plan.level,
    margin: plan.margin,
    confidence: plan.confidence,
    proportion: plan.proportion,
    ratio: plan.ratio,
  }
}

/** `unit`: what the population counts (items for a plan alone; annotations or records in an audit). */
export function describePlan(plan: ResolvedPlan, unit = 'items'): string {
  const n = (v: number): string => formatCount(v)
  if (plan.method === 'iso-2859-1') {
    const inspect = plan.full_inspection
      ? `inspect all ${n(plan.population)} ${unit} (100% inspection: the plan's n=${n(plan.plan_sample_size)} is not smaller than the lot)`
      : `inspect ${n(plan.sample_size)} ${unit}`
    return (
      `ISO 2859-1 single sampling, normal inspection, level ${plan.level}, AQL ${plan.aql}\n` +
      `  lot ${n(plan.population)} → code letter ${plan.code_letter}: ${inspect}\n` +
      `  accept with ≤ ${plan.accept} incorrect, reject with ≥ ${plan.reject}\n` +
      `  (switching rules to tightened or reduced inspection are not applied: each audit is judged alone)\n`
    )
  }
  const whole = plan.full_inspection ? ' (the whole population)' : ''
  if (plan.method === 'fixed-size') return `fixed size: ${n(plan.sample_size)} of ${n(plan.population)} ${unit}${whole}\n`
  if (plan.method === 'ratio') return `ratio ${pct(plan.ratio)}: ${n(plan.sample_size)} of ${n(plan.population)} ${unit}, rounded up${whole}\n`
  return (
    `proportion estimate (Cochran, finite population correction n0/(1+(n0-1)/N), rounded up)\n` +
    `  population ${n(plan.population)}, margin ±${pct(plan.margin)} at ${pct(plan.confidence)} confidence, anticipated proportion ${plan.proportion}\n` +
    `  → sample ${n(plan.sample_size)} ${unit}${whole}\n`
  )
}
