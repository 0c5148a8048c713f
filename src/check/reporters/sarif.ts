import type { Severity } from '../../findings/codes.js'
import type { FindingLocation } from '../../findings/finding.js'
import { locationLine } from '../../findings/finding.js'
import type { Language } from '../../findings/messages.js'
import { renderMessage } from '../../findings/messages.js'
import type { GateResult, GatedFinding } from '../gate-result.js'
import type { RuleDoc } from '../rule.js'
import { workspacePath } from './place.js'
import type { Reporter } from './report-options.js'
import { pascalCase, ruleUrl } from './rule-text.js'
import { relativeUri } from './uri.js'

type SarifLevel = 'error' | 'warning' | 'note'

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' }

interface SarifMessage {
  text: string
  markdown?: string
}

interface SarifRule {
  id: string
  name: string
  shortDescription: SarifMessage
  fullDescription: SarifMessage
  help: SarifMessage
  helpUri: string
  defaultConfiguration: { level: SarifLevel }
  properties: { tags: string[] }
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' }
    region?: { startLine: number; startColumn?: number }
  }
}

interface SarifResult {
  ruleId: string
  ruleIndex?: number
  level: SarifLevel
  message: SarifMessage
  locations?: SarifLocation[]
  relatedLocations?: Array<SarifLocation & { id: number }>
  partialFingerprints: Record<string, string>
}

interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }
    results: SarifResult[]
  }>
}

function sarifRule(rule: RuleDoc, lang: Language, rulesDocUrl: string): SarifRule {
  const description = rule.description[lang]
  const fix = rule.fix[lang]
  return {
    id: rule.code,
    name: pascalCase(rule.code),
    shortDescription: { text: rule.title[lang] },
    fullDescription: { text: description },
    help: { text: `${description}\n\n${fix}`, markdown: `${description}\n\n**${lang === 'zh' ? '修复' : 'Fix'}:** ${fix}` },
    helpUri: ruleUrl(rulesDocUrl, rule.code),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [rule.clause] },
  }
}

function physical(result: GateResult, relPath: string, line?: number, column?: number): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(workspacePath(result, relPath)), uriBaseId: '%SRCROOT%' },
      ...(line !== undefined && { region: { startLine: line, ...(column !== undefined && { startColumn: column }) } }),
    },
  }
}

/** The finding's place; the dataset as a whole has none, which SARIF allows. */
function locations(result: GateResult, location: FindingLocation): Pick<SarifResult, 'locations' | 'relatedLocations'> {
  switch (location.kind) {
    case 'dataset':
      return {}
    case 'files': {
      const [first, ...rest] = location.paths
      return {
        locations: [physical(result, first!)],
        ...(rest.length > 0 && { relatedLocations: rest.map((relPath, index) => ({ id: index + 1, ...physical(result, relPath) })) }),
      }
    }
    case 'config':
      return { locations: [physical(result, location.path, location.line, location.line === undefined ? undefined : location.column)] }
    default:
      return { locations: [physical(result, location.path, locationLine(location))] }
  }
}

function sarifResult(result: GateResult, finding: GatedFinding, lang: Language): SarifResult {
  const ruleIndex = result.rules.findIndex((rule) => rule.code === finding.code)
  return {
    ruleId: finding.code,
    ...(ruleIndex >= 0 && { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: renderMessage(finding.code, finding.args, lang) },
    ...locations(result, finding.location),
    partialFingerprints: { 'tdgovFinding/v1': finding.fingerprint },
  }
}

/** SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers. */
export const sarifReporter: Reporter = (result, { lang, rulesDocUrl }) => {
  const log: SarifLog = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tdgov',
            version: result.toolVersion,
            informationUri: rulesDocUrl.split('#')[0]!,
            rules: result.rules.map((rule) => sarifRule(rule, lang, rulesDocUrl)),
          },
        },
        results: result.findings.map((finding) => sarifResult(result, finding, lang)),
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
