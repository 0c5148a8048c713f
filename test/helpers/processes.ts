import { closeSync, existsSync, openSync, readdirSync, readFileSync, readlinkSync, writeSync } from 'node:fs'
import path from 'node:path'

/** Real bytes (not a sparse file): JSON Lines written in 4 MiB blocks, so a scan of it takes a while. */
export function writeBigJsonl(file: string, bytes: number): void {
  const line = JSON.stringify({ text: 'x'.repeat(120), label: 1 }) + '\n'
  const block = Buffer.from(line.repeat(Math.floor((4 << 20) / line.length)))
  const fd = openSync(file, 'w')
  try {
    for (let written = 0; written < bytes; written += block.length) writeSync(fd, block)
  } finally {
    closeSync(fd)
  }
}

/** Resolves once the process has `file` open (Linux /proc), or after `fallbackMs` elsewhere. */
export async function whenOpened(pid: number, file: string, fallbackMs: number): Promise<void> {
  const fdDir = `/proc/${pid}/fd`
  if (!existsSync('/proc/self/fd')) return new Promise((resolve) => setTimeout(resolve, fallbackMs))
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    try {
      for (const fd of readdirSync(fdDir)) {
        try {
          if (readlinkSync(path.join(fdDir, fd)) === file) return
        } catch {
          // the descriptor closed while we looked
        }
      }
    } catch {
      return // the process is gone; the caller's assertions will say how it ended
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The process's peak resident set so far in MiB (Linux VmHWM), or null where /proc has no such figure. */
export function peakRssSoFarMiB(pid: number): number | null {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kib === undefined ? null : Number(kib) / 1024
  } catch {
    return null
  }
}
