import type { FindingDraft } from '../../findings/finding.js'
import { maskPersonalValues } from '../../provenance/pii/index.js'
import type { AnnotationFacts } from '../../records/manifest-schema.js'
import { UserError } from '../../util/errors.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from '../types.js'
import { looksLikeConll } from './conll.js'
import { DEFAULT_COLUMNS, type AnnotationFormat } from './item.js'
import { HEAD_BYTES } from './json-lines.js'
import { sniffHead } from './read-annotations.js'
import { adapterFor } from './registry.js'
import { hasYoloClassFile } from './yolo.js'

/**
 * How `tdgov scan` recognises annotation exports and counts them, through the same adapters
 * `tdgov audit` reads them with.
 *
 * A file is an annotation export when its plain format is one an export comes in and the adapter
 * sniffing (ADAPTERS priority, the first 64 KiB) names a specific format. The generic CSV and
 * JSONL adapters claim any table or JSON Lines file, so they never make a file an annotation. Two
 * formats need more than the audit asks, since the scan sees every file and not only the ones a
 * user names:
 * - CoNLL: the head must look like token-per-line tags; an extension (.train, .bio, …) alone is
 *   not enough;
 * - YOLO: a .txt whose first lines are all "class cx cy w h" is a label file only in context: a
 *   folder named `labels` on its path (Ultralytics, label-studio-converter), or a class file the
 *   adapter would use (classes.txt, a single *.names, data.yaml with names:) in its folder or up to
 *   two above (Darknet's obj/ beside obj.names). classes.txt itself is never a label file.
 * Compressed files are left to their plain format: the adapters read the file from disk.
 * This module loads every adapter (and saxes, csv-parse): sniff-export.ts imports it only for a
 * file whose plain format can carry an export.
 */

/** The annotation format of a file from its head (at least its first 64 KiB), or null; see sniff-export.ts. */
export async function claimExport(head: Uint8Array, absPath: string, relPath: string): Promise<AnnotationFormat | null> {
  const format = sniffHead(absPath, head)
  switch (format) {
    case null:
    case 'csv':
    case 'jsonl':
      return null
    case 'conll':
      return looksLikeConll(headText(head)) ? format : null
    case 'yolo':
      return underLabelsFolder(relPath) || (await hasYoloClassFile(absPath)) ? format : null
    default:
      return format
  }
}

function headText(head: Uint8Array): string {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, HEAD_BYTES)).toString('utf8')
}

function underLabelsFolder(relPath: string): boolean {
  return relPath.split('/').slice(0, -1).some((dir) => dir.toLowerCase() === 'labels')
}

/**
 * The counts of one export, read whole by its adapter. Items are the adapter's items, the units
 * an audit samples; annotations the labels they carry, summed; labels the distinct label values
 * (an empty label, as CVAT writes for a shape without one, is an annotation but no label value);
 * annotators the distinct annotators named, absent when the export names none. A malformed
 * export throws the adapter's UserError.
 */
export async function countAnnotations(format: AnnotationFormat, absPath: string, onProgress?: () => void): Promise<AnnotationFacts> {
  let items = 0
  let annotations = 0
  const labels = new Set<string>()
  const annotators = new Set<string>()
  const modalities: NonNullable<AnnotationFacts['modalities']> = {}
  for await (const item of adapterFor(format).read(absPath, { columns: DEFAULT_COLUMNS, ...(onProgress && { onProgress }) })) {
    items++
    if (onProgress && items % 65_536 === 0) onProgress()
    if (item.modality) modalities[item.modality] = (modalities[item.modality] ?? 0) + 1
    annotations += item.labels.length
    for (const label of item.labels) if (label !== '') labels.add(label)
    if (item.annotator !== null) annotators.add(item.annotator)
  }
  return {
    format,
    items,
    annotations,
    labels: labels.size,
    ...(annotators.size > 0 && { annotators: annotators.size }),
    ...(Object.keys(modalities).length > 0 && { modalities }),
  }
}

/**
 * Wraps the plain-format analyzer of an annotation export: the chunks still go to it (its content
 * and personal-information facts, and the fallback), and `finish` adds the adapter's counts. The
 * file's records are then its items, and the plain schema, which mixes the export's parts (a COCO
 * file's licences, categories, images and annotations), is not written. `content` and `pii` stay
 * those of the plain records (a COCO file's split records, a Label Studio file's tasks). An export its adapter
 * rejects keeps its plain analysis, with an ANNOTATION_EXPORT_INVALID warning saying why.
 */
export function createAnnotationAnalyzer(format: AnnotationFormat, plainAnalyzer: ContentAnalyzer | null, ctx: AnalyzerContext): ContentAnalyzer {
  let plain = plainAnalyzer
  return {
    push(chunk) {
      plain?.push(chunk)
    },
    async finish(): Promise<ContentAnalysis> {
      const analysis: ContentAnalysis = plain ? await plain.finish() : { findings: [] }
      // the plain reader's buffers and samples are garbage once it has finished: let them go
      // before the adapter reads the export again (a 1 GB COCO file's would stay through its count)
      plain = null
      let annotation: AnnotationFacts
      try {
        annotation = await countAnnotations(format, ctx.absPath, ctx.onProgress && (() => ctx.onProgress!()))
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        return { ...analysis, findings: [...analysis.findings, invalidExport(format, error, ctx)] }
      }
      const { schema, ...rest } = analysis
      void schema
      // The token sample holds plain records: the estimate reads it as drawn from their number.
      return { ...rest, records: annotation.items, ...(analysis.records !== undefined && { tokenRecords: analysis.records }), annotation }
    },
  }
}

/**
 * The adapter's message without the absolute path it starts with (the manifest is the same on
 * every machine), its line as the finding's line, and personal values masked.
 */
function invalidExport(format: AnnotationFormat, error: UserError, ctx: AnalyzerContext): FindingDraft {
  const root = ctx.absPath.slice(0, ctx.absPath.length - ctx.relPath.length)
  let reason = error.message.startsWith(ctx.absPath) ? error.message.slice(ctx.absPath.length) : error.message
  let line: number | undefined
  const at = /^:(\d+)(?::(\d+))?:\s*/.exec(reason)
  if (at) {
    line = Number(at[1])
    reason = `${at[2] === undefined ? '' : `column ${at[2]}: `}${reason.slice(at[0].length)}`
  } else reason = reason.replace(/^:\s*/, '')
  // Other paths in the message (a YOLO class file) are shown relative to the scanned folder.
  if (root.length > 1) reason = reason.replaceAll(root, '')
  return { code: 'ANNOTATION_EXPORT_INVALID', ...(line !== undefined && { line }), args: { format, reason: maskPersonalValues(reason) } }
}
