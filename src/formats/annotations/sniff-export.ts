import type { AnnotationFormat } from './item.js'
import { lazyModule } from '../../util/lazy-module.js'

const scanAnnotations = lazyModule(() => import('./scan-annotations.js'))

/** Plain formats an annotation export can be detected as (CoNLL and YOLO files are text). */
const EXPORT_CARRIERS: ReadonlySet<string> = new Set(['json', 'jsonl', 'xml', 'csv', 'tsv', 'text'])

/**
 * The annotation format of an uncompressed file from its first bytes (at least 64 KiB, or the whole
 * file), or null; see scan-annotations.ts for the rules. The adapters, and the libraries behind
 * them, load only once a file of a carrier format is seen: a dataset of images and Parquet files
 * does not pay for them.
 */
export async function sniffAnnotationExport(plainFormat: string, head: Uint8Array, absPath: string, relPath: string): Promise<AnnotationFormat | null> {
  if (!EXPORT_CARRIERS.has(plainFormat) || head.length === 0) return null
  return (await scanAnnotations()).claimExport(head, absPath, relPath)
}
