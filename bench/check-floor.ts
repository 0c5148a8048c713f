/**
 * The floor for case G: only the work `tdgov check` cannot avoid — read and JSON.parse the
 * manifest, and list and stat every file of the tree — in one thread, with nothing else.
 *   node dist/bench/check-floor.js TREE MANIFEST
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'

const [root, manifest] = process.argv.slice(2) as [string, string]
const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { files: unknown[] }
let bytes = 0
for (const rel of fg.sync('**', { cwd: root, dot: true, ignore: ['.tdgov/**'] })) bytes += statSync(path.join(root, rel)).size
console.log(`${parsed.files.length} entries, ${bytes} bytes listed`)
