/**
 * Builders shared by the audit-engine tests: annotation items, async readers that count how often
 * they are read, hand-built audit records and review-sheet rows, and an independent BigInt
 * SipHash-2-4 used as the reference for the engine's 32-bit-halves implementation.
 */
import { createHash } from 'node:crypto'
import { AUDIT_RECORD_VERSION, auditRecordSchema, type AuditRecord, type AuditKind } from '../../../src/records/audit-record.js'
import type { AnnotationItem } from '../../../src/formats/annotations/item.js'
import { resolvePlan, type PlanRequest } from '../../../src/audit/plan.js'
import { previewHash } from '../../../src/audit/score/check-sheet.js'
import type { ReadRow, SheetRow } from '../../../src/audit/sheets/sheet-row.js'
import { FINGERPRINT_METHOD } from '../../../src/audit/sampling/population-fingerprint.js'
import { Ranker, RANK_METHOD, rankHex, unitKey } from '../../../src/audit/sampling/rank.js'
import { SeededRandom } from '../../../src/util/prng.js'

// --- annotation items ------------------------------------------------------------------------

export function makeItem(itemId: string, annotator: string | null, labels: string[], extra: Partial<AnnotationItem> = {}): AnnotationItem {
  return {
    item_id: itemId,
    annotator,
    labels,
    source_file: 'export.jsonl',
    location: `item ${itemId}`,
    preview: `text of ${itemId}`,
    ...extra,
  }
}

/**
 * `count` items "item-0" … with labels drawn from `labels` by `weights` (default uniform) and
 * annotators round-robin, reproducibly from `seed`.
 */
export function makePopulation(
  count: number,
  options: { labels?: readonly string[]; weights?: readonly number[]; annotators?: readonly string[]; seed?: string } = {},
): AnnotationItem[] {
  const labels = options.labels ?? ['cat', 'dog', 'bird']
  const weights = options.weights ?? labels.map(() => 1)
  const total = weights.reduce((a, b) => a + b, 0)
  const annotators = options.annotators ?? ['ann-a', 'ann-b', 'ann-c']
  const rng = new SeededRandom(options.seed ?? 'population')
  const items: AnnotationItem[] = []
  for (let i = 0; i < count; i++) {
    let pick = rng.next() * total
    let label = labels[labels.length - 1]!
    for (const [k, w] of weights.entries()) {
      if (pick < w) {
        label = labels[k]!
        break
      }
      pick -= w
    }
    items.push(makeItem(`item-${i}`, annotators[i % annotators.length]!, [label], { location: `line ${i + 1}` }))
  }
  return items
}

/** A Fisher–Yates shuffle of a copy, reproducible from `seed`. */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  const rng = new SeededRandom(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** A `readUnits` callback over `items` that counts how many times it was called. */
export function reader(items: readonly AnnotationItem[]): { read: () => AsyncIterable<AnnotationItem>; passes: () => number } {
  let passes = 0
  return {
    read: () => {
      passes++
      return (async function* () {
        for (const item of items) yield item
      })()
    },
    passes: () => passes,
  }
}

export async function* asyncItems(items: readonly AnnotationItem[]): AsyncIterable<AnnotationItem> {
  for (const item of items) yield item
}

// --- audit records and sheet rows --------------------------------------------------------------

export interface HandUnit {
  item_id: string
  annotator: string | null
  label: string
  preview: string
  stratum?: string | null
}

const RANKER = new Ranker('seed-1')

/** A schema-valid audit record over `units` (in sheet order), validated by auditRecordSchema. */
export function makeRecord(
  units: readonly HandUnit[],
  options: {
    id?: string
    kind?: AuditKind
    plan?: PlanRequest
    population?: number
    strata?: Record<string, { units: number; sampled: number }> | null
    rankOrder?: boolean
  } = {},
): AuditRecord {
  const population = options.population ?? units.length
  const record: AuditRecord = {
    tdgov_audit: AUDIT_RECORD_VERSION,
    id: options.id ?? 'audit-0001',
    kind: options.kind ?? 'annotation',
    tool: 'tdgov 0.1.0',
    drawn_on: null,
    inputs: [{ path: 'export.jsonl', format: 'jsonl', bytes: 1234, sha256: 'a'.repeat(64) }],
    adapter: { columns: { item: 'item', annotator: 'annotator', label: 'label' }, classes: null },
    source: null,
    rules: null,
    plan: resolvePlan(options.plan ?? { method: 'fixed-size', size: units.length }, population),
    seed: 'seed-1',
    rank_method: RANK_METHOD,
    stratify: options.strata ? 'label' : null,
    population: {
      units: population,
      fingerprint: 'f'.repeat(64),
      fingerprint_method: FINGERPRINT_METHOD,
      strata: options.strata ?? null,
      labels: {},
      annotators: {},
      tallies_capped: false,
    },
    repeats: { policy: 'first', units: 0, copies: 0, differing: 0, examples: [] },
    sheet: { path: 'audit-0001.csv', format: 'csv' },
    // Ranked under the seed; with `rankOrder`, also in rank order as tdgov writes them, so the
    // record is consistent with itself (no AUDIT_RECORD_INCONSISTENT) whatever order the units are given in.
    sample: units
      .map((unit) => ({
        item_id: unit.item_id,
        annotator: unit.annotator,
        label: unit.label,
        preview_sha256: previewHash(unit.preview),
        rank: rankHex(RANKER.rank(unitKey(unit.item_id, unit.annotator))),
        stratum: unit.stratum ?? null,
      }))
      .sort((a, b) => (options.rankOrder === true ? (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0) : 0)),
    findings: [],
    result: null,
  }
  return auditRecordSchema.parse(record)
}

/** The sheet rows tdgov would write for `units` (row 1 is the header), reviewer columns blank. */
export function rowsFor(auditId: string, units: readonly HandUnit[]): ReadRow[] {
  return units.map((unit, i) => ({
    row: i + 2,
    cells: {
      audit_id: auditId,
      item_id: unit.item_id,
      annotator: unit.annotator ?? '',
      label: unit.label,
      preview: unit.preview,
      verdict: '',
      corrected_label: '',
      error_type: '',
      reviewer: '',
      note: '',
    },
  }))
}

/** A reviewed row: the given cells over a blank row numbered `row`. */
export function reviewedRow(row: number, cells: Partial<SheetRow>): ReadRow {
  return {
    row,
    cells: {
      audit_id: 'audit-0001',
      item_id: `item-${row}`,
      annotator: 'ann-a',
      label: 'cat',
      preview: '',
      verdict: 'correct',
      corrected_label: '',
      error_type: '',
      reviewer: 'rev-1',
      note: '',
      ...cells,
    },
  }
}

// --- reference SipHash-2-4 (BigInt, straight from the paper) ----------------------------------

const MASK64 = (1n << 64n) - 1n

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64
}

function le64(bytes: Uint8Array, at: number): bigint {
  let v = 0n
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!)
  return v
}

export function sipHashReference(key: Uint8Array, message: Uint8Array): bigint {
  const k0 = le64(key, 0)
  const k1 = le64(key, 8)
  let v0 = k0 ^ 0x736f6d6570736575n
  let v1 = k1 ^ 0x646f72616e646f6dn
  let v2 = k0 ^ 0x6c7967656e657261n
  let v3 = k1 ^ 0x7465646279746573n
  const round = (): void => {
    v0 = (v0 + v1) & MASK64
    v1 = rotl(v1, 13n) ^ v0
    v0 = rotl(v0, 32n)
    v2 = (v2 + v3) & MASK64
    v3 = rotl(v3, 16n) ^ v2
    v0 = (v0 + v3) & MASK64
    v3 = rotl(v3, 21n) ^ v0
    v2 = (v2 + v1) & MASK64
    v1 = rotl(v1, 17n) ^ v2
    v2 = rotl(v2, 32n)
  }
  const whole = message.length - (message.length % 8)
  for (let i = 0; i < whole; i += 8) {
    const m = le64(message, i)
    v3 ^= m
    round()
    round()
    v0 ^= m
  }
  let last = BigInt(message.length & 0xff) << 56n
  for (let j = whole; j < message.length; j++) last |= BigInt(message[j]!) << BigInt(8 * (j - whole))
  v3 ^= last
  round()
  round()
  v0 ^= last
  v2 ^= 0xffn
  for (let r = 0; r < 4; r++) round()
  return (v0 ^ v1 ^ v2 ^ v3) & MASK64
}

export function hex64(value: bigint): string {
  return value.toString(16).padStart(16, '0')
}

/** The rank a unit gets, computed as RANK_METHOD describes, without the engine's Ranker. */
export function referenceRank(seed: string, itemId: string, annotator: string | null): bigint {
  const key = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16)
  return sipHashReference(new Uint8Array(key), new TextEncoder().encode(`${itemId}\u001f${annotator ?? ''}`))
}
