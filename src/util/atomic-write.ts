import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Temporary files being written right now, so an interrupt can remove them. */
const pending = new Set<string>()

/**
 * Writes through a temporary file in the same directory and renames it over the target, so a
 * reader (or an interrupted run) sees either the old file or the complete new one.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(target), { recursive: true })
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  pending.add(temp)
  try {
    writeFileSync(temp, data)
    renameSync(temp, target)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  } finally {
    pending.delete(temp)
  }
}

/** Removes half-written temporary files; called when the process is interrupted. */
export function removePendingWrites(): void {
  for (const temp of pending) rmSync(temp, { force: true })
  pending.clear()
}
