import type { FindingArgs, FindingCode, FindingLocation, Severity } from '../../../src/findings/finding.js'
import { renderMessage } from '../../../src/findings/messages.js'
import type { GatedFinding, GateResult } from '../../../src/check/gate-result.js'
import type { RuleDoc } from '../../../src/check/rule.js'

export const EVIL_PATH = 'data/evil\n::error::x%0A,<script>alert(1)</script>.jsonl'
export const EVIL_LABEL = 'spam\n%0A::error::pwned'
export const RULES_DOC_URL = 'https://example.org/tdgov/docs/rules.md'

export const identity = { bold: (s: string) => s, red: (s: string) => s, yellow: (s: string) => s, dim: (s: string) => s }

export function rule(code: FindingCode, severity: Severity, clause: string): RuleDoc {
  const words = code.toLowerCase().replaceAll('_', ' ')
  return {
    code,
    severity,
    stage: 'check',
    clause,
    title: { en: `Title of ${words}`, zh: `${words} 的标题` },
    description: { en: `Checks ${words}.`, zh: `检查 ${words}。` },
    fix: { en: `Fix ${words}.`, zh: `修复 ${words}。` },
  }
}

export function gated(code: FindingCode, severity: Severity, location: FindingLocation, args: FindingArgs = {}, fingerprint = `fp-${code}`): GatedFinding {
  return { code, severity, args, location, message: 'NOT FOR REPORTERS', fingerprint }
}

export const RULES: RuleDoc[] = [
  rule('JSONL_INVALID_LINE', 'error', 'manifest'),
  rule('UTF8_INVALID', 'error', 'manifest'),
  rule('LABEL_UNDECLARED', 'warning', 'TC260-003 §7.2'),
  rule('LICENCE_MISMATCH', 'warning', 'Art. 7'),
  rule('MANIFEST_STALE', 'error', 'manifest'),
  rule('DUPLICATE_RATE_HIGH', 'warning', 'TC260-003 §5.2'),
  rule('AUDIT_STALE', 'warning', 'Art. 8'),
  rule('SOURCE_MATCHES_NOTHING', 'warning', 'Art. 7'),
  rule('UNDECLARED_FILE', 'warning', 'Art. 7'),
]

/** A failing gate with one finding of every location kind, hostile names included. */
export function gateResult(overrides: Partial<GateResult> = {}): GateResult {
  const findings: GatedFinding[] = [
    gated('JSONL_INVALID_LINE', 'error', { kind: 'file', path: 'data/a.jsonl', line: 3 }, { reason: 'Unexpected token' }, 'fp-shared'),
    gated('JSONL_INVALID_LINE', 'error', { kind: 'file', path: 'data/a.jsonl', line: 9 }, { reason: 'Unexpected token' }, 'fp-shared'),
    gated('UTF8_INVALID', 'error', { kind: 'file', path: 'data/bin.txt', offset: 1234 }),
    gated('MANIFEST_STALE', 'error', { kind: 'files', paths: ['data/new.jsonl', 'data/old.jsonl'] }, { added: 1, removed: 1, changed: 0, examples: ['data/new.jsonl'] }),
    gated('LABEL_UNDECLARED', 'warning', { kind: 'file', path: EVIL_PATH, line: 7 }, { label: EVIL_LABEL, count: 2, rules: 'ner' }),
    gated('LICENCE_MISMATCH', 'warning', { kind: 'config', path: 'tdgov.yaml', yamlPath: 'sources[0].license', line: 12, column: 5 }, { source: 'web', declared: 'MIT', detected: 'GPL-3.0-only' }),
    gated('AUDIT_STALE', 'warning', { kind: 'audit', id: 'a-1', path: '.tdgov/audits/a-1.json', row: 4 }, { audit: 'a-1', scored: '2024-01-01', age: 400, max: 180 }),
    gated('DUPLICATE_RATE_HIGH', 'info', { kind: 'dataset' }, { rate: 0.125, records: 800, max: 0.05 }),
  ]
  return {
    findings,
    setAside: [
      { finding: gated('SOURCE_MATCHES_NOTHING', 'warning', { kind: 'config', path: 'tdgov.yaml' }, { source: 'old', paths: ['old/**'] }), by: 'off', reason: 'policy.severity' },
      { finding: gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: 'notes.txt' }), by: 'suppression', reason: 'notes are not data' },
      { finding: gated('UNDECLARED_FILE', 'warning', { kind: 'file', path: 'readme.txt' }), by: 'baseline', reason: 'in the baseline' },
    ],
    rules: RULES,
    counts: { error: 4, warning: 3, info: 1 },
    failOn: 'error',
    passed: false,
    manifest: '.tdgov/manifest.json',
    root: '.',
    toolVersion: '0.1.0',
    ...overrides,
  }
}

export const en = (finding: GatedFinding): string => renderMessage(finding.code, finding.args, 'en')
export const zh = (finding: GatedFinding): string => renderMessage(finding.code, finding.args, 'zh')
