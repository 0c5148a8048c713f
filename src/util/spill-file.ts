import { openSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * A temporary file only this process can reach, for data spilled from memory: created exclusively
 * and deleted at once, it lives while the descriptor is open and never outlives the process.
 */
export function openSpillFile(purpose: string): number {
  const file = path.join(tmpdir(), `tdgov-${purpose}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`)
  const fd = openSync(file, 'wx+', 0o600)
  unlinkSync(file)
  return fd
}
