/**
 * JSON.parse messages quote the offending text (`Unexpected token 'a', "abc…" is not valid JSON`),
 * which could carry personal information into the manifest. Keep only what V8 says about the
 * syntax and where, never the quoted input.
 */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/end of JSON input/i.test(message)) return 'unexpected end of data'
  const position = /at position (\d+)/.exec(message)
  const what = message
    .replace(/ (in JSON )?at position \d+.*$/, '')
    // `, "…text…" is not valid JSON` and `, ..."…text…"... is not valid JSON` quote the input
    .split(/,\s*(?:\.\.\.)?"/)[0]!
    .split('"')[0]!
    .replace(/ is not valid JSON$/, '')
    .trim()
  const head = what.charAt(0).toLowerCase() + what.slice(1)
  return position ? `${head} at character ${Number(position[1]) + 1}` : head
}
