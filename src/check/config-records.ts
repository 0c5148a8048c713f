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
    ...rulesDocumentRecords(loaded),
    tree: null,
    today,
  }
}

/**
 * Each labelling-rules document's sha256 as it is now (null for one that is missing or refused,
 * rules-document.ts) and why it has none; each document is read once.
 */
function rulesDocumentRecords(loaded: LoadedConfig | null): Pick<RuleRecords, 'rulesDocuments' | 'rulesDocumentProblems'> {
  const rulesDocuments = new Map<string, string | null>()
  const rulesDocumentProblems = new Map<string, RulesDocumentProblem>()
  for (const rules of loaded?.config.labelling_rules ?? []) {
    const { sha256, problem } = readRulesDocument(loaded!.file, rules.document)
    rulesDocuments.set(rules.id, sha256)
    if (problem !== null) rulesDocumentProblems.set(rules.id, problem)
  }
  return { rulesDocuments, rulesDocumentProblems }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
