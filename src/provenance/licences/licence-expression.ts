/**
 * A licence expression: SPDX syntax (`AND`, `OR`, `WITH`, parentheses), but with licence names of
 * any kind (HF ids, free text) as operands, so that one parser serves raw strings and canonical ids.
 */
export type LicenceExpression =
  | { kind: 'licence'; name: string; exception?: string }
  | { kind: 'and' | 'or'; parts: LicenceExpression[] }

/**
 * Parses `text`. `strict`: only upper-case operators, as SPDX writes them; otherwise `and`/`or`/
 * `with` in any case ("MIT or Apache 2.0"). Operands may span several words ("Apache 2.0"). Returns
 * null when the text does not parse (unbalanced parentheses, a dangling operator).
 */
export function parseLicenceExpression(text: string, strict: boolean): LicenceExpression | null {
  const tokens = text.match(/[()]|[^\s()]+/g) ?? []
  let pos = 0
  const operator = (token: string | undefined): string | undefined => {
    if (token === undefined) return undefined
    const op = strict ? token : token.toUpperCase()
    return op === 'AND' || op === 'OR' || op === 'WITH' ? op : undefined
  }
  const words = (): string | null => {
    const start = pos
    while (pos < tokens.length && tokens[pos] !== '(' && tokens[pos] !== ')' && operator(tokens[pos]) === undefined) pos++
    return pos > start ? tokens.slice(start, pos).join(' ') : null
  }
  const primary = (): LicenceExpression | null => {
    if (tokens[pos] === '(') {
      pos++
      const inner = either()
      if (inner === null || tokens[pos] !== ')') return null
      pos++
      return inner
    }
    const name = words()
    if (name === null) return null
    if (operator(tokens[pos]) === 'WITH') {
      pos++
      const exception = words()
      if (exception === null) return null
      return { kind: 'licence', name, exception }
    }
    return { kind: 'licence', name }
  }
  const chain = (op: 'AND' | 'OR', next: () => LicenceExpression | null): LicenceExpression | null => {
    const first = next()
    if (first === null) return null
    const parts = [first]
    while (operator(tokens[pos]) === op) {
      pos++
      const part = next()
      if (part === null) return null
      parts.push(part)
    }
    return parts.length === 1 ? first : { kind: op === 'AND' ? 'and' : 'or', parts }
  }
  // SPDX precedence: WITH binds tighter than AND, AND tighter than OR.
  const both = (): LicenceExpression | null => chain('AND', primary)
  const either = (): LicenceExpression | null => chain('OR', both)

  const result = either()
  return result !== null && pos === tokens.length ? result : null
}

/** SPDX-style text; a compound inside a compound is parenthesised. */
export function renderLicenceExpression(expression: LicenceExpression): string {
  if (expression.kind === 'licence') {
    return expression.exception === undefined ? expression.name : `${expression.name} WITH ${expression.exception}`
  }
  const separator = expression.kind === 'and' ? ' AND ' : ' OR '
  return expression.parts.map((part) => (part.kind === 'licence' ? renderLicenceExpression(part) : `(${renderLicenceExpression(part)})`)).join(separator)
}

/** Every operand name, left to right. */
export function licenceNames(expression: LicenceExpression): string[] {
  return expression.kind === 'licence' ? [expression.name] : expression.parts.flatMap(licenceNames)
}
