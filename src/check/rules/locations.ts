import type { FindingLocation } from '../../findings/finding.js'
import type { RuleRecords } from '../rule-records.js'

/** A place in tdgov.yaml, with its line and column when the document has the key. */
export function configAt(records: RuleRecords, yamlPath: readonly (string | number)[]): FindingLocation {
  const at = records.locate(yamlPath)
  return {
    kind: 'config',
    path: records.configPath,
    ...(yamlPath.length > 0 && { yamlPath: renderYamlPath(yamlPath) }),
    ...(at && { line: at.line, column: at.column }),
  }
}

export function fileAt(path: string, line?: number): FindingLocation {
  return { kind: 'file', path, ...(line !== undefined && { line }) }
}

/** One file, or several listed as data. */
export function filesAt(paths: readonly string[]): FindingLocation {
  if (paths.length === 0) return { kind: 'dataset' }
  return paths.length === 1 ? { kind: 'file', path: paths[0]! } : { kind: 'files', paths: [...paths] }
}

/** sources[1].kind */
export function renderYamlPath(keyPath: readonly (string | number)[]): string {
  return keyPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('')
}
