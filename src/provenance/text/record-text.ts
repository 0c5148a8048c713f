/**
 * The text a record contributes to training: the string leaves of a JSON value, depth-first in
 * the order its keys appear (JavaScript property order, which is document order for parsed JSON
 * apart from integer-like keys), joined with '\n'. Numbers, booleans, null and keys are not
 * text: `{"id": 7, "label": true}` contributes nothing, `{"prompt": "…", "answer": "…"}` both
 * strings.
 *
 * Empty strings are skipped so that an empty field does not add a blank line. Binary values
 * (typed arrays, Buffers) and Dates are not text either; Maps contribute their values.
 */
export function recordText(value: unknown): string {
  if (typeof value === 'string') return value
  const parts: string[] = []
  // An explicit stack rather than recursion: a hostile file can nest arrays deeper than the call
  // stack allows. Children are pushed in reverse so they pop in order.
  const stack: unknown[] = [value]
  // Parsed JSON has neither cycles nor shared nodes, but values from other readers might, and a
  // cycle would never end.
  const seen = new Set<object>()
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node === 'string') {
      if (node !== '') parts.push(node)
      continue
    }
    if (typeof node !== 'object' || node === null || seen.has(node)) continue
    if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer || node instanceof Date) continue
    seen.add(node)
    const children = Array.isArray(node) ? node : node instanceof Map ? [...node.values()] : Object.values(node)
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return parts.join('\n')
}
