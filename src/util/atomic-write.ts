import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Temporary files being written right now, so an interrupt can remove them. */
const pending = new Set<string>()

/**
 * Writes through a temporary file in the same directory and renames it over the target, so a
 * reader (or an interrupted run) sees either the old file or the complete new one.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  writeThroughTemp(target, data, (temp) => renameSync(temp, target))
}

/**
 * Like writeFileAtomic, but never replaces an existing file: the complete file is linked into
 * place, which fails with EEXIST when the target is there (even if it appeared meanwhile).
 */
export function createFileAtomic(target: string, data: string | Uint8Array): void {
  writeThroughTemp(target, data, (temp) => {
    linkSync(temp, target)
    rmSync(temp, { force: true })
  })
}

function writeThroughTemp(target: string, data: string | Uint8Array, publish: (temp: string) => void): void {
  mkdirSync(path.dirname(target), { recursive: true })
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  pending.add(temp)
  try {
    writeFileSync(temp, data)
    publish(temp)
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
