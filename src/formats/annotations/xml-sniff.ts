/**
 * The name of the root element in the first bytes of an XML document, skipping the byte-order
 * mark, the XML declaration, processing instructions, comments and a DOCTYPE; null when the text
 * does not start like XML.
 */
export function xmlRootName(head: string): string | null {
  let pos = head.startsWith('\uFEFF') ? 1 : 0
  for (;;) {
    while (pos < head.length && /\s/.test(head[pos]!)) pos++
    if (head.startsWith('<?', pos)) pos = skipPast(head, pos, '?>')
    else if (head.startsWith('<!--', pos)) pos = skipPast(head, pos, '-->')
    else if (head.startsWith('<!DOCTYPE', pos)) pos = skipDoctype(head, pos)
    else break
    if (pos < 0) return null
  }
  const match = /^<([A-Za-z_][\w.:-]*)[\s/>]/.exec(head.slice(pos, pos + 256))
  return match ? match[1]! : null
}

/** Whether `head` holds a start tag `<name>` or `<name …>` anywhere. */
export function hasStartTag(head: string, name: string): boolean {
  return new RegExp(`<${name}[\\s/>]`).test(head)
}

function skipPast(text: string, from: number, end: string): number {
  const at = text.indexOf(end, from)
  return at < 0 ? -1 : at + end.length
}

/** A DOCTYPE may carry an internal subset in brackets, which can itself contain '>'. */
function skipDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from)
  const close = text.indexOf('>', from)
  if (close < 0) return -1
  if (bracket < 0 || bracket > close) return close + 1
  const subsetEnd = text.indexOf(']', bracket)
  return subsetEnd < 0 ? -1 : skipPast(text, subsetEnd, '>')
}
