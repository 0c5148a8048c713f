const QUOTE = 0x22
const LF = 0x0a
const CANDIDATES = [0x2c, 0x09, 0x3b, 0x7c] // , TAB ; |

/**
 * Picks the delimiter from the first lines of the file: the candidate that appears the same
 * non-zero number of times (outside quotes) on the most lines. Ties go to the extension's
 * delimiter.
 */
export function sniffDelimiter(head: Uint8Array, preferred: number, maxLines = 20): number {
  const counts = new Map<number, number[]>(CANDIDATES.map((c) => [c, []]))
  let perLine = new Map<number, number>()
  let inQuotes = false
  let lines = 0
  for (let i = 0; i < head.length && lines < maxLines; i++) {
    const b = head[i]!
    if (b === QUOTE) inQuotes = !inQuotes
    else if (!inQuotes && b === LF) {
      for (const c of CANDIDATES) counts.get(c)!.push(perLine.get(c) ?? 0)
      perLine = new Map()
      lines++
    } else if (!inQuotes && counts.has(b)) perLine.set(b, (perLine.get(b) ?? 0) + 1)
  }
  let best = preferred
  let bestScore = score(counts.get(preferred) ?? [])
  for (const c of CANDIDATES) {
    const s = score(counts.get(c)!)
    if (s > bestScore) {
      best = c
      bestScore = s
    }
  }
  return best
}

/** Lines that share the most common non-zero count. */
function score(perLine: number[]): number {
  const frequency = new Map<number, number>()
  for (const n of perLine) if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1)
  return Math.max(0, ...frequency.values())
}

/** The kind a CSV cell's text looks like; empty cells are nulls. */
export function kindOfCell(cell: string): 'string' | 'integer' | 'number' | 'boolean' | null {
  if (cell === '') return null
  if (/^[+-]?\d+$/.test(cell)) return 'integer'
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell)) return 'number'
  if (/^(true|false)$/i.test(cell)) return 'boolean'
  return 'string'
}
