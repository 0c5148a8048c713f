// The release gate's public face: the rules every command runs, the runner, and the records they read.
export { SCAN_RULES, AUDIT_RULES, GATE_RULES, ALL_RULES, RULE_DOCS, ruleDoc, findRuleDoc } from './rules/index.js'
export { runRules } from './run-rules.js'
export { configRecords } from './config-records.js'
export type { RuleRecords, ManifestHeader, ManifestFileView, TreeChanges } from './rule-records.js'
export type { Rule, RuleDoc } from './rule.js'
export { findingFingerprint } from './fingerprint.js'
