import { FindingCollector } from '../findings/finding.js'
import { RecordFacts } from '../provenance/index.js'
import { LineReader } from './line-reader.js'
import { limitsOf } from './limits.js'
import { RecordSampler, type SampledRecord } from './record-sampler.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from './types.js'

/**
 * Plain text: records are lines, counted as `wc -l` does plus a final unterminated line. A seeded
 * sample of lines (all with --deep) is analysed for language, length, duplicates and personal
 * information.
 */
class TextAnalyzer extends LineReader implements ContentAnalyzer {
  private readonly sampler: RecordSampler
  private readonly facts: RecordFacts

  constructor(ctx: AnalyzerContext) {
    super(new FindingCollector(), limitsOf(ctx).maxRecordBytes)
    this.facts = RecordFacts.forScan(ctx)
    this.sampler = RecordSampler.forScan(ctx, (record) => this.analyse(record))
  }

  protected onLine(buf: Buffer, start: number, end: number, line: number): void {
    if (!this.sampler.isExhaustive) this.facts.offerText(buf, start, end > start && buf[end - 1] === 0x0d ? end - 1 : end)
    const every = this.facts.wantsEveryRecord
    // Every line is offered to the sampler, so the sample is the same whatever else is asked.
    const sampled = this.sampler.wants(line)
    if (!sampled && !every) return
    const text = buf.toString('utf8', start, end).replace(/\r$/, '')
    if (every) this.facts.addRaw(text)
    if (sampled) this.sampler.keep({ index: line, line, text })
  }

  private analyse(record: SampledRecord): void {
    this.facts.addRecord(record.text, record.text, record.index, record.line)
  }

  finish(): ContentAnalysis {
    this.flush()
    if (!this.sampler.isExhaustive) for (const record of this.sampler.sample()) this.analyse(record)
    this.sampler.noteReduced(this.findings)
    return { records: this.lines, facts: this.facts.result(), findings: this.findings.result() }
  }
}

export function createTextAnalyzer(ctx: AnalyzerContext): ContentAnalyzer {
  return new TextAnalyzer(ctx)
}
