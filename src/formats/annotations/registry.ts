import { InternalError } from '../../util/errors.js'
import type { AnnotationAdapter, AnnotationFormat } from './item.js'
import { cocoAdapter } from './coco.js'
import { conllAdapter } from './conll.js'
import { cvatAdapter } from './cvat.js'
import { doccanoAdapter } from './doccano.js'
import { csvAdapter, jsonlAdapter } from './generic.js'
import { labelStudioAdapter } from './label-studio.js'
import { prodigyAdapter } from './prodigy.js'
import { vocAdapter } from './voc.js'
import { yoloAdapter } from './yolo.js'

/**
 * Every annotation adapter, in sniffing priority: the first whose `sniff` claims a file reads it.
 * Specific formats come first; Prodigy before doccano (both are JSONL with "text" and "label",
 * Prodigy's hashes are the tell); the generic CSV and JSONL adapters claim what is left.
 */
export const ADAPTERS: readonly AnnotationAdapter[] = [
  labelStudioAdapter,
  cocoAdapter,
  cvatAdapter,
  vocAdapter,
  prodigyAdapter,
  doccanoAdapter,
  yoloAdapter,
  conllAdapter,
  csvAdapter,
  jsonlAdapter,
]

/** The adapter for an explicit --format. */
export function adapterFor(format: AnnotationFormat): AnnotationAdapter {
  const adapter = ADAPTERS.find((a) => a.format === format)
  if (!adapter) throw new InternalError(`no adapter for annotation format ${format}`)
  return adapter
}
