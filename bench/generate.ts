/**
 * Generates (or reuses) the benchmark data set under BENCH_DIR/data:
 *   jsonl/synth-1g.jsonl      ~1.05 GB JSONL (libraries.md §4 shape)
 *   parquet/big-2m.parquet    2,000,000 rows, 100k-row groups (hyparquet-writer, child process)
 *   tree/dNNN/fNNNN.jsonl     100 dirs × 1,000 small JSONL files
 * and, outside data/ (so the scans of the data root never see them), the annotation exports of
 * case F:
 *   annotations/ann-1m.jsonl  1,000,000 generic JSONL annotation lines
 *   annotations/ann-10m.jsonl 10,000,000 lines
 * BENCH_DIR/generated.json records what is complete, so `--data DIR` can skip finished parts.
 * The annotation exports have their own marker, BENCH_DIR/generated-annotations.json, with its
 * own version, so adding or changing them never invalidates the other parts (and vice versa).
 * The markers live outside data/ so they are never part of a scan.
 *
 * Case H's labelled data (bench/gen-labelled.ts) goes to BENCH_DIR/labelled, also outside data/,
 * with its own marker, BENCH_DIR/generated-labelled.json (version, seed, scale).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { generateAnnotations } from './gen-annotations.js'
import { generateJsonl } from './gen-jsonl.js'
import { generateTree } from './gen-tree.js'
import { ROW_GROUP } from './gen-parquet.js'
import type { ParquetResult } from './gen-parquet.js'
import { generateLabelled, LABELLED_GEN_VERSION } from './gen-labelled.js'
import type { LabelledScale, LabelledTruth } from './gen-labelled.js'

/** Bump when a generator changes its output, so stale reused folders are regenerated. */
export const GEN_VERSION = 2
export const SEED = 20261128

export const JSONL_TARGET_BYTES = 1_050_000_000
export const PARQUET_ROWS = 2_000_000
export const TREE_DIRS = 100
export const TREE_FILES_PER_DIR = 1_000

/**
 * `full` is the data set described above; `smoke` is the same generators at a few MB (a JSONL of
 * ~3 MB, 20k Parquet rows, 4 × 100 tree files), to check the bench end to end, not to time it.
 */
export type DataScale = 'full' | 'smoke'
export const DATA_SCALES: readonly DataScale[] = ['full', 'smoke']
export interface DataSizes {
  jsonlBytes: number
  parquetRows: number
  treeDirs: number
  treeFilesPerDir: number
}
export const DATA_SIZES: Record<DataScale, DataSizes> = {
  full: { jsonlBytes: JSONL_TARGET_BYTES, parquetRows: PARQUET_ROWS, treeDirs: TREE_DIRS, treeFilesPerDir: TREE_FILES_PER_DIR },
  smoke: { jsonlBytes: 3_000_000, parquetRows: 20_000, treeDirs: 4, treeFilesPerDir: 100 },
}

/** Bump when the annotation generator changes its output (independent of GEN_VERSION). */
export const ANNOTATIONS_GEN_VERSION = 1
/** the annotation exports of case F: name → lines */
export const ANNOTATION_FILES = { '1m': 1_000_000, '10m': 10_000_000 } as const
export type AnnotationSize = keyof typeof ANNOTATION_FILES
export const ANNOTATION_SIZES = Object.keys(ANNOTATION_FILES) as AnnotationSize[]

export type Part = 'jsonl' | 'parquet' | 'tree' | 'annotations' | 'labelled'

export interface Layout {
  benchDir: string
  dataDir: string
  jsonlDir: string
  jsonlFile: string
  parquetDir: string
  parquetFile: string
  treeDir: string
  marker: string
  /** outside data/: the scans of the data root (case D) must not see them */
  annotationsDir: string
  annotationFile: (size: AnnotationSize) => string
  annotationsMarker: string
  /** outside data/ as well: case H's labelled data and its truth.json */
  labelledDir: string
  labelledMarker: string
}

export function layout(benchDir: string): Layout {
  const dataDir = path.join(benchDir, 'data')
  return {
    benchDir,
    dataDir,
    jsonlDir: path.join(dataDir, 'jsonl'),
    jsonlFile: path.join(dataDir, 'jsonl', 'synth-1g.jsonl'),
    parquetDir: path.join(dataDir, 'parquet'),
    parquetFile: path.join(dataDir, 'parquet', 'big-2m.parquet'),
    treeDir: path.join(dataDir, 'tree'),
    marker: path.join(benchDir, 'generated.json'),
    annotationsDir: path.join(benchDir, 'annotations'),
    annotationFile: (size) => path.join(benchDir, 'annotations', `ann-${size}.jsonl`),
    annotationsMarker: path.join(benchDir, 'generated-annotations.json'),
    labelledDir: path.join(benchDir, 'labelled'),
    labelledMarker: path.join(benchDir, 'generated-labelled.json'),
  }
}

export interface JsonlInfo {
  bytes: number
  lines: number
  seconds: number
}
export interface ParquetInfo {
  rows: number
  bytes: number
  seconds: number
  peakRssKb: number
}
export interface TreeInfo {
  files: number
  bytes: number
  lines: number
  seconds: number
}

export interface AnnotationFileInfo {
  bytes: number
  lines: number
  seconds: number
}

export interface Marker {
  version: number
  seed: number
  /** absent in markers written before scales existed: full */
  scale?: DataScale
  jsonl?: JsonlInfo
  parquet?: ParquetInfo
  tree?: TreeInfo
}

/** generated-annotations.json */
export interface AnnotationsMarker {
  version: number
  seed: number
  files: Partial<Record<AnnotationSize, AnnotationFileInfo>>
}

/** generated-labelled.json */
export interface LabelledMarker {
  version: number
  seed: number
  scale: LabelledScale
  files: number
  bytes: number
  seconds: number
  truthSha256: string
}

export interface GenerationReport {
  marker: Marker
  /** the annotation exports' own marker (null when case F's data was not asked for) */
  annotations: AnnotationsMarker | null
  /** case H's marker and truth (null when its data was not asked for) */
  labelled: { marker: LabelledMarker; truth: LabelledTruth } | null
  /** parts generated by this run (the others were reused) */
  generated: Part[]
  /** wall time of the whole generation step, parts running concurrently */
  wallSeconds: number
}

function readMarker(file: string, scale: DataScale): Marker | null {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Marker
    return m.version === GEN_VERSION && m.seed === SEED && (m.scale ?? 'full') === scale ? m : null
  } catch {
    return null
  }
}

function readAnnotationsMarker(file: string): AnnotationsMarker | null {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as AnnotationsMarker
    return m.version === ANNOTATIONS_GEN_VERSION && m.seed === SEED && typeof m.files === 'object' ? m : null
  } catch {
    return null
  }
}

function sha256Of(file: string): string | null {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
  } catch {
    return null
  }
}

/** The labelled data when its marker matches this version, seed and scale, truth.json is unchanged and every file is there. */
function readLabelled(l: Layout, scale: LabelledScale): { marker: LabelledMarker; truth: LabelledTruth } | null {
  try {
    const m = JSON.parse(fs.readFileSync(l.labelledMarker, 'utf8')) as LabelledMarker
    if (m.version !== LABELLED_GEN_VERSION || m.seed !== SEED || m.scale !== scale) return null
    const truthFile = path.join(l.labelledDir, 'truth.json')
    if (sha256Of(truthFile) !== m.truthSha256) return null
    const truth = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as LabelledTruth
    if (!Object.keys(truth.sha256).every((rel) => fs.existsSync(path.join(l.labelledDir, rel)))) return null
    return { marker: m, truth }
  } catch {
    return null
  }
}

function writeMarker(file: string, marker: Marker | AnnotationsMarker | LabelledMarker): void {
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(marker, null, 2) + '\n')
  fs.renameSync(tmp, file)
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return -1
  }
}

function annotationFileComplete(l: Layout, m: AnnotationsMarker, size: AnnotationSize): boolean {
  const info = m.files[size]
  return info !== undefined && info.lines === ANNOTATION_FILES[size] && sizeOf(l.annotationFile(size)) === info.bytes
}

function isComplete(l: Layout, m: Marker, am: AnnotationsMarker, part: Part, labelledScale: LabelledScale, sizes: DataSizes): boolean {
  switch (part) {
    case 'labelled':
      return readLabelled(l, labelledScale) !== null
    case 'annotations':
      return ANNOTATION_SIZES.every((size) => annotationFileComplete(l, am, size))
    case 'jsonl':
      return m.jsonl !== undefined && sizeOf(l.jsonlFile) === m.jsonl.bytes
    case 'parquet':
      return m.parquet !== undefined && sizeOf(l.parquetFile) === m.parquet.bytes
    case 'tree':
      return m.tree !== undefined && fs.existsSync(path.join(l.treeDir, `d${String(sizes.treeDirs - 1).padStart(3, '0')}`))
  }
}

function runParquetChild(script: string, out: string, rows: number, seed: number): Promise<ParquetResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8000', script, out, String(rows), String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`Parquet generator failed (exit ${code ?? signal ?? '?'}):\n${stderr.trim()}`))
        return
      }
      try {
        const lines = stdout.trim().split('\n')
        resolve(JSON.parse(lines[lines.length - 1] ?? '') as ParquetResult)
      } catch {
        reject(new Error(`Parquet generator printed no result:\n${stdout}\n${stderr}`))
      }
    })
  })
}

/**
 * Make sure `parts` exist under `l.dataDir`, generating the missing ones, one after the other
 * (running the Parquet writer concurrently with the JSONL writer was slower overall on 2 cores).
 * The Parquet writer runs in a child process so its memory is isolated and measured.
 */
export async function ensureData(
  l: Layout,
  parts: Part[],
  benchDistDir: string,
  labelledScale: LabelledScale = 'full',
  scale: DataScale = 'full',
): Promise<GenerationReport> {
  const t0 = process.hrtime.bigint()
  const sizes = DATA_SIZES[scale]
  // a marker of another scale is not reused: every part of data/ is generated again
  const marker: Marker = readMarker(l.marker, scale) ?? { version: GEN_VERSION, seed: SEED, ...(scale === 'full' ? {} : { scale }) }
  const annotations: AnnotationsMarker = readAnnotationsMarker(l.annotationsMarker) ?? { version: ANNOTATIONS_GEN_VERSION, seed: SEED, files: {} }
  const todo = parts.filter((p) => !isComplete(l, marker, annotations, p, labelledScale, sizes))
  for (const p of todo) if (p !== 'annotations' && p !== 'labelled') delete marker[p]
  writeMarker(l.marker, marker)

  for (const p of parts) {
    if (!todo.includes(p)) console.log(`  ${p}: reusing the generated data (${p === 'annotations' ? l.annotationsMarker : p === 'labelled' ? l.labelledMarker : l.marker})`)
  }

  if (todo.includes('jsonl')) {
    fs.rmSync(l.jsonlDir, { recursive: true, force: true })
    fs.mkdirSync(l.jsonlDir, { recursive: true })
    const part = `${l.jsonlFile}.part`
    console.log(`  jsonl: writing ≥ ${(sizes.jsonlBytes / 1e9).toFixed(sizes.jsonlBytes < 1e8 ? 3 : 2)} GB …`)
    const r = await generateJsonl(part, sizes.jsonlBytes, SEED + 1)
    fs.renameSync(part, l.jsonlFile)
    marker.jsonl = r
    writeMarker(l.marker, marker)
    console.log(
      `  jsonl: ${r.bytes.toLocaleString('en-US')} bytes, ${r.lines.toLocaleString('en-US')} lines in ${r.seconds.toFixed(1)} s ` +
        `(${(r.bytes / 1e6 / r.seconds).toFixed(0)} MB/s)`,
    )
  }

  if (todo.includes('parquet')) {
    fs.rmSync(l.parquetDir, { recursive: true, force: true })
    fs.mkdirSync(l.parquetDir, { recursive: true })
    const part = `${l.parquetFile}.part`
    const started = process.hrtime.bigint()
    console.log(`  parquet: writing ${sizes.parquetRows.toLocaleString('en-US')} rows in ${ROW_GROUP.toLocaleString('en-US')}-row groups (child process) …`)
    const r = await runParquetChild(path.join(benchDistDir, 'gen-parquet.js'), part, sizes.parquetRows, SEED + 2)
    fs.renameSync(part, l.parquetFile)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    marker.parquet = { rows: r.rows, bytes: r.bytes, seconds, peakRssKb: r.peakRssKb }
    writeMarker(l.marker, marker)
    console.log(
      `  parquet: ${r.rows.toLocaleString('en-US')} rows, ${(r.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s ` +
        `(writer peak RSS ${(r.peakRssKb / 1024).toFixed(0)} MB)`,
    )
  }

  if (todo.includes('tree')) {
    const part = `${l.treeDir}.part`
    fs.rmSync(l.treeDir, { recursive: true, force: true })
    fs.rmSync(part, { recursive: true, force: true })
    console.log(`  tree: writing ${(sizes.treeDirs * sizes.treeFilesPerDir).toLocaleString('en-US')} small files …`)
    const r = generateTree(part, sizes.treeDirs, sizes.treeFilesPerDir, SEED + 3)
    fs.renameSync(part, l.treeDir)
    marker.tree = r
    writeMarker(l.marker, marker)
    console.log(
      `  tree: ${r.files.toLocaleString('en-US')} files, ${r.lines.toLocaleString('en-US')} lines, ` +
        `${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s`,
    )
  }

  if (todo.includes('annotations')) {
    fs.mkdirSync(l.annotationsDir, { recursive: true })
    // each file on its own: a complete 1M file is kept when only the 10M one is missing
    for (const [i, size] of ANNOTATION_SIZES.entries()) {
      if (annotationFileComplete(l, annotations, size)) {
        console.log(`  annotations: reusing ${path.basename(l.annotationFile(size))}`)
        continue
      }
      delete annotations.files[size]
      writeMarker(l.annotationsMarker, annotations)
      const file = l.annotationFile(size)
      const part = `${file}.part`
      fs.rmSync(file, { force: true })
      console.log(`  annotations: writing ${ANNOTATION_FILES[size].toLocaleString('en-US')} lines to ${path.basename(file)} …`)
      const r = await generateAnnotations(part, ANNOTATION_FILES[size], SEED + 4 + i)
      fs.renameSync(part, file)
      annotations.files[size] = r
      writeMarker(l.annotationsMarker, annotations)
      console.log(
        `  annotations: ${r.bytes.toLocaleString('en-US')} bytes, ${r.lines.toLocaleString('en-US')} lines in ${r.seconds.toFixed(1)} s ` +
          `(${(r.lines / 1e6 / r.seconds).toFixed(2)} M lines/s)`,
      )
    }
  }

  let labelled: GenerationReport['labelled'] = null
  if (todo.includes('labelled')) {
    fs.rmSync(l.labelledMarker, { force: true })
    console.log(`  labelled: writing case H's data (${labelledScale} scale) and its truth …`)
    const r = await generateLabelled(l.labelledDir, labelledScale, SEED + 6)
    const m: LabelledMarker = {
      version: LABELLED_GEN_VERSION,
      seed: SEED,
      scale: labelledScale,
      files: r.files,
      bytes: r.bytes,
      seconds: r.seconds,
      truthSha256: sha256Of(path.join(l.labelledDir, 'truth.json')) ?? '',
    }
    writeMarker(l.labelledMarker, m)
    labelled = { marker: m, truth: r.truth }
    console.log(`  labelled: ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s`)
  } else if (parts.includes('labelled')) {
    labelled = readLabelled(l, labelledScale)
  }

  return {
    marker,
    annotations: parts.includes('annotations') ? annotations : null,
    labelled,
    generated: todo,
    wallSeconds: Number(process.hrtime.bigint() - t0) / 1e9,
  }
}
