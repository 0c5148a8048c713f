/**
 * Tells a row reader's caller of each column found undecodable, once, as reading goes on; without
 * a listener the first such column ends the read with an error naming the file. Parquet and Arrow
 * readers share it: both collect unreadable columns in a map while they decode.
 */
export function columnUnreadableReporter(
  absPath: string,
  unreadable: ReadonlyMap<string, string>,
  listener: ((column: string, reason: string) => void) | undefined,
): () => void {
  const told = new Set<string>()
  return () => {
    for (const [column, reason] of unreadable) {
      if (told.has(column)) continue
      if (!listener) throw new Error(`${absPath}: column "${column}" cannot be read: ${reason}`)
      told.add(column)
      listener(column, reason)
    }
  }
}
