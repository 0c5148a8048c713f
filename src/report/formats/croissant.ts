import { isData } from '../../records/not-data.js'
import type { ReportBuild } from '../build-report.js'
import { CROISSANT_1_1, CROISSANT_CONTEXT, CROISSANT_RAI_1_0 } from './croissant-context.js'
import { distributionOf, FILE_SET_THRESHOLD, recordSetsOf } from './croissant-distribution.js'
import { raiProperties } from './croissant-rai.js'
import type { JsonNode } from './json-node.js'
import { datasetName, declaredLicences } from './metadata-text.js'

export interface CroissantOptions {
  /** more data files than this and the distribution is FileSets (tests pass a small one) */
  fileSetThreshold?: number
}

/** BCP 47 tags of tdgov's language classes; `code` and `other` are not languages. */
const LANGUAGE_TAGS: Record<string, string> = { zh: 'zh', en: 'en' }

/**
 * Croissant 1.1 metadata with the RAI 1.0 extension (JSON-LD): the dataset as tdgov.yaml declares
 * it, a FileObject per data file with its sha256 (FileSets past the threshold), a RecordSet per
 * file whose schema the manifest holds, and the RAI properties the records fill. `url` is left out:
 * the records declare none and mlcroissant does not require it for 1.0 and later. The same build
 * gives the same bytes: no date but the report's, and lists in a fixed order.
 */
export function renderCroissant(build: ReportBuild, options: CroissantOptions = {}): string {
  const { report, manifest } = build
  const data = manifest.files.filter((f) => isData(f.format))
  const units = distributionOf(data, manifest.files, options.fileSetThreshold ?? FILE_SET_THRESHOLD)
  const licences = declaredLicences(report).map(licenceUrl)
  const provider = report.provider ? { '@type': 'sc:Organization', name: report.provider.name } : null
  const languages = Object.keys(report.languages).flatMap((l) => (LANGUAGE_TAGS[l] ? [LANGUAGE_TAGS[l]!] : []))
  const keywords = [...new Set(report.types.map((t) => t.modality))].sort()
  const recordSets = recordSetsOf(units)
  const doc: JsonNode = {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    // Both: mlcroissant takes the first known Croissant version and ignores the rest.
    conformsTo: [CROISSANT_1_1, CROISSANT_RAI_1_0],
    name: datasetName(report),
    ...(report.dataset.description !== null && { description: report.dataset.description }),
    ...(licences.length > 0 && { license: licences.length === 1 ? licences[0]! : licences }),
    ...(provider && { creator: provider, publisher: provider }),
    datePublished: report.date,
    ...(report.dataset.version !== null && { version: report.dataset.version }),
    ...(keywords.length > 0 && { keywords }),
    ...(languages.length > 0 && { inLanguage: languages.length === 1 ? languages[0]! : languages }),
    distribution: units.map((u) => u.node),
    ...(recordSets.length > 0 && { recordSet: recordSets }),
    ...raiProperties(report),
  }
  return JSON.stringify(doc, null, 2) + '\n'
}

/** An SPDX licence id as its spdx.org URL, which Croissant recommends; an expression or LicenseRef as written. */
function licenceUrl(licence: string): string {
  return /^[A-Za-z0-9.+-]+$/.test(licence) && !licence.startsWith('LicenseRef-') ? `https://spdx.org/licenses/${licence}.html` : licence
}
