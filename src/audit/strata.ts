import type { AnnotationItem } from '../formats/annotations/item.js'
import { createSourceMatcher } from '../provenance/source-map.js'
import type { LoadedConfig } from '../records/load-config.js'
import type { StratifyBy } from './sampling/draw-sample.js'

/**
 * The stratum of each unit under `--stratify`. `recordPath` turns the file an item was read from
 * into its path as the record names it (relative to the project root), so drawing and re-drawing
 * from a copy elsewhere put a unit in the same stratum.
 */
export function stratumFunction(
  stratify: StratifyBy | null,
  config: LoadedConfig | null,
  recordPath: (sourceFile: string) => string,
): ((item: AnnotationItem) => string) | null {
  switch (stratify) {
    case null:
      return null
    case 'label':
      return (item) => item.labels[0] ?? '(no label)'
    case 'annotator':
      return (item) => item.annotator ?? '(unknown)'
    case 'source': {
      // The declared source of the export file when tdgov.yaml maps it, else the file itself.
      const sourceOf = config ? createSourceMatcher(config.config.sources) : () => null
      return (item) => {
        const file = recordPath(item.source_file)
        return sourceOf(file) ?? file
      }
    }
  }
}
