import type { Manifest } from '../records/manifest-schema.js'
import type { TokenChange, TokenFigure } from './manifest-diff.js'

/** The dataset's token count before and after, and the change when the two can be compared. */
export function diffTokens(before: Manifest['content']['tokens'], after: Manifest['content']['tokens']): TokenChange {
  const old = tokenFigure(before)
  const current = tokenFigure(after)
  if (old === null || current === null || old.encoding !== current.encoding) {
    return { before: old, after: current, basis: 'unavailable', delta: null, low: null, high: null }
  }
  const [oldLow, oldPoint, oldHigh] = range(old)
  const [newLow, newPoint, newHigh] = range(current)
  return {
    before: old,
    after: current,
    basis: old.method === 'exact' && current.method === 'exact' ? 'exact' : 'estimate',
    delta: newPoint - oldPoint,
    low: newLow - oldHigh,
    high: newHigh - oldLow,
  }
}

export function tokenFigure(total: Manifest['content']['tokens']): TokenFigure | null {
  if (total === null) return null
  if ('total' in total) return { method: 'exact', encoding: total.encoding, total: total.total }
  return {
    method: 'estimate',
    estimator: total.method,
    encoding: total.encoding,
    estimate: total.estimate,
    low: total.low,
    high: total.high,
    confidence: total.confidence,
  }
}

/** low, point, high: an exact count is its own interval. */
function range(figure: TokenFigure): [number, number, number] {
  return figure.method === 'exact' ? [figure.total, figure.total, figure.total] : [figure.low, figure.estimate, figure.high]
}
