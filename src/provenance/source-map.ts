import picomatch from 'picomatch'
import type { SourceConfig } from '../records/config-schema.js'

/** Maps a file's path to the first declared source whose globs match it (declaration order). */
export type SourceMatcher = (relPath: string) => string | null

export function createSourceMatcher(sources: readonly SourceConfig[]): SourceMatcher {
  // `dot: true`: a dataset's `.hidden` files are data too; a glob that means to skip them says so.
  const matchers = sources.map((source) => ({ id: source.id, test: picomatch(source.paths.map(stripDotSlash), { dot: true }) }))
  return (relPath) => {
    for (const m of matchers) if (m.test(relPath)) return m.id
    return null
  }
}

function stripDotSlash(glob: string): string {
  return glob.startsWith('./') ? glob.slice(2) : glob
}
