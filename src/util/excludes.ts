import ignore from 'ignore'

/** `excludes` from tdgov.yaml, with .gitignore semantics (negation, `dir/`, anchoring with `/`). */
export type ExcludeFilter = (relPath: string, isDirectory: boolean) => boolean

export function createExcludeFilter(patterns: readonly string[]): ExcludeFilter | undefined {
  if (patterns.length === 0) return undefined
  const rules = ignore().add([...patterns])
  return (relPath, isDirectory) => rules.ignores(isDirectory ? `${relPath}/` : relPath)
}
