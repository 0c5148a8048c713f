/**
 * The floor for a warm rescan (case D): only what recognising an unchanged tree cannot avoid —
 * walk it and statSync every file — in one thread, with nothing else (no cache, no manifest).
 *   node dist/bench/stat-floor.js TREE
 * It prints one line: `FILES files, BYTES bytes, latest mtime MS`.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const [root] = process.argv.slice(2) as [string]
let files = 0
let bytes = 0
let latest = 0
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== '.tdgov') walk(full)
    } else if (entry.isFile()) {
      // size and mtime are used so the stat cannot be optimised away and so the line is checkable
      const st = statSync(full)
      bytes += st.size
      if (st.mtimeMs > latest) latest = st.mtimeMs
      files++
    }
  }
}
walk(root)
console.log(`${files} files, ${bytes} bytes, latest mtime ${latest}`)
