/**
 * The floor for case C: only the work a scan of the tree cannot avoid — walk it, stat, read and
 * sha256-hash every file — in one thread, with nothing else (no parsing, no manifest).
 *   node dist/bench/tree-floor.js TREE
 * It prints one line: `FILES files, BYTES bytes, sha256 of the hashes DIGEST` (paths in walk order).
 */
import crypto from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const [root] = process.argv.slice(2) as [string]
let files = 0
let bytes = 0
const all = crypto.createHash('sha256')
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== '.tdgov') walk(full)
    } else if (entry.isFile()) {
      bytes += statSync(full).size
      all.update(crypto.createHash('sha256').update(readFileSync(full)).digest())
      files++
    }
  }
}
walk(root)
console.log(`${files} files, ${bytes} bytes, sha256 of the hashes ${all.digest('hex')}`)
