import type { Report } from '../../records/report-schema.js'
import { formatCount } from '../../util/format-count.js'
import { compareStrings } from '../../util/order.js'
import type { JsonNode } from './json-node.js'
import { auditText, collectionText, personalInformationText } from './metadata-text.js'
import { percent } from './percent.js'

/**
 * tdgov's source kinds in the RAI spec's recommended `dataCollectionType` values. The spec has no
 * value for synthetic or bought data, so those are "Others"; `rai:dataCollection` names each
 * source's kind as declared.
 */
const COLLECTION_TYPES: Record<string, string> = {
  crawled: 'Web Scraping',
  'user-input': 'User-generated content data',
  'open-source': 'Secondary Data analysis',
  'self-collected': 'Manual Human Curator',
}

/** Annotation export formats that are also the tool that made them; COCO, VOC, YOLO and CoNLL are formats only. */
const PLATFORMS: Record<string, string> = { 'label-studio': 'Label Studio', cvat: 'CVAT', doccano: 'doccano', prodigy: 'Prodigy' }

/**
 * The RAI 1.0 properties the records can fill, spelled as docs/croissant_rai.ttl spells them.
 * A property the records do not hold is absent: annotations per item and annotator demographics
 * are not measured, and limitations, biases and a maintenance plan are not declared in tdgov.yaml.
 */
export function raiProperties(report: Report): JsonNode {
  const out: JsonNode = {}
  out['rai:dataCollection'] = collectionText(report)
  const types = [...new Set(report.sources.map((s) => COLLECTION_TYPES[s.kind] ?? 'Others'))].sort(compareStrings)
  if (types.length > 0) out['rai:dataCollectionType'] = types
  const dates = report.sources.flatMap((s) => [s.acquired.from, s.acquired.to]).filter((d): d is string => d !== null).sort(compareStrings)
  // One ISO 8601 interval over every declared acquisition date, as the ttl's "2020/2022" example.
  if (dates.length > 0) out['rai:dataCollectionTimeframe'] = [`${dates[0]}/${dates.at(-1)}`]

  const protocol = protocolText(report)
  if (protocol !== null) out['rai:dataAnnotationProtocol'] = protocol
  const platforms = Object.keys(report.annotation.items.byFormat)
    .flatMap((f) => (PLATFORMS[f] ? [`${PLATFORMS[f]} (the annotation exports are in its format)`] : []))
    .sort(compareStrings)
  if (platforms.length > 0) out['rai:dataAnnotationPlatform'] = platforms
  const analysis = report.annotation.audits.map(auditText)
  const ratio = report.annotation.humanVerificationRatio
  if (ratio) analysis.push(`Human verification ratio: ${formatCount(ratio.reviewed)} of ${formatCount(ratio.population)} items reviewed (${percent(ratio.value)}), over the scored annotation audits that are current.`)
  if (analysis.length > 0) out['rai:dataAnnotationAnalysis'] = analysis

  out['rai:personalSensitiveInformation'] = [personalInformationText(report)]
  if (report.dataset.intendedUse !== null) out['rai:dataUseCases'] = [`Intended use: ${report.dataset.intendedUse}`]
  return out
}

/** The labelling rules with the sha256 of their document, and the declared annotator roster. */
function protocolText(report: Report): string | null {
  const rules = report.labellingRules.map(
    (r) => `Labelling rules ${r.id} ${r.version} (${r.kind}; labels ${r.labels.join(', ')}): document ${r.document}${r.sha256 ? `, sha256 ${r.sha256}` : ' (not readable)'}`,
  )
  const a = report.annotation.annotators
  const roster = a.total > 0 || a.reviewers > 0 ? [`Annotators declared: ${a.total} (${a.internal} internal, ${a.outsourced} outsourced; ${a.trained} trained and assessed), ${a.reviewers} reviewers`] : []
  const parts = [...rules, ...roster]
  return parts.length > 0 ? `${parts.join('. ')}.` : null
}
