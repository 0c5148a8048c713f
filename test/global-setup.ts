import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SOURCE_DIRS = ['src', 'bench', 'scripts']
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json']
/** What bin/tdgov.js runs: dist/src bundled by scripts/bundle.ts */
const BUNDLE = path.join(REPO_ROOT, 'dist', 'bundle', 'tdgov.js')

/**
 * Builds dist/ (tsc, then the bundle) once before the suite, so the end-to-end tests run the CLI
 * as users do (`node bin/tdgov.js`). Skipped when every compiled file is newer than its source and the
 * build configuration, which keeps `vitest run test/formats/…` fast.
 */
export default function setup(): void {
  if (isBuildFresh()) return
  const result = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' })
  if (result.error) throw result.error
  if (result.status !== 0) {
    // tsc still emits JavaScript on type errors; type errors are the typecheck step's business, a
    // missing entry point is ours.
    if (!existsSync(BUNDLE)) {
      throw new Error(`build failed:\n${result.stdout}${result.stderr}`)
    }
    process.stderr.write(`global-setup: tsc reported errors; testing the JavaScript it emitted anyway:\n${result.stdout}`)
  }
}

function isBuildFresh(): boolean {
  const configTime = Math.max(...CONFIG_FILES.map((file) => mtimeOf(path.join(REPO_ROOT, file)) ?? 0))
  for (const dir of SOURCE_DIRS) {
    for (const source of tsFiles(path.join(REPO_ROOT, dir))) {
      const compiled = path.join(REPO_ROOT, 'dist', path.relative(REPO_ROOT, source)).replace(/\.ts$/, '.js')
      const compiledTime = mtimeOf(compiled)
      if (compiledTime === undefined) return false
      if (compiledTime < Math.max(configTime, mtimeOf(source) ?? Infinity)) return false
    }
  }
  // The bundle is made from dist/src after tsc, so it must be newer than every source.
  const bundleTime = mtimeOf(BUNDLE)
  if (bundleTime === undefined) return false
  return SOURCE_DIRS.every((dir) => tsFiles(path.join(REPO_ROOT, dir)).every((source) => (mtimeOf(source) ?? Infinity) <= bundleTime))
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...tsFiles(full))
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full)
  }
  return out
}

function mtimeOf(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs
  } catch {
    return undefined
  }
}
