import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { MANIFEST_PATH } from '../records/project.js'
import { DEFAULT_LIMITS } from '../formats/limits.js'
import { tokenScale } from '../provenance/token-design.js'
import { readPartial, type Partial } from '../records/partial-manifest.js'
import type { FileRecord } from '../records/file-record.js'
import type { ManifestFinding } from '../records/manifest-schema.js'
import { UserError } from '../util/errors.js'
import { toolVersion } from '../util/version.js'
import { isLicenceStatement, type BuiltManifest } from './manifest.js'
import { RecordStore, type StoredFile } from './record-store.js'
import { drawn } from './process-file.js'
import { loadConfigIfAny, writeManifest } from './scan.js'
import type { ScanFileOptions } from './scan-file.js'
import { TOKEN_INCLUSION_BYTES } from '../provenance/text/index.js'
import type { TokenDraw } from './token-sampling.js'

export interface MergeResult {
  summary: BuiltManifest
  /** the manifest's text, when asked for (needDocument) */
  document: string | null
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
export async function mergePartials(files: readonly string[], out: string | null, needDocument = true): Promise<MergeResult> {
  if (files.length === 0) throw new UserError('expected the partial manifests of every shard (tdgov scan --shard K/N --out FILE)')
  // Each partial's records go to one store as they are read: a merge holds no more than a scan.
  const store = new RecordStore()
  try {
    const partials: Partial[] = []
    const statements: FileRecord[] = []
    const tokenBytes: number[] = []
    for (const [i, file] of files.entries()) {
      partials.push(
        await readPartial(file, (record) => {
          // The cache key's place carries the partial's number: merge never caches.
          store.add(record, { size: i, mtimeMs: 0 })
          if (isLicenceStatement(record)) statements.push(record)
          if (record.tokenBytes !== null) tokenBytes.push(record.tokenBytes)
        }),
      )
    }
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
    const records = (): Generator<FileRecord> => onceEach(store, files)
    const findings: ManifestFinding[] = partials.flatMap((p) => p.header.findings)
    // The partial holds every limit (a scan of this version sets them all); the defaults only complete the type.
    const scanOptions: ScanFileOptions = { ...header.scan, limits: { ...DEFAULT_LIMITS, ...header.scan.limits }, tokenScale: TOKEN_INCLUSION_BYTES }
    const tokenDraw = header.scan.tokens === 'estimate' ? drawOver(records(), tokenScale(tokenBytes)) : null
    const summary = await writeManifest(outFile, outFile, root, config, scanOptions, { each: records, statements }, findings, tokenDraw)
    const document = needDocument ? readFileSync(outFile, 'utf8') : null
    return { summary, document, root, outFile, shards: header.shard.count, files: store.size }
  } finally {
    store.close()
  }
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

/** Every shard's record in path order; a path in two partials means they are not shards of one scan. */
function* onceEach(store: RecordStore, files: readonly string[]): Generator<FileRecord> {
  let last: StoredFile | null = null
  for (const stored of store.files()) {
    if (last !== null && last.record.path === stored.record.path) {
      const [a, b] = [last.key!.size, stored.key!.size].sort((x, y) => x - y)
      throw new UserError(`${files[b!]}: ${stored.record.path} is in ${files[a!]} too; expected each file in one shard`)
    }
    last = stored
    yield stored.record
  }
}

/** The token estimate's draw over the whole tree: its scale from every file's size, as one scan computes it. */
function drawOver(records: Iterable<FileRecord>, scale: number): TokenDraw {
  const drawnPaths = new Set<string>()
  for (const r of records) if (drawn(r, scale)) drawnPaths.add(r.path)
  return { scale, drawn: drawnPaths }
}
