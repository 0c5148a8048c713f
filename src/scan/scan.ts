import { existsSync, opendirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { CONFIG_FILE } from '../records/config-file.js'
import type { LoadedConfig } from '../records/load-config.js'
import { toFinding } from '../findings/finding.js'
import { withoutConfig, type ProvenanceResult } from '../provenance/provenance-result.js'
import type { PiiMode, TokenCandidate, TokenMode } from '../provenance/record-facts.js'
import { TOKEN_INCLUSION_BYTES } from '../provenance/text/index.js'
import { insideOf, writeTextAtomic } from '../util/atomic-write.js'
import { InternalError, UserError } from '../util/errors.js'
import { PARTIAL_VERSION, writePartialLines, type PartialHeader } from '../records/partial-manifest.js'
import { shardOf, type Shard } from './shard.js'
import { describeSystemError } from '../util/library-error.js'
import { compareStrings } from '../util/order.js'
import { toolVersion } from '../util/version.js'
import { loadEntries, loadIndex, saveCache, statKey, type CacheIndex, type CacheKey, type CachedFile, type WrittenManifest } from './cache.js'
import { createExcludeFilter, type ExcludeFilter } from '../util/excludes.js'
import type { AnalysedFile, FileRecord } from './file-record.js'
import { buildManifest, scanFacts, sortFindings, statesLicence, type BuiltManifest, type ManifestFiles, type ManifestInput } from './manifest.js'
import type { RecordStore } from './record-store.js'
import type { ManifestFinding } from '../records/manifest-schema.js'
import { processFile } from './process-file.js'
import type { ClassifyStated } from '../provenance/folder-licences.js'
import { runTasks } from './run-tasks.js'
import { ScanCollector, type ScanProgress, type ScanStats } from './scan-collector.js'
import type { ScanFileOptions } from './scan-file.js'
import { DEFAULT_LIMITS, type ReadLimits } from '../formats/limits.js'
import { startTokenService } from './token-service.js'
import { TokenSampling, type TokenDraw } from './token-sampling.js'
import { toPosix, walkStream, type WalkedFile } from '../util/walk.js'
import { linkStat } from '../util/annex-link.js'
import { fsPathOf } from '../util/recorded-name.js'

export type { ScanProgress, ScanStats }

export const DEFAULT_SAMPLE_SIZE = 1000

export interface ScanOptions {
  root: string
  /** where the manifest is written */
  outFile: string
  jobs: number
  cache: boolean
  deep: boolean
  sampleSize: number
  pii: PiiMode
  tokens: TokenMode
  /** how far the readers go into a file (see formats/limits.ts); the defaults when absent */
  limits?: ReadLimits
  /** tdgov.yaml to use instead of the one in `root` */
  configFile?: string
  /** return the manifest's text even when the one on disk was left as it was */
  needDocument: boolean
  /** scan only the files of shard `index` of `count` and write a partial for tdgov merge (no cache) */
  shard?: Shard
  onProgress?: (progress: ScanProgress) => void
}

export interface ShardScanResult {
  shard: Shard
  /** files in this shard */
  files: number
  stats: ScanStats
}

export interface ScanResult {
  summary: BuiltManifest
  /** the manifest's text; null when not needed and the file on disk was already up to date */
  document: string | null
  stats: ScanStats
}

/** Scans `root` and writes the manifest to `outFile` (atomically). */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  if (options.shard) throw new InternalError('scan() was given a shard; call scanShard()')
  return (await scanAny(options)) as ScanResult
}

/**
 * Scans the files of one shard (shardOf their path) and writes the partial that `tdgov merge`
 * combines with the others into the manifest scan() writes. The cache is not read or written:
 * shards of one tree often run at once on machines sharing it.
 */
export async function scanShard(options: ScanOptions & { shard: Shard }): Promise<ShardScanResult> {
  return (await scanAny({ ...options, cache: false })) as ShardScanResult
}

async function scanAny(options: ScanOptions): Promise<ScanResult | ShardScanResult> {
  const root = path.resolve(options.root)
  if (!existsSync(root)) throw new UserError(`${options.root}: no such directory`)
  if (!statSync(root).isDirectory()) throw new UserError(`${options.root}: not a directory; expected a dataset directory`)
  // A root that cannot be listed would otherwise scan as an empty dataset.
  try {
    opendirSync(root).closeSync()
  } catch (error) {
    throw new UserError(`${options.root}: cannot list the directory (${describeSystemError(error, 'the read failed')}); nothing was scanned`)
  }
  const outFile = path.resolve(options.outFile)
  // A manifest written into the dataset (--out data/manifest.json) is not part of it.
  const outInside = path.relative(root, outFile)
  const exclude = outInside.startsWith('..') || path.isAbsolute(outInside) ? [] : [toPosix(outInside)]

  const config = await loadConfigIfAny(root, options.configFile)
  const sources = config?.config.sources ?? []
  // Only sources before the last one that names content_fields can decide a file's fields.
  const contentFields = sources.some((s) => s.content_fields) ? sources.map((s) => ({ paths: s.paths, fields: s.content_fields ?? null })) : undefined
  // What the per-file facts depend on: a cached entry made under other options is not reused.
  const fieldsKey = contentFields ? ` fields=${JSON.stringify(contentFields)}` : ''
  const limits = options.limits ?? DEFAULT_LIMITS
  const optionsKey = `tdgov ${toolVersion()} deep=${options.deep} sample=${options.sampleSize} pii=${options.pii} tokens=${options.tokens} limits=${JSON.stringify(limits)}${fieldsKey}`
  const scanOptions: ScanFileOptions = {
    deep: options.deep,
    sampleSize: options.sampleSize,
    pii: options.pii,
    tokens: options.tokens,
    tokenScale: TOKEN_INCLUSION_BYTES,
    limits,
    ...(contentFields && { contentFields }),
  }
  const tokens = options.tokens === 'estimate' ? new TokenSampling(scanOptions, startTokenService) : null
  const plan: ScanPlan = {
    options,
    root,
    outFile,
    exclude,
    excluded: createExcludeFilter(config?.config.excludes ?? []),
    config,
    optionsKey,
    index: options.cache ? loadIndex(root, optionsKey) : null,
    scanOptions,
    tokens,
  }
  try {
    return await scanWith(plan)
  } finally {
    // The encoder's thread, when a text file started it.
    await tokens?.close()
  }
}

/** What a scan was asked and has settled before it reads anything. */
interface ScanPlan {
  options: ScanOptions
  root: string
  outFile: string
  /** exact relative paths: the manifest itself when it is written inside the dataset */
  exclude: string[]
  /** tdgov.yaml's excludes */
  excluded: ExcludeFilter | undefined
  config: LoadedConfig | null
  /** tool version and options the cache was made with */
  optionsKey: string
  index: CacheIndex | null
  scanOptions: ScanFileOptions
  tokens: TokenSampling | null
}

async function scanWith(plan: ScanPlan): Promise<ScanResult | ShardScanResult> {
  const { options, root, outFile, exclude, excluded, config, optionsKey, index, scanOptions, tokens } = plan
  const configKey = config?.sha256 ?? null
  const run = new ScanCollector(options.onProgress, tokens)
  const shard = options.shard
  const mine = shard ? (relPath: string): boolean => shardOf(relPath, shard.count) === shard.index : () => true

  if (index) {
    // With a cache, the whole tree is listed and stat'ed first: an unchanged tree is recognised
    // without reading anything, and unchanged files never reach a worker.
    // Each file is stat'ed as the listing streams in, overlapping the walk's directory reads.
    const listed: ListedFile[] = []
    const walkFindings: ManifestFinding[] = []
    await walkStream(
      root,
      // A git-annex link without its content is keyed by the link itself.
      { file: (file) => listed.push({ file, key: statKey(file.absPath) ?? linkStat(file.absPath) }), finding: (p, d) => walkFindings.push(toFinding(p, d)) },
      exclude,
      excluded,
    )
    listed.sort((a, b) => compareStrings(a.file.relPath, b.file.relPath))
    if (isSameTree(index, listed, walkFindings) && manifestIsCurrent(index.header.written, outFile, configKey)) {
      const document = options.needDocument ? readFileSync(outFile, 'utf8') : null
      const files = listed.length
      return { summary: index.header.written!.summary, document, stats: { files, scanned: 0, cached: files, unreadable: 0 } }
    }
    run.findings.push(...walkFindings)
    const cache = loadEntries(root, index)
    listed.forEach(({ file, key }) => {
      const cached = cache.get(file.relPath)
      if (!key) run.unreadable(file.relPath, 'ENOENT')
      else if (cached && cached.size === key.size && cached.mtimeMs === key.mtimeMs) run.reuse(key, cached.record)
      else run.enqueue(file)
    })
    run.queue.close()
    await runTasks(run.queue, scanOptions, options.jobs, run)
  } else {
    // Nothing to reuse: files are scanned while the walk is still listing the tree.
    const walking = walkStream(
      root,
      {
        file: (file) => mine(file.relPath) && run.enqueue(file),
        finding: (p, draft) => mine(p) && run.findings.push(toFinding(p, draft)),
        room: () => run.queue.room(),
      },
      exclude,
      excluded,
    ).finally(() => run.queue.close())
    await Promise.all([walking, runTasks(run.queue, scanOptions, options.jobs, run)])
  }
  try {
    const tokenDraw = tokens ? await finishTokens(tokens, run, (record) => offerAgain(root, record, scanOptions)) : null
    run.stats.files = run.records.size
    if (shard) return writePartial(plan, shard, run)
    const files: ManifestFiles = { each: () => recordsOf(run.records), statements: run.statements }
    const summary = await writeManifest(outFile, options.outFile, root, config, scanOptions, files, run.findings, tokenDraw)
    if (options.cache) saveCacheQuietly(root, optionsKey, run, outFile, summary, configKey)
    // Read back only when asked: a million-file manifest is not held to be returned.
    const document = options.needDocument ? readFileSync(outFile, 'utf8') : null
    return { summary, document, stats: run.stats }
  } finally {
    run.records.close()
  }
}

/** Draws the token sample's files and keeps each drawn file's sample with its stored record. */
async function finishTokens(tokens: TokenSampling, run: ScanCollector, offer: (record: FileRecord) => Promise<TokenCandidate[]>): Promise<TokenDraw> {
  const { draw, sampled } = await tokens.finish(recordsOf(run.records), offer)
  for (const record of sampled) if (record.tokenSample) run.records.setTokenSample(record.path, record.tokenSample)
  return draw
}

function* recordsOf(store: RecordStore): Generator<FileRecord> {
  for (const { record } of store.files()) yield record
}

/** Builds the manifest into `outFile`, atomically; `named` is the file as the user named it. */
export async function writeManifest(
  outFile: string,
  named: string,
  root: string,
  config: LoadedConfig | null,
  scanOptions: ScanFileOptions,
  files: ManifestFiles,
  findings: ManifestFinding[],
  tokenDraw: TokenDraw | null,
): Promise<BuiltManifest> {
  const input = await manifestInput(root, config, scanOptions, files, findings, tokenDraw)
  try {
    return writeTextAtomic(outFile, (write) => buildManifest(input, write), insideOf(root, outFile))
  } catch (error) {
    if (error instanceof UserError || error instanceof InternalError) throw error
    throw new UserError(`${named}: cannot write the manifest (${describeSystemError(error, 'the write failed')}); choose another place with --out`)
  }
}

/**
 * The shard's partial: its records as the cache keeps them (their token samples drawn at the
 * shard's own scale, which draws every file the whole tree's scale draws, and more), its walk
 * findings and what the merge checks the shards agree on.
 */
function writePartial(plan: ScanPlan, shard: Shard, run: ScanCollector): ShardScanResult {
  const { options, root, outFile, config, optionsKey, scanOptions } = plan
  const header: PartialHeader = {
    tdgov_partial: PARTIAL_VERSION,
    tool: toolVersion(),
    shard,
    root: { path: root, config: config?.sha256 ?? null, config_file: config ? path.resolve(config.file) : null },
    options: optionsKey,
    scan: scanFacts(scanOptions),
    files: run.records.size,
    findings: sortFindings(run.findings),
  }
  try {
    writeTextAtomic(outFile, (write) => writePartialLines(header, recordsOf(run.records), write), insideOf(root, outFile))
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${options.outFile}: cannot write the partial manifest (${describeSystemError(error, 'the write failed')}); choose another place with --out`)
  }
  return { shard, files: run.records.size, stats: run.stats }
}

/** What buildManifest needs over every file's record, as a scan or a merge of its shards writes it. */
async function manifestInput(
  root: string,
  config: LoadedConfig | null,
  scanOptions: ScanFileOptions,
  files: ManifestFiles,
  findings: ManifestFinding[],
  tokenDraw: TokenDraw | null,
): Promise<ManifestInput> {
  // The rules (licence tables, SPDX parsing) load only when there is something declared to check.
  const provenance = config ? await provenanceFor(config) : withoutConfig
  const rules = config ? await scanRulesFor(root, config) : null
  const classifyStated = files.statements.some(statesLicence) ? await licenceClassifier() : null
  return { ...scanOptions, config, tokenDraw, provenance, rules, classifyStated, files, findings }
}

async function provenanceFor(config: LoadedConfig): Promise<(files: readonly AnalysedFile[]) => ProvenanceResult> {
  const { resolveProvenance } = await import('../provenance/resolve-provenance.js')
  return (files) => resolveProvenance(config, files)
}

/** Licences stated together, classed: loaded (licence tables, SPDX parsing) only when some file states one. */
async function licenceClassifier(): Promise<ClassifyStated> {
  const { classifyLicence, mostRestrictive } = await import('../provenance/licences/index.js')
  return (ids) => mostRestrictive(ids.map(classifyLicence))
}

/** The rules `check` also runs, over the manifest being written; loaded only with a tdgov.yaml. */
async function scanRulesFor(root: string, config: LoadedConfig): Promise<NonNullable<ManifestInput['rules']>> {
  const { SCAN_RULES, runRules, configRecords } = await import('../check/index.js')
  return (manifest) => runRules(SCAN_RULES, { ...configRecords(root, config), manifest })
}

/** tdgov.yaml, read with its YAML parser only when there is one (or one was named). */
export async function loadConfigIfAny(root: string, file: string | undefined): Promise<LoadedConfig | null> {
  if (file === undefined && !existsSync(path.join(root, CONFIG_FILE))) return null
  return (await import('../records/load-config.js')).loadConfig(root, file)
}

/** Reads a drawn file again for the text it offers to the token sample (it came from the cache without it). */
async function offerAgain(root: string, record: FileRecord, options: ScanFileOptions): Promise<TokenCandidate[]> {
  const result = await processFile({ relPath: record.path, absPath: fsPathOf(root, record.path) }, options)
  return result.kind === 'scanned' && result.record.sha256 === record.sha256 ? result.tokenCandidates : []
}

/** A file found by the walk, with its size and mtime (null when it vanished meanwhile). */
interface ListedFile {
  file: WalkedFile
  key: CacheKey | null
}

/** Every file is where the index has it, with the same size and mtime, and no link changed. */
function isSameTree(index: CacheIndex, listed: ListedFile[], walkFindings: ManifestFinding[]): boolean {
  if (index.keys.length !== listed.length) return false
  for (let i = 0; i < listed.length; i++) {
    const [p, size, mtimeMs] = index.keys[i]!
    const { file, key } = listed[i]!
    if (!key || p !== file.relPath || size !== key.size || mtimeMs !== key.mtimeMs) return false
  }
  return index.header.written?.walkFindings === JSON.stringify(sortFindings(walkFindings))
}

/** The manifest this scan would write is already on disk, as the last scan wrote it. */
function manifestIsCurrent(written: WrittenManifest | null, outFile: string, configKey: string | null): boolean {
  if (!written || written.file !== outFile || written.config !== configKey) return false
  const key = statKey(outFile)
  return key !== null && key.size === written.size && key.mtimeMs === written.mtimeMs
}

/** The records that may be cached, in path order (not those modified within the racy window). */
function* cacheable(store: RecordStore): Generator<CachedFile> {
  for (const { record, key } of store.files()) if (key) yield { ...key, record }
}

/** The cache only saves time: a read-only dataset directory still gets scanned. */
function saveCacheQuietly(
  root: string,
  optionsKey: string,
  run: ScanCollector,
  outFile: string,
  summary: WrittenManifest['summary'],
  config: string | null,
): void {
  const key = statKey(outFile)
  const walkFindings = run.findings.filter((f) => f.code !== 'FILE_UNREADABLE')
  const written: WrittenManifest | null = key
    ? { file: outFile, ...key, summary, walkFindings: JSON.stringify(sortFindings(walkFindings)), config }
    : null
  try {
    saveCache(root, optionsKey, cacheable(run.records), written)
  } catch {
    // nothing to do: the next scan reads the files again
  }
}
