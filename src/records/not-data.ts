/**
 * Files a dataset carries that are not training data: its documentation (LICENSE, README, …), the
 * tooling kept beside it (`.gitattributes`, `.dvc/…`) and pointers left in place of content that
 * is not present (Git LFS, git-annex, DVC). They need no declared source, and outside every source
 * they are totalled apart from the undeclared data.
 */
const DOCUMENTATION_FORMATS: ReadonlySet<string> = new Set(['document'])
const TOOLING_FORMATS: ReadonlySet<string> = new Set(['tooling', 'lfs-pointer', 'annex-link', 'annex-pointer', 'dvc-pointer'])

export const UNDECLARED = '(undeclared)'
export const DOCUMENTATION = '(documentation)'
export const TOOLING = '(tooling)'

/** Whether a manifest entry of this format is training data (or a file of unknown kind). */
export function isData(format: string): boolean {
  return !DOCUMENTATION_FORMATS.has(format) && !TOOLING_FORMATS.has(format)
}

/** The `totals.bySource` key of a file outside every declared source. */
export function unsourcedKey(format: string): string {
  if (DOCUMENTATION_FORMATS.has(format)) return DOCUMENTATION
  return TOOLING_FORMATS.has(format) ? TOOLING : UNDECLARED
}
