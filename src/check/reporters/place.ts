import path from 'node:path'
import type { FindingLocation } from '../../findings/finding.js'
import { locationPath } from '../../findings/finding.js'
import type { Language } from '../../findings/messages.js'
import type { GateResult } from '../gate-result.js'
import { LABELS } from './labels.js'

/**
 * A finding path as CI tools want it: relative to the working directory (the checkout), since
 * finding paths are relative to the project root, which may be a subdirectory of it.
 */
export function workspacePath(result: GateResult, relPath: string): string {
  const root = result.root.replaceAll('\\', '/')
  // An absolute root would make every path absolute; CI formats need relative ones.
  if (root === '' || root === '.' || root === './' || root.startsWith('/') || /^[A-Za-z]:/.test(root)) return relPath
  return path.posix.join(root, relPath)
}

/** The path a finding is placed at, relative to the working directory; null for the dataset. */
export function findingPath(result: GateResult, location: FindingLocation): string | null {
  const relPath = locationPath(location)
  return relPath === null ? null : workspacePath(result, relPath)
}

/** Where a finding is, for people: `path:line`, `path (byte N)`, `(dataset)`. Not escaped. */
export function placeText(result: GateResult, location: FindingLocation, lang: Language): string {
  const labels = LABELS[lang]
  switch (location.kind) {
    case 'file': {
      const where = workspacePath(result, location.path)
      if (location.line !== undefined) return `${where}:${location.line}`
      return location.offset !== undefined ? `${where} ${labels.byte(location.offset)}` : where
    }
    case 'files': {
      const first = workspacePath(result, location.paths[0]!)
      return location.paths.length > 1 ? `${first} ${labels.more(location.paths.length - 1)}` : first
    }
    case 'config': {
      let where = workspacePath(result, location.path)
      if (location.line !== undefined) where += `:${location.line}${location.column !== undefined ? `:${location.column}` : ''}`
      return location.yamlPath !== undefined ? `${where} (${location.yamlPath})` : where
    }
    case 'audit': {
      const details = [labels.audit(location.id), ...(location.row !== undefined ? [labels.row(location.row)] : [])]
      return `${workspacePath(result, location.path)} (${details.join(', ')})`
    }
    case 'dataset':
      return labels.dataset
  }
}
