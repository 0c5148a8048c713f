import { cochranSampleSize, isoPlan, maxIsoSampleSize, type InspectionLevel } from './stats/index.js'

/** How the sample size is chosen: a standard's plan, a precision target, or a fixed size or share. */
export type PlanRequest =
  | { method: 'iso-2859-1'; aql: number; level: InspectionLevel }
  | { method: 'cochran'; margin: number; confidence: number; proportion: number }
  | { method: 'fixed-size'; size: number }
  | { method: 'ratio'; ratio: number }

/**
 * A plan applied to a population. Fields that do not apply to the method are null. With
 * `full_inspection` every unit is inspected; an ISO plan then still judges the lot by its
 * acceptance number, applied to the defects found in the whole lot.
 */
export interface ResolvedPlan {
  method: PlanRequest['method']
  aql: number | null
  level: InspectionLevel | null
  margin: number | null
  confidence: number | null
  proportion: number | null
  ratio: number | null
  population: number
  code_letter: string | null
  /** the plan's own n (Table II-A, Cochran's n, the fixed size) before capping at the population */
  plan_sample_size: number
  /** units actually drawn: the plan's n, or the whole population under full inspection */
  sample_size: number
  accept: number | null
  reject: number | null
  full_inspection: boolean
}

/** The plan for a population of `population` units. */
export function resolvePlan(request: PlanRequest, population: number): ResolvedPlan {
  const base: ResolvedPlan = {
    method: request.method,
    aql: null,
    level: null,
    margin: null,
    confidence: null,
    proportion: null,
    ratio: null,
    population,
    code_letter: null,
    plan_sample_size: 0,
    sample_size: 0,
    accept: null,
    reject: null,
    full_inspection: false,
  }
  let n: number
  switch (request.method) {
    case 'iso-2859-1': {
      // Table I starts at lots of 2; a single unit is simply inspected.
      const plan = isoPlan({ lot: Math.max(population, 2), aql: request.aql, level: request.level })
      Object.assign(base, { aql: request.aql, level: request.level, code_letter: plan.code_letter, accept: plan.accept, reject: plan.reject })
      n = plan.sample_size
      break
    }
    case 'cochran':
      Object.assign(base, { margin: request.margin, confidence: request.confidence, proportion: request.proportion })
      n = population === 0 ? 0 : cochranSampleSize({ margin: request.margin, confidence: request.confidence, proportion: request.proportion, population })
      break
    case 'fixed-size':
      n = request.size
      break
    case 'ratio':
      base.ratio = request.ratio
      n = Math.ceil(request.ratio * population - 1e-9)
      break
  }
  base.plan_sample_size = n
  base.sample_size = Math.min(n, population)
  base.full_inspection = n >= population
  return base
}

/**
 * The largest sample the plan can ask for, whatever the population: what the one-pass sampler
 * must keep per stratum before it knows the population size. Null for a ratio, which grows with
 * the population (the sampler counts first, then draws).
 */
export function planBound(request: PlanRequest): number | null {
  switch (request.method) {
    case 'iso-2859-1':
      return maxIsoSampleSize(request.aql, request.level)
    case 'cochran':
      return cochranSampleSize({ margin: request.margin, confidence: request.confidence, proportion: request.proportion })
    case 'fixed-size':
      return request.size
    case 'ratio':
      return null
  }
}
