import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

/** tdgov's version from its package.json, found upwards from this module (src/ or dist/src/). */
export function toolVersion(): string {
  if (cached) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'package.json')
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'tdgov' && pkg.version) return (cached = pkg.version)
    }
    const parent = path.dirname(dir)
    if (parent === dir) return (cached = '0.0.0')
    dir = parent
  }
}
