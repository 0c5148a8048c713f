import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { LoadedConfig } from '../records/load-config.js'
import type { RuleRecords } from './rule-records.js'

/**
 * The records that come from tdgov.yaml alone: the config with its locations, its hash, and the
 * current sha256 of each labelling-rules document. The manifest, audits and tree are added by
 * whichever command has them.
 */
export function configRecords(root: string, loaded: LoadedConfig | null, today = new Date()): RuleRecords {
  return {
    config: loaded?.config ?? null,
    configPath: loaded ? toPosix(path.relative(root, loaded.file)) || 'tdgov.yaml' : 'tdgov.yaml',
    configSha256: loaded?.sha256 ?? null,
    locate: loaded ? loaded.locate : () => null,
    manifest: null,
    audits: [],
    rulesDocuments: loaded ? rulesDocuments(loaded) : new Map(),
    tree: null,
    today,
  }
}

/** Each labelling-rules document's sha256 as it is now; null for one that does not exist. */
export function rulesDocuments(loaded: LoadedConfig): Map<string, string | null> {
  const base = path.dirname(loaded.file)
  const out = new Map<string, string | null>()
  for (const rules of loaded.config.labelling_rules) {
    const file = path.resolve(base, rules.document)
    out.set(rules.id, existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null)
  }
  return out
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
