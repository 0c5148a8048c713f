/**
 * JSON.parse messages quote the offending text (`Unexpected token 'a', "abc…" is not valid JSON`),
 * which could carry personal information into the manifest. Keep only what V8 says about the
 * syntax and where, never the input.
 */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/end of JSON input/i.test(message)) return 'unexpected end of data'
  const position = /at position (\d+)/.exec(message)
  const what = /^(Unexpected token|Expected [^"]*?)(?= in JSON| after|,|$)/.exec(message)
  const head = what ? what[1]!.replace(/\s+$/, '') : 'syntax error'
  return position ? `${head.toLowerCase()} at character ${Number(position[1]) + 1}` : head.toLowerCase()
}
