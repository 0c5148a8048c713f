import path from 'node:path'
import type { LoadedConfig } from '../records/load-config.js'
import { readRulesDocument, type RulesDocumentProblem } from '../records/rules-document.js'
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
    rulesDocumentProblems: loaded ? rulesDocumentProblems(loaded) : new Map(),
    tree: null,
    today,
  }
}

/** Each labelling-rules document's sha256 as it is now; null for one that is missing or refused (rules-document.ts). */
export function rulesDocuments(loaded: LoadedConfig): Map<string, string | null> {
  return new Map(loaded.config.labelling_rules.map((rules) => [rules.id, readRulesDocument(loaded.file, rules.document).sha256]))
}

/** Why each document that has no sha256 has none. */
export function rulesDocumentProblems(loaded: LoadedConfig): Map<string, RulesDocumentProblem> {
  const out = new Map<string, RulesDocumentProblem>()
  for (const rules of loaded.config.labelling_rules) {
    const { problem } = readRulesDocument(loaded.file, rules.document)
    if (problem !== null) out.set(rules.id, problem)
  }
  return out
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
