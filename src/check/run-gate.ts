import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { Severity } from '../findings/codes.js'
import type { Finding } from '../findings/finding.js'
import { readAuditRecord } from '../records/audit-record.js'
import { loadConfig } from '../records/load-config.js'
import type { Project } from '../records/project.js'
import { readManifestView } from '../records/read-manifest.js'
import { listTree, treeChanges } from '../scan/index.js'
import { UserError } from '../util/errors.js'
import { toolVersion } from '../util/version.js'
import { applyPolicy } from './apply-policy.js'
import { readBaseline } from './baseline.js'
import { configRecords } from './config-records.js'
import type { FailOn, GateResult } from './gate-result.js'
import { ALL_RULES, RULE_DOCS, ruleDoc } from './rules/index.js'
import { runRules } from './run-rules.js'

export interface GateOptions {
  failOn: FailOn
  today: Date
  /** ignore .tdgov/baseline.json, to write a new one from every finding */
  ignoreBaseline: boolean
  /** compare the tree with the manifest (off: trust it) */
  compareTree: boolean
}

/**
 * The gate: reads the records (manifest, tdgov.yaml, audit records), never re-scans; runs every
 * rule over them, keeps the findings the scan's readers observed, and grades the lot by policy.
 */
export async function runGate(project: Project, options: GateOptions): Promise<GateResult> {
  if (!existsSync(project.manifestFile)) {
    throw new UserError(`${project.manifestFile}: no manifest; run \`tdgov scan ${project.root}\` first`)
  }
  const loaded = loadConfig(project.root, project.configGiven ? project.configFile : undefined)
  // The tree is listed on another thread while this one reads the manifest.
  const listing = options.compareTree ? listTree({ root: project.root, excludes: loaded?.config.excludes ?? [] }) : null
  // Settled here so a listing that fails while the manifest is read is not an unhandled rejection.
  listing?.catch(() => {})
  const { header, files, findings: datasetFindings } = readManifestView(project.manifestFile)
  const audits = readAudits(project)
  const tree = listing
    ? await treeChanges({
        root: project.root,
        listing: await listing,
        files: new Map(files.map((f) => [f.path, { bytes: f.bytes, sha256: f.sha256 }])),
        manifestFile: project.manifestFile,
      })
    : null
  const records = { ...configRecords(project.root, loaded, options.today), manifest: { header, files }, audits, tree }
  // What the readers saw stays as the scan recorded it; everything a rule decides is decided again.
  const observed: Finding[] = datasetFindings.filter((f) => ruleDoc(f.code).stage === 'observed')
  for (const file of files) for (const f of file.findings ?? []) observed.push(f)
  const all = [...observed, ...runRules(ALL_RULES, records)]
  const baseline = options.ignoreBaseline ? null : readBaseline(project.root)
  const { findings, setAside } = applyPolicy(all, loaded?.config.policy ?? null, baseline, options.today)
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const f of findings) counts[f.severity]++
  const failing = options.failOn === 'never' ? 0 : options.failOn === 'warning' ? counts.error + counts.warning : counts.error
  return {
    findings,
    setAside,
    rules: [...RULE_DOCS],
    counts,
    failOn: options.failOn,
    passed: failing === 0,
    manifest: project.manifestFile,
    root: project.root,
    toolVersion: toolVersion(),
  }
}

/** Every audit record under .tdgov/audits, in name order; one of another version is an error. */
function readAudits(project: Project): { record: ReturnType<typeof readAuditRecord>; path: string }[] {
  if (!existsSync(project.auditsDir)) return []
  return readdirSync(project.auditsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(project.auditsDir, name)
      return { record: readAuditRecord(file), path: path.relative(project.root, file).split(path.sep).join('/') }
    })
}
