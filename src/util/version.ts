import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: { root: string | null; version: string } | undefined

/** tdgov's package.json, found upwards from this module (src/, dist/src/ or the bundle). */
function findPackage(): { root: string | null; version: string } {
  if (cached) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'package.json')
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'tdgov' && pkg.version) return (cached = { root: dir, version: pkg.version })
    }
    const parent = path.dirname(dir)
    if (parent === dir) return (cached = { root: null, version: '0.0.0' })
    dir = parent
  }
}

export function toolVersion(): string {
  return findPackage().version
}

/** The installed package's folder (where docs/ and schemas/ ship), or null when it cannot be found. */
export function packageRoot(): string | null {
  return findPackage().root
}
