/**
 * What tdgov says when a library fails in a way it has no wording for. Library messages are
 * never passed through to a finding or an error line: their wording changes between versions,
 * some quote the input (which may be personal information or control characters), and some are
 * the JavaScript engine's own ("Cannot destructure property 'type' of 'schema' as it is
 * undefined"), which tell a reader nothing about the file.
 */
export const STRUCTURE_UNDECODED = 'its structure could not be decoded'

/**
 * Messages the JavaScript engine (V8) and Node's argument checks produce when code meets data it
 * did not expect: the failure of a reader, not a description of the file.
 */
const ENGINE_MESSAGES: readonly RegExp[] = [
  /Cannot destructure /,
  /Cannot (read|set) propert(y|ies) of /,
  /\bis not (a function|iterable|a constructor|an object)\b/,
  /\bis not defined\b/,
  /\bargument must be\b/,
  /\bDataView constructor\b/,
  /Offset is outside the bounds of the DataView/,
  /\bInvalid (typed )?array length\b/,
  /\bInvalid string length\b/,
  /\bMaximum call stack size exceeded\b/,
  /\bArray buffer allocation failed\b/,
  /\bout of range\b.*\breceived\b/i,
  /\[object \w+\]/,
]

/** Whether `text` holds a message of the JavaScript engine rather than a description of data. */
export function holdsEngineMessage(text: string): boolean {
  return ENGINE_MESSAGES.some((pattern) => pattern.test(text))
}

/**
 * A reader's reason with any engine message in it replaced: what the reader said before it
 * ("expected a thrift FileMetaData") is kept, the engine's words become STRUCTURE_UNDECODED.
 * A reason without one comes back as it was.
 */
export function withoutEngineMessage(reason: string): string {
  let at = -1
  for (const pattern of ENGINE_MESSAGES) {
    const match = pattern.exec(reason)
    if (match && (at === -1 || match.index < at)) at = match.index
  }
  if (at === -1) return reason
  // Back to the end of the reader's own words: the last ": " before the engine's message.
  const cut = reason.lastIndexOf(': ', at)
  return cut === -1 ? STRUCTURE_UNDECODED : `${reason.slice(0, cut)}: ${STRUCTURE_UNDECODED}`
}

/**
 * A failed system call as a stable code: `EACCES (open)`. Node's own message repeats the code and
 * adds the absolute path, which would make the manifest depend on where the dataset sits.
 */
export function describeSystemError(error: unknown, fallback: string): string {
  if (typeof error !== 'object' || error === null) return fallback
  const { code, syscall } = error as { code?: unknown; syscall?: unknown }
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(code)) return fallback
  return typeof syscall === 'string' && /^[a-z_]+$/.test(syscall) ? `${code} (${syscall})` : code
}
