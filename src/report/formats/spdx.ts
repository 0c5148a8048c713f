import { createHash } from 'node:crypto'
import { SENSITIVE_PII, type PiiType } from '../../provenance/pii/index.js'
import type { FileEntry } from '../../records/manifest-schema.js'
import { isData } from '../../records/not-data.js'
import type { Report } from '../../records/report-schema.js'
import { formatCount } from '../../util/format-count.js'
import { compareStrings } from '../../util/order.js'
import type { ReportBuild } from '../build-report.js'
import type { JsonNode } from './json-node.js'
import { mediaTypeOf } from './media-types.js'
import { auditText, collectionText, datasetName, personalInformationText } from './metadata-text.js'
import { combined, expressionOf, folderOf, NO_ASSERTION_LICENSE } from './spdx-licences.js'

const CREATION_INFO = '_:creationinfo'

/** tdgov's modalities as SPDX DatasetType values; annotation exports hold labels, which are categorical. */
const DATASET_TYPES: Record<string, string> = { text: 'text', tabular: 'structured', image: 'image', audio: 'audio', video: 'video', annotation: 'categorical', other: 'other' }

const pathHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16)

/**
 * An SPDX 3.0.1 document (JSON-LD) with the Dataset profile: the dataset as a DatasetPackage that
 * contains a software_File per data file, each verified by its sha256, and licence relationships
 * for the package and every file: declared = what its source declares in tdgov.yaml, concluded =
 * what tdgov found stated for its folder; NoAssertion where that is not known. spdxIds share a
 * base from the manifest fingerprint and end in fixed names or a hash of the path, so the same
 * records give the same ids and bytes.
 */
export function renderSpdx(build: ReportBuild): string {
  const { report, manifest } = build
  const base = `https://spdx.org/spdxdocs/tdgov-${manifest.fingerprint.slice(0, 16)}`
  const element = (type: string, id: string, props: JsonNode): JsonNode => ({ type, spdxId: id, creationInfo: CREATION_INFO, ...props })
  const ids = { agent: `${base}/agent/tdgov`, tool: `${base}/tool/tdgov`, provider: `${base}/agent/provider`, document: `${base}/document`, dataset: `${base}/dataset` }

  const data = manifest.files.filter((f) => isData(f.format)).sort((a, b) => compareStrings(a.path, b.path))
  const declaredOf = new Map(report.sources.map((s) => [s.id, s.licence.declared]))
  const declared = (f: FileEntry): string | null => (f.source ? (declaredOf.get(f.source) ?? null) : null)
  const concluded = (f: FileEntry): string | null => {
    const folder = folderOf(f, manifest.licences ?? [])
    return folder ? expressionOf(folder.ids) : null
  }

  const licences = new Map<string, JsonNode>()
  const licenceRef = (expression: string | null): string => {
    if (expression === null) return NO_ASSERTION_LICENSE
    const id = `${base}/license/${pathHash(expression)}`
    licences.set(id, element('simplelicensing_LicenseExpression', id, { simplelicensing_licenseExpression: expression }))
    return id
  }
  const relationship = (from: string, suffix: string, type: string, to: readonly string[]): JsonNode =>
    element('Relationship', `${base}/relationship/${suffix}/${type}`, { from, relationshipType: type, to: [...to] })

  const files: JsonNode[] = []
  const relationships: JsonNode[] = [
    relationship(ids.dataset, 'dataset', 'hasDeclaredLicense', [licenceRef(combined(data.map(declared)))]),
    relationship(ids.dataset, 'dataset', 'hasConcludedLicense', [licenceRef(combined(data.map(concluded)))]),
  ]
  for (const f of data) {
    const suffix = `file-${pathHash(f.path)}`
    const id = `${base}/file/${pathHash(f.path)}`
    files.push(
      element('software_File', id, {
        name: f.path,
        contentType: mediaTypeOf(f),
        software_fileKind: 'file',
        software_primaryPurpose: 'data',
        verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: f.sha256 }],
      }),
    )
    relationships.push(relationship(id, suffix, 'hasDeclaredLicense', [licenceRef(declared(f))]), relationship(id, suffix, 'hasConcludedLicense', [licenceRef(concluded(f))]))
  }
  if (files.length > 0) relationships.unshift(relationship(ids.dataset, 'dataset', 'contains', files.map((f) => String(f.spdxId))))

  const provider = report.provider ? element('Organization', ids.provider, { name: report.provider.name }) : null
  const agents = [element('SoftwareAgent', ids.agent, { name: `tdgov ${report.tool.version}` }), element('Tool', ids.tool, { name: `tdgov ${report.tool.version}` }), ...(provider ? [provider] : [])]
  const dataset = element('dataset_DatasetPackage', ids.dataset, {
    name: datasetName(report),
    ...(report.dataset.description !== null && { description: report.dataset.description }),
    ...(report.dataset.version !== null && { software_packageVersion: report.dataset.version }),
    software_primaryPurpose: 'data',
    ...(provider && { originatedBy: [ids.provider], suppliedBy: ids.provider }),
    dataset_datasetType: datasetTypes(data),
    dataset_datasetSize: report.scale.storageBytes.value,
    ...(report.dataset.intendedUse !== null && { dataset_intendedUse: report.dataset.intendedUse }),
    dataset_dataCollectionProcess: collectionText(report),
    dataset_hasSensitivePersonalInformation: sensitivePresence(report),
    comment: commentOf(report),
  })
  const licenceNodes = [...licences.values()].sort((a, b) => compareStrings(String(a.spdxId), String(b.spdxId)))
  const usesNoAssertion = relationships.some((r) => (r.to as string[]).includes(NO_ASSERTION_LICENSE))
  const members = [...agents, dataset, ...files, ...licenceNodes, ...relationships]
  const document = element('SpdxDocument', ids.document, {
    name: `${datasetName(report)}: tdgov report ${report.date}`,
    profileConformance: ['core', 'dataset', ...(usesNoAssertion ? ['expandedLicensing'] : []), 'simpleLicensing', 'software'],
    rootElement: [ids.dataset],
    element: members.map((m) => String(m.spdxId)).sort(compareStrings),
  })
  const creationInfo: JsonNode = {
    type: 'CreationInfo',
    '@id': CREATION_INFO,
    specVersion: '3.0.1',
    // The report's date, not the clock, so that the bytes repeat.
    created: `${report.date}T00:00:00Z`,
    createdBy: [ids.agent],
    createdUsing: [ids.tool],
  }
  const doc = { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [creationInfo, document, ...members] }
  return JSON.stringify(doc, null, 2) + '\n'
}

function datasetTypes(data: readonly FileEntry[]): string[] {
  const types = [...new Set(data.map((f) => DATASET_TYPES[f.modality] ?? 'other'))].sort(compareStrings)
  return types.length > 0 ? types : ['noAssertion']
}

/**
 * yes when a type tdgov counts as sensitive was found; no only when every record was searched
 * and none was; otherwise (a sample, or no search) nothing can be asserted.
 */
function sensitivePresence(report: Report): 'yes' | 'no' | 'noAssertion' {
  const pi = report.personalInformation
  if (Object.entries(pi.found).some(([type, n]) => n > 0 && SENSITIVE_PII.has(type as PiiType))) return 'yes'
  return pi.mode === 'full' ? 'no' : 'noAssertion'
}

/** What the Dataset profile has no field for: record and token counts, audits, personal information found. */
function commentOf(report: Report): string {
  const s = report.scale
  const t = s.tokens
  const tokens = t
    ? t.figure.kind === 'measured'
      ? `, ${formatCount(t.figure.value)} tokens (${t.tokenizer})`
      : `, about ${formatCount(t.figure.value)} tokens (${t.tokenizer}; an estimate, ${Math.round(t.figure.confidence * 100)}% interval ${formatCount(t.figure.low)}–${formatCount(t.figure.high)}, method ${t.figure.method})`
    : ''
  const parts = [
    `Made by tdgov ${report.tool.version} on ${report.date} from manifest ${report.evidence.manifest.fingerprint}: ${formatCount(s.files.value)} data files, ${formatCount(s.records.value)} records${tokens}.`,
    ...report.annotation.audits.map(auditText),
    `Personal information: ${personalInformationText(report)}`,
  ]
  return parts.join(' ')
}
