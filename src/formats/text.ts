import { FindingCollector } from '../findings/finding.js'
import { LineReader } from './line-reader.js'
import type { ContentAnalysis, ContentAnalyzer } from './types.js'

/** Plain text: records are lines, counted as `wc -l` does plus a final unterminated line. */
class TextAnalyzer extends LineReader implements ContentAnalyzer {
  constructor() {
    super(new FindingCollector())
  }

  protected onLine(): void {}

  finish(): ContentAnalysis {
    this.flush()
    return { records: this.lines, findings: this.findings.result() }
  }
}

export function createTextAnalyzer(): ContentAnalyzer {
  return new TextAnalyzer()
}
