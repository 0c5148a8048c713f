import { existsSync } from 'node:fs'
import path from 'node:path'
import { MANIFEST_PATH } from '../records/project.js'
import { DEFAULT_LIMITS } from '../formats/limits.js'
import { tokenScale } from '../provenance/token-design.js'
import { readPartial, type Partial } from '../records/partial-manifest.js'
import type { FileRecord } from '../records/file-record.js'
import type { ManifestFinding } from '../records/manifest-schema.js'
import { insideOf, writeFileAtomic } from '../util/atomic-write.js'
import { UserError } from '../util/errors.js'
import { describeSystemError } from '../util/library-error.js'
import { compareStrings } from '../util/order.js'
import { toolVersion } from '../util/version.js'
import type { BuiltManifest } from './manifest.js'
import { drawn } from './process-file.js'
import { assembleManifest, loadConfigIfAny } from './scan.js'
import type { ScanFileOptions } from './scan-file.js'
import { TOKEN_INCLUSION_BYTES } from '../provenance/text/index.js'
import type { TokenDraw } from './token-sampling.js'

export interface MergeResult {
  summary: Omit<BuiltManifest, 'document'>
  document: string
  /** the dataset root the shards scanned */
  root: string
  /** where the manifest was written */
  outFile: string
  shards: number
  files: number
}

/**
 * Combines the partials of every shard of one scan into the manifest the unsharded scan writes,
 * byte for byte: the records are the scan's own, and everything computed across files (totals,
 * duplicates, licences by folder, the token estimate's draw, the rules' findings) is computed again
 * over all of them. Partials of other scans, a missing or repeated shard, or a tdgov.yaml that
 * changed since are refused with a line naming the file.
 */
export async function mergePartials(files: readonly string[], out: string | null): Promise<MergeResult> {
  if (files.length === 0) throw new UserError('expected the partial manifests of every shard (tdgov scan --shard K/N --out FILE)')
  const partials: Partial[] = []
  for (const file of files) partials.push(await readPartial(file))
  const first = partials[0]!
  checkSameScan(partials)
  const { header } = first
  const root = header.root.path
  if (!existsSync(root)) throw new UserError(`${first.file}: the shards scanned ${root}, which is not here; merge where the dataset is (its tdgov.yaml is read again)`)
  const config = header.root.config_file === null ? null : await loadConfigIfAny(root, header.root.config_file)
  if ((config?.sha256 ?? null) !== header.root.config) {
    throw new UserError(`${header.root.config_file ?? `${root}/tdgov.yaml`}: not the tdgov.yaml the shards were scanned against (sha256 ${header.root.config ?? 'none'} then); scan the shards again`)
  }
  // By default where the unsharded scan writes it: the dataset's .tdgov/manifest.json.
  const outFile = out ?? path.join(root, MANIFEST_PATH)
  const records = allRecords(partials)
  const findings: ManifestFinding[] = partials.flatMap((p) => p.header.findings)
  // The partial holds every limit (a scan of this version sets them all); the defaults only complete the type.
  const scanOptions: ScanFileOptions = { ...header.scan, limits: { ...DEFAULT_LIMITS, ...header.scan.limits }, tokenScale: TOKEN_INCLUSION_BYTES }
  const tokenDraw = header.scan.tokens === 'estimate' ? drawOver(records) : null
  const { document, ...summary } = await assembleManifest(root, config, scanOptions, records, findings, tokenDraw)
  try {
    writeFileAtomic(outFile, document, insideOf(root, outFile))
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${outFile}: cannot write the manifest (${describeSystemError(error, 'the write failed')}); choose another place with --out`)
  }
  return { summary, document, root, outFile, shards: header.shard.count, files: records.length }
}

/** One scan's shards: the same tool, options, root and tdgov.yaml, each shard of N exactly once. */
function checkSameScan(partials: readonly Partial[]): void {
  const first = partials[0]!
  const { count } = first.header.shard
  const byIndex = new Map<number, string>()
  for (const { file, header } of partials) {
    if (header.tool !== toolVersion()) throw new UserError(`${file}: scanned by tdgov ${header.tool}; this is tdgov ${toolVersion()}, and merge needs the version that scanned`)
    if (header.shard.count !== count) throw new UserError(`${file}: shard ${header.shard.index} of ${header.shard.count}, but ${first.file} is a shard of ${count}; expected the shards of one scan`)
    if (header.root.path !== first.header.root.path) throw new UserError(`${file}: a shard of ${header.root.path}, but ${first.file} is of ${first.header.root.path}; expected the shards of one scan`)
    if (header.options !== first.header.options || header.root.config !== first.header.root.config) {
      throw new UserError(`${file}: scanned with other options or another tdgov.yaml than ${first.file}; expected the shards of one scan (the same flags and tdgov.yaml)`)
    }
    const seen = byIndex.get(header.shard.index)
    if (seen !== undefined) throw new UserError(`${file}: shard ${header.shard.index} of ${count} again (also ${seen}); expected each shard once`)
    byIndex.set(header.shard.index, file)
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index))
  if (missing.length > 0) {
    throw new UserError(`shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} missing; expected the partial of every shard (given: ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')})`)
  }
}

/** Every shard's records in path order; a path in two partials means they are not shards of one scan. */
function allRecords(partials: readonly Partial[]): FileRecord[] {
  const owner = new Map<string, string>()
  const records: FileRecord[] = []
  for (const { file, records: own } of partials) {
    for (const record of own) {
      const other = owner.get(record.path)
      if (other !== undefined) throw new UserError(`${file}: ${record.path} is in ${other} too; expected each file in one shard`)
      owner.set(record.path, file)
      records.push(record)
    }
  }
  return records.sort((a, b) => compareStrings(a.path, b.path))
}

/** The token estimate's draw over the whole tree: its scale from every file's size, as one scan computes it. */
function drawOver(records: readonly FileRecord[]): TokenDraw {
  const scale = tokenScale(records.flatMap((r) => (r.tokenBytes === null ? [] : [r.tokenBytes])))
  return { scale, drawn: new Set(records.filter((r) => drawn(r, scale)).map((r) => r.path)) }
}
