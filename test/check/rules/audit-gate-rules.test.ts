/**
 * The gate's audit rules over a manifest and audit records. `currentAudits`: an audit whose input
 * sha256 differs from the manifest's file is history, so it neither fails nor covers anything.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { accuracyBelowTarget } from '../../../src/check/rules/accuracy-below-target.js'
import { auditIncomplete } from '../../../src/check/rules/audit-incomplete.js'
import { auditMissing } from '../../../src/check/rules/audit-missing.js'
import { auditRejected } from '../../../src/check/rules/audit-rejected.js'
import { auditStale } from '../../../src/check/rules/audit-stale.js'
import { rulesDocumentChanged } from '../../../src/check/rules/rules-document-changed.js'
import { sourceSafetyFailed } from '../../../src/check/rules/source-safety-failed.js'
import { sourceSafetyMissing } from '../../../src/check/rules/source-safety-missing.js'
import { audit, auditAt, configAt, DATASET, file, fileAt, records, removeTempDirs, run, scored, sha, sha256Of, sourceSummary, yaml } from './records.js'

afterAll(removeTempDirs)

/** The manifest of these tests: the export as it is now, and the file an older audit sampled. */
const FILES = [file('ann/export.json', null, { format: 'json' }), file('ann/old.json', null, { format: 'json' })]
/** An input that was sampled before ann/old.json last changed. */
const OLD_INPUT = [{ path: 'ann/old.json', sha256: sha('ann/old.json before the relabel') }]

describe('RULES_DOCUMENT_CHANGED', () => {
  const config = yaml(DATASET, 'labelling_rules:', '  - { id: s, version: "2", kind: functional, labels: [a, b], document: rules/s.md }')
  const rulesAt = (text: string) => ({ id: 's', version: '1', kind: 'functional', document: 'rules/s.md', sha256: sha256Of(text) })

  it('fires when the document differs from the one the current audit recorded', () => {
    const audits = [audit({ id: 'a-1', rules: rulesAt('v1 rules\n'), result: scored() }), audit({ id: 'a-old', inputs: OLD_INPUT, rules: rulesAt('v0 rules\n') })]
    expect(run(rulesDocumentChanged, records({ config, tree: { 'rules/s.md': 'v2 rules\n' }, manifest: { files: FILES }, audits }))).toEqual([
      [
        'RULES_DOCUMENT_CHANGED',
        { rules: 's', document: 'rules/s.md', audit: 'a-1', recorded: sha256Of('v1 rules\n').slice(0, 12), current: sha256Of('v2 rules\n').slice(0, 12) },
        auditAt('a-1'),
      ],
    ])
  })

  it('does not fire for the same document, an audit that recorded none, or a document now missing', () => {
    const audits = [audit({ id: 'a-1', rules: rulesAt('v2 rules\n') }), audit({ id: 'a-2', rules: { ...rulesAt(''), sha256: null } })]
    expect(run(rulesDocumentChanged, records({ config, tree: { 'rules/s.md': 'v2 rules\n' }, manifest: { files: FILES }, audits }))).toEqual([])
    const missing = [audit({ id: 'a-1', rules: rulesAt('v1 rules\n') })]
    expect(run(rulesDocumentChanged, records({ config, manifest: { files: FILES }, audits: missing }))).toEqual([])
  })
})

describe('AUDIT_MISSING', () => {
  const config = yaml(DATASET, 'labelling_rules:', '  - { id: s, version: "1", kind: functional, labels: [a, b], document: rules.md, annotations: ["ann/**"] }')
  const files = ['ann/covered.json', 'ann/changed.json', 'ann/never.json', 'other/sampled.json', 'data/plain.jsonl'].map((p) => file(p, null))

  it('fires for exports (by glob or sampled) without a scored audit of their current sha256', () => {
    const audits = [
      audit({ id: 'a-1', inputs: [{ path: 'ann/covered.json' }], result: scored() }),
      audit({ id: 'a-2', inputs: [{ path: 'ann/changed.json', sha256: sha('ann/changed.json before the edit') }], result: scored() }),
      audit({ id: 'a-3', inputs: [{ path: 'other/sampled.json' }] }),
      // a content audit is not an annotation audit
      audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'ann/never.json' }], result: scored() }),
    ]
    expect(run(auditMissing, records({ config, manifest: { files }, audits }))).toEqual([
      ['AUDIT_MISSING', { audits: ['a-2'] }, fileAt('ann/changed.json')],
      ['AUDIT_MISSING', { audits: [] }, fileAt('ann/never.json')],
      ['AUDIT_MISSING', { audits: ['a-3'] }, fileAt('other/sampled.json')],
    ])
  })

  it('does not fire when every export has a scored audit of its current content', () => {
    const audits = [
      audit({ id: 'a-1', inputs: [{ path: 'ann/covered.json' }, { path: 'ann/changed.json' }, { path: 'ann/never.json' }], result: scored() }),
      audit({ id: 'a-2', inputs: [{ path: 'other/sampled.json' }], result: scored({ decision: 'reject' }) }),
    ]
    expect(run(auditMissing, records({ config, manifest: { files }, audits }))).toEqual([])
    expect(run(auditMissing, records({ config: yaml(DATASET), manifest: { files } }))).toEqual([])
  })
})

describe('AUDIT_REJECTED', () => {
  const config = yaml(DATASET)
  const reject = scored({ decision: 'reject', reviewed: 20, defects: 4, accuracy: 0.8 })

  it('fires for a current annotation audit that was rejected', () => {
    const audits = [
      audit({ id: 'a-1', result: reject }),
      audit({ id: 'a-old', inputs: OLD_INPUT, result: reject }),
      audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'web/1.jsonl' }], result: reject }),
      audit({ id: 'a-2', result: scored() }),
    ]
    expect(run(auditRejected, records({ config, manifest: { files: FILES }, audits }))).toEqual([
      ['AUDIT_REJECTED', { audit: 'a-1', kind: 'annotation', defects: 4, reviewed: 20, accuracy: 0.8 }, auditAt('a-1')],
    ])
  })

  it('does not fire for accepted audits, or a rejected audit of an earlier version', () => {
    const audits = [audit({ id: 'a-2', result: scored() }), audit({ id: 'a-old', inputs: OLD_INPUT, result: reject })]
    expect(run(auditRejected, records({ config, manifest: { files: FILES }, audits }))).toEqual([])
  })
})

describe('AUDIT_INCOMPLETE', () => {
  const config = yaml(DATASET)

  it('fires for a current audit not scored, and one scored with rows left without a verdict', () => {
    const audits = [
      audit({ id: 'a-1' }),
      audit({ id: 'a-2', result: scored({ decision: 'incomplete', reviewed: 8, unreviewed: 5 }) }),
      audit({ id: 'a-3', result: scored() }),
      audit({ id: 'a-old', inputs: OLD_INPUT }),
      audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'web/1.jsonl' }] }),
    ]
    expect(run(auditIncomplete, records({ config, manifest: { files: FILES }, audits }))).toEqual([
      ['AUDIT_INCOMPLETE', { audit: 'a-1' }, auditAt('a-1')],
      ['AUDIT_INCOMPLETE', { audit: 'a-2', reviewed: 8, unreviewed: 5, sampled: 13 }, auditAt('a-2')],
      ['AUDIT_INCOMPLETE', { audit: 'c-1' }, auditAt('c-1')],
    ])
  })

  it('does not fire when every current audit is decided', () => {
    const audits = [audit({ id: 'a-1', result: scored() }), audit({ id: 'a-2', result: scored({ decision: 'reject' }) }), audit({ id: 'a-old', inputs: OLD_INPUT })]
    expect(run(auditIncomplete, records({ config, manifest: { files: FILES }, audits }))).toEqual([])
  })
})

describe('AUDIT_STALE', () => {
  // Today is 2025-06-01: 2025-03-01 is 92 days ago, 2025-03-03 is 90, 2024-12-01 is 182.
  const config = yaml(DATASET, 'policy:', '  audit_max_age_days: 90')
  const audits = [
    audit({ id: 'a-1', result: scored({ scored_on: '2025-03-01' }) }),
    audit({ id: 'a-2', result: scored({ scored_on: '2025-03-03' }) }),
    audit({ id: 'a-3' }),
    audit({ id: 'a-old', inputs: OLD_INPUT, result: scored({ scored_on: '2024-01-01' }) }),
    audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'web/1.jsonl' }], result: scored({ scored_on: '2024-12-01' }) }),
  ]

  it('fires for current audits scored more than audit_max_age_days ago', () => {
    expect(run(auditStale, records({ config, manifest: { files: FILES }, audits }))).toEqual([
      ['AUDIT_STALE', { audit: 'a-1', scored: '2025-03-01', age: 92, max: 90 }, auditAt('a-1')],
      ['AUDIT_STALE', { audit: 'c-1', scored: '2024-12-01', age: 182, max: 90 }, auditAt('c-1')],
    ])
  })

  it('does not fire without the policy, or for an audit exactly at the limit', () => {
    expect(run(auditStale, records({ config: yaml(DATASET), manifest: { files: FILES }, audits }))).toEqual([])
    expect(run(auditStale, records({ config, manifest: { files: FILES }, audits: [audits[1]!, audits[2]!, audits[3]!] }))).toEqual([])
  })
})

describe('ACCURACY_BELOW_TARGET', () => {
  const config = yaml(DATASET, 'policy:', '  target_accuracy: 0.95')
  const audits = [
    audit({ id: 'a-1', result: scored({ accuracy: 0.9, reviewed: 20, defects: 2 }) }),
    audit({ id: 'a-2', result: scored({ accuracy: 0.95 }) }),
    audit({ id: 'a-3' }),
    audit({ id: 'a-old', inputs: OLD_INPUT, result: scored({ accuracy: 0.5 }) }),
    audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'web/1.jsonl' }], result: scored({ accuracy: 0.5 }) }),
  ]

  it('fires for a current annotation audit below the target, whatever its decision', () => {
    expect(run(accuracyBelowTarget, records({ config, manifest: { files: FILES }, audits }))).toEqual([['ACCURACY_BELOW_TARGET', { audit: 'a-1', accuracy: 0.9, target: 0.95 }, auditAt('a-1')]])
  })

  it('does not fire without the policy, or at the target', () => {
    expect(run(accuracyBelowTarget, records({ config: yaml(DATASET), manifest: { files: FILES }, audits }))).toEqual([])
    expect(run(accuracyBelowTarget, records({ config, manifest: { files: FILES }, audits: audits.slice(1) }))).toEqual([])
  })
})

describe('SOURCE_SAFETY_MISSING', () => {
  const config = yaml(
    DATASET,
    'sources:',
    '  - { id: a, name: a, kind: self-collected, paths: ["a/**"] }', // 3
    '  - { id: b, name: b, kind: self-collected, paths: ["b/**"] }', // 4
    '  - { id: c, name: c, kind: self-collected, paths: ["c/**"] }', // 5
    '  - { id: d, name: d, kind: self-collected, paths: ["d/**"] }', // 6
  )
  const manifest = {
    header: { sources: [sourceSummary('a', { files: 3 }), sourceSummary('b', { files: 2 }), sourceSummary('c', { files: 0 }), sourceSummary('d', { files: 1 })] },
    files: [file('a/1.jsonl', 'a'), file('b/1.jsonl', 'b'), file('d/1.jsonl', 'd')],
  }
  const content = (id: string, source: string, result = scored(), sha256?: string) => audit({ id, kind: 'content', source, inputs: [{ path: `${source}/1.jsonl`, ...(sha256 !== undefined && { sha256 }) }], result })

  it('fires for a source with files whose accepted audit is history, and one whose audit was rejected', () => {
    const audits = [content('c-a', 'a'), content('c-b', 'b', scored(), sha('b/1.jsonl before')), content('c-d', 'd', scored({ decision: 'reject' }))]
    expect(run(sourceSafetyMissing, records({ config, manifest, audits }))).toEqual([
      ['SOURCE_SAFETY_MISSING', { source: 'b' }, configAt('sources[1]', 4, 5)],
      ['SOURCE_SAFETY_MISSING', { source: 'd' }, configAt('sources[3]', 6, 5)],
    ])
  })

  it('does not fire when every source with files has a current accepted content audit', () => {
    const audits = [content('c-a', 'a'), content('c-b', 'b'), content('c-d', 'd')]
    expect(run(sourceSafetyMissing, records({ config, manifest, audits }))).toEqual([])
  })
})

describe('SOURCE_SAFETY_FAILED', () => {
  const config = yaml(DATASET)
  const files = [file('a/1.jsonl', 'a'), file('b/1.jsonl', 'b'), file('d/1.jsonl', 'd')]
  const thresholds = { target_accuracy: null, pass_rate_min: 0.96, harmful_rate_max: 0.05 }
  const content = (id: string, source: string, result: ReturnType<typeof scored>, sha256?: string) =>
    audit({ id, kind: 'content', source, inputs: [{ path: `${source}/1.jsonl`, ...(sha256 !== undefined && { sha256 }) }], result })

  it('fires for a current rejected content audit, with the harmful rate when that rejected the source', () => {
    const audits = [
      content('c-a', 'a', scored({ decision: 'reject', accuracy: 0.92, harmful_rate: 0.08, source_rejected: true, thresholds })),
      content('c-b', 'b', scored({ decision: 'reject', accuracy: 0.94, harmful_rate: 0.02, source_rejected: false, thresholds })),
      content('c-c', 'c', scored({ decision: 'accept', accuracy: 0.99, harmful_rate: 0.01, source_rejected: false, thresholds })),
      content('c-d', 'd', scored({ decision: 'reject', harmful_rate: 0.5, source_rejected: true, thresholds }), sha('d/1.jsonl before filtering')),
      audit({ id: 'a-1', inputs: [{ path: 'ann/export.json' }], result: scored({ decision: 'reject' }) }),
    ]
    expect(run(sourceSafetyFailed, records({ config, manifest: { files }, audits }))).toEqual([
      ['SOURCE_SAFETY_FAILED', { source: 'a', audit: 'c-a', harmful: 0.08, max: 0.05 }, auditAt('c-a')],
      ['SOURCE_SAFETY_FAILED', { source: 'b', audit: 'c-b' }, auditAt('c-b')],
    ])
  })

  it('does not fire for accepted content audits, or a rejected one of data since filtered', () => {
    const audits = [
      content('c-a', 'a', scored({ decision: 'accept', harmful_rate: 0.01, source_rejected: false, thresholds })),
      content('c-d', 'd', scored({ decision: 'reject', harmful_rate: 0.5, source_rejected: true, thresholds }), sha('d/1.jsonl before filtering')),
    ]
    expect(run(sourceSafetyFailed, records({ config, manifest: { files }, audits }))).toEqual([])
  })
})
