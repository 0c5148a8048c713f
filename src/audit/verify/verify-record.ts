import type { AuditRecord } from '../../records/audit-record.js'
import { recordInconsistencies, type RecordDifference } from './record-consistency.js'
import { redrawSample, type Redraw, type RedrawOptions } from './redraw-sample.js'

export interface Verification {
  /** the record against its own plan, strata, seed and fingerprint: empty when consistent */
  consistency: RecordDifference[]
  redraw: Redraw
  /** consistent, and re-drawn from the exports to the same sample */
  verified: boolean
}

/**
 * `tdgov audit verify`: what a regulator holding the exports and the seed can confirm. The record
 * is checked against itself first; the re-draw runs whatever that says, so both are reported.
 */
export async function verifyAuditRecord(record: AuditRecord, options: RedrawOptions): Promise<Verification> {
  const consistency = recordInconsistencies(record)
  const redraw = await redrawSample(record, options)
  return { consistency, redraw, verified: consistency.length === 0 && redraw.status === 'identical' }
}
