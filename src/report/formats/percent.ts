/** A share as a percentage with one decimal: 0.1969… → "19.7%". */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}
