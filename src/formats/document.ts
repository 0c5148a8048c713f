import { FindingCollector } from '../findings/finding.js'
import { identifyLicenceText, licencesFromCard, licencesFromCroissant, normaliseLicence } from '../provenance/licences/index.js'
import type { DocumentLicence } from '../provenance/index.js'
import { CARD_NAME, LICENCE_TEXT_NAME } from './detect.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from './types.js'

/** Licence texts and cards are short; anything longer is read no further than this. */
const MAX_DOCUMENT_BYTES = 1 << 20


/**
 * A dataset's documentation: LICENSE / COPYING / NOTICE texts are identified against the SPDX
 * licence texts, and a README.md with YAML front matter is read as a Hugging Face dataset card.
 */
class DocumentAnalyzer implements ContentAnalyzer {
  private readonly findings = new FindingCollector()
  private readonly parts: Buffer[] = []
  private bytes = 0

  constructor(private readonly name: string) {}

  push(chunk: Uint8Array): void {
    if (this.bytes >= MAX_DOCUMENT_BYTES) return
    const part = Buffer.from(chunk.subarray(0, MAX_DOCUMENT_BYTES - this.bytes))
    this.parts.push(part)
    this.bytes += part.length
  }

  finish(): ContentAnalysis {
    const text = Buffer.concat(this.parts).toString('utf8')
    const licence = LICENCE_TEXT_NAME.test(this.name) ? this.licenceText(text) : CARD_NAME.test(this.name) ? cardLicence(text) : undefined
    return { ...(licence && { licence }), findings: this.findings.result() }
  }

  private licenceText(text: string): DocumentLicence | undefined {
    const match = identifyLicenceText(text)
    if (!match) {
      // A NOTICE file is attributions, not a licence: only LICENSE and COPYING must be one.
      if (!/^notice/i.test(this.name)) this.findings.add({ code: 'LICENCE_TEXT_UNIDENTIFIED' })
      return undefined
    }
    return { from: 'licence-text', stated: [match.spdx], ids: [match.spdx], similarity: match.similarity }
  }
}

function cardLicence(text: string): DocumentLicence | undefined {
  const stated = licencesFromCard(text)
  if (!stated || stated.length === 0) return undefined
  return { from: 'dataset-card', stated, ids: stated.map((s) => normaliseLicence(s).id) }
}

/** Croissant metadata states its licence in `license`; called on parsed JSON-LD documents. */
export function croissantLicence(document: unknown): DocumentLicence | undefined {
  const stated = licencesFromCroissant(document)
  if (!stated || stated.length === 0) return undefined
  return { from: 'croissant', stated, ids: stated.map((s) => normaliseLicence(s).id) }
}

export function createDocumentAnalyzer(ctx: AnalyzerContext): ContentAnalyzer {
  return new DocumentAnalyzer(ctx.relPath.slice(ctx.relPath.lastIndexOf('/') + 1))
}
