import { createHash } from 'node:crypto'
import type { Finding, FindingLocation } from '../findings/finding.js'

/**
 * A finding's identity across runs: its code, where it is without line numbers (a line shift does
 * not make it new), and its args in key order. Baselines, SARIF partialFingerprints and GitLab's
 * fingerprint all use it.
 */
export function findingFingerprint(finding: Pick<Finding, 'code' | 'args' | 'location'>): string {
  const args = Object.keys(finding.args)
    .sort()
    .map((k) => [k, finding.args[k]])
  return createHash('sha256')
    .update(JSON.stringify([finding.code, place(finding.location), args]))
    .digest('hex')
    .slice(0, 32)
}

function place(location: FindingLocation): unknown {
  switch (location.kind) {
    case 'file':
      return ['file', location.path]
    case 'files':
      return ['files', location.paths]
    case 'config':
      return ['config', location.path, location.yamlPath ?? '']
    case 'audit':
      return ['audit', location.id]
    case 'dataset':
      return ['dataset']
  }
}
