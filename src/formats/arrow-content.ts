import type { RecordBatch, Schema } from 'apache-arrow'
import type { FindingDraft } from '../findings/finding.js'
import { RecordFacts, type RecordFactsResult } from '../provenance/index.js'
import { ArrowRowConverter, arrowColumns } from './arrow-rows.js'
import { rowJson } from './parquet-rows.js'
import { RecordSampler } from './record-sampler.js'
import type { AnalyzerContext } from './types.js'

/** What a record batch is decoded for: its first row's 0-based position, and the rows wanted of it. */
export interface BatchPlan {
  start: number
  /** 0-based offsets of the rows to keep for the sample, ascending; undefined when every row is analysed (--deep) */
  offsets: number[] | undefined
  /** every row is converted, for --pii full (and --deep) */
  everyRow: boolean
}

/**
 * Content facts of an Arrow IPC file's rows, fed record batch by record batch in file order: a
 * uniform sample of `sampleSize` rows seeded by the file's path (the reservoir of record-sampler.ts,
 * so only the batches holding a row the reservoir takes are decoded, and of those only such rows
 * are converted), or every row under --deep; under --pii full every row is also searched for
 * personal information. Memory holds one batch and the sample.
 */
export class ArrowContent {
  private readonly facts: RecordFacts
  private readonly sampler: RecordSampler | null
  /** converted rows the reservoir holds (and some it has since replaced, pruned now and then) */
  private readonly kept = new Map<number, Record<string, unknown>>()
  private converter: ArrowRowConverter | null = null
  private rows = 0
  private analysed = 0
  private analysedBytes = 0
  /** set when a record batch cannot be decoded at all: reading stops there */
  private broken = false

  constructor(private readonly ctx: AnalyzerContext) {
    this.facts = RecordFacts.forScan(ctx)
    this.sampler = ctx.deep ? null : new RecordSampler(ctx.sampleSize, ctx.relPath)
  }

  get ready(): boolean {
    return this.converter !== null && !this.broken
  }

  setSchema(schema: Schema): void {
    this.converter = new ArrowRowConverter(arrowColumns(schema))
  }

  /** At a record batch's header (rows counted in any case): the plan to decode it with, or null when none of its rows is needed. */
  batchStart(length: number): BatchPlan | null {
    const start = this.rows
    this.rows += length
    if (!this.ready) return null
    const everyRow = this.ctx.deep || this.ctx.pii === 'full'
    if (this.sampler === null) return { start, offsets: undefined, everyRow }
    const offsets: number[] = []
    for (let i = 0; i < length; i++) {
      const index = start + i + 1
      if (!this.sampler.wants(index)) continue
      // the reservoir takes the record now; its values are filled in when the batch is decoded
      this.sampler.keep({ index, line: index, text: '' })
      offsets.push(i)
    }
    return offsets.length > 0 || everyRow ? { start, offsets, everyRow } : null
  }

  batch(plan: BatchPlan, batch: RecordBatch): void {
    const converter = this.converter
    if (!converter || this.broken) return
    if (plan.everyRow) {
      const rows = converter.rows(batch)
      const wanted = plan.offsets ? new Set(plan.offsets) : null
      rows.forEach((row, i) => {
        const json = rowJson(row)
        // --pii full: every row decoded, so every row is searched (parsed: numbers judged by their
        // column names) and offered to the dataset-wide duplicate sample
        if (this.facts.wantsEveryRecord) {
          this.facts.addRawValue(row)
          this.facts.offerValue(row)
        }
        if (wanted === null) this.analyse(row, json, plan.start + i + 1)
        else if (wanted.has(i)) this.keep(plan.start + i + 1, row)
      })
      return
    }
    const offsets = plan.offsets ?? []
    converter.rows(batch, offsets).forEach((row, i) => this.keep(plan.start + offsets[i]! + 1, row))
  }

  /** A record batch that cannot be decoded: every column is unreadable from there on. */
  batchFailed(plan: BatchPlan | null, reason: string): void {
    if (!this.converter || this.broken) return
    const where = plan ? `record batch at row ${plan.start + 1}` : 'record batch'
    this.converter.dropAll(`${where}: ${reason}`)
    this.broken = true
  }

  /** The rows cannot be read at all (the converter is given the columns to report). */
  unavailable(schema: Schema, reason: string): void {
    this.converter ??= new ArrowRowConverter(arrowColumns(schema))
    this.converter.dropAll(reason)
    this.broken = true
  }

  result(): { facts: RecordFactsResult; findings: FindingDraft[] } {
    // A file with no more rows than the sample is analysed whole: its rows are the duplicate sample's too.
    if (this.sampler && this.rows <= this.ctx.sampleSize && !this.facts.wantsEveryRecord) this.facts.everyRecordArrives()
    if (this.sampler) {
      for (const record of this.sampler.sample()) {
        const row = this.kept.get(record.index)
        if (row) this.analyse(row, rowJson(row), record.index)
      }
    }
    const facts = this.facts.result()
    facts.contentBytes = this.analysed === 0 ? 0 : Math.round((this.analysedBytes / this.analysed) * this.rows)
    const unreadable = this.converter?.unreadable ?? new Map<string, string>()
    const findings: FindingDraft[] = [...unreadable].map(([column, reason]) => ({ code: 'COLUMN_UNREADABLE', args: { column, reason } }))
    return { facts, findings }
  }

  private keep(index: number, row: Record<string, unknown>): void {
    this.kept.set(index, row)
    const limit = 4 * this.ctx.sampleSize + 1024
    if (this.kept.size <= limit || !this.sampler) return
    const live = new Set(this.sampler.sample().map((r) => r.index))
    for (const key of this.kept.keys()) if (!live.has(key)) this.kept.delete(key)
  }

  private analyse(row: Record<string, unknown>, json: string, index: number): void {
    this.facts.addRecord(row, json, index)
    this.analysed++
    this.analysedBytes += Buffer.byteLength(json)
  }
}
