/**
 * Deterministic ordering of category labels, shared by the agreement measures so that category
 * indices (which weighted κ and ordinal α depend on) never depend on input order.
 */

/** True when `label` reads as a finite number ("3", "-0.5", "1e3"; not "" or "NaN"). */
export function isNumericLabel(label: string): boolean {
  return label.trim() !== '' && Number.isFinite(Number(label))
}

/** Compare by Unicode code point (not UTF-16 unit, which misorders astral characters vs U+E000–U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) as number
    const cb = b.codePointAt(j) as number
    if (ca !== cb) return ca - cb
    i += ca > 0xffff ? 2 : 1
    j += cb > 0xffff ? 2 : 1
  }
  return a.length - i - (b.length - j)
}

/**
 * The distinct labels, sorted numerically when every label reads as a finite number (so "10" sorts
 * after "9"), else by code point. Numeric ties such as "1" and "1.0" stay distinct labels and fall
 * back to code-point order.
 */
export function sortedLabels(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)]
  if (distinct.every(isNumericLabel)) return distinct.sort((a, b) => Number(a) - Number(b) || compareCodePoints(a, b))
  return distinct.sort(compareCodePoints)
}
