/** Files, bytes and records under one key (a format, modality, source, kind, origin). */
export type Tally = { files: number; bytes: number; records: number }

/** Adds to the tally under `key`, starting it at zero. */
export function addToTally(tallies: Map<string, Tally>, key: string, files: number, bytes: number, records: number): void {
  const tally = tallies.get(key) ?? { files: 0, bytes: 0, records: 0 }
  tally.files += files
  tally.bytes += bytes
  tally.records += records
  tallies.set(key, tally)
}
