import { stringify } from 'yaml'
import type { Report } from '../../records/report-schema.js'
import { formatBytes } from '../../util/format-bytes.js'
import { formatCount } from '../../util/format-count.js'
import { hfLicenceId } from './hf-licences.js'
import { mdText } from './markdown-escape.js'
import { percent } from './percent.js'

/** size_categories by number of examples (records); upper bounds exclusive, as the Hub's generators do. */
const SIZE_CATEGORIES = [
  [1e3, 'n<1K'],
  [1e4, '1K<n<10K'],
  [1e5, '10K<n<100K'],
  [1e6, '100K<n<1M'],
  [1e7, '1M<n<10M'],
  [1e8, '10M<n<100M'],
  [1e9, '100M<n<1B'],
  [1e10, '1B<n<10B'],
  [1e11, '10B<n<100B'],
  [1e12, '100B<n<1T'],
  [Infinity, 'n>1T'],
] as const

/** tdgov's language classes as card language codes (ISO 639-1, or the Hub's special `code`). */
const LANGUAGE_CODES: Record<string, string> = { zh: 'zh', en: 'en', code: 'code' }
const MODALITY_TAGS: Record<string, string> = { text: 'text', tabular: 'tabular', image: 'image', audio: 'audio', video: 'video' }

export function sizeCategory(records: number): string {
  return SIZE_CATEGORIES.find(([limit]) => records < limit)![1]
}

/**
 * A Hugging Face dataset card (README.md): YAML front matter with the keys the Hub reads (licence
 * ids mapped from SPDX, `other` with `license_name` otherwise; size category; languages; modality
 * tags), and the card template's sections filled from the model.
 */
export function renderHfCard(report: Report): string {
  const declared = [...new Set(report.sources.map((s) => s.licence.declared).filter((l): l is string => l !== null))].sort()
  const mapped = declared.map((l) => hfLicenceId(l))
  const unmapped = declared.filter((_, i) => mapped[i] === null)
  const licences = [...new Set(mapped.map((id) => id ?? 'other'))]
  const languages = Object.keys(report.languages).flatMap((l) => (LANGUAGE_CODES[l] ? [LANGUAGE_CODES[l]!] : []))
  const tags = [...new Set(report.types.flatMap((t) => (MODALITY_TAGS[t.modality] ? [MODALITY_TAGS[t.modality]!] : [])))].sort()
  const front: Record<string, unknown> = {
    ...(report.dataset.name !== null && { pretty_name: report.dataset.name }),
    ...(licences.length > 0 && { license: licences.length === 1 ? licences[0] : licences }),
    // The Hub allows one license_name; several unmapped licences are named together.
    ...(unmapped.length > 0 && { license_name: unmapped.join(' AND ').toLowerCase().replace(/[^a-z0-9.-]+/g, '-') }),
    ...(languages.length > 0 && { language: languages }),
    ...(report.dataset.taskCategories.length > 0 && { task_categories: report.dataset.taskCategories }),
    ...(languages.filter((l) => l !== 'code').length > 1 && { multilinguality: ['multilingual'] }),
    size_categories: [sizeCategory(report.scale.records.value)],
    ...(tags.length > 0 && { tags }),
  }
  const out: string[] = ['---', stringify(front, { lineWidth: 0 }).trimEnd(), '---', '']
  const name = mdText(report.dataset.name ?? 'this dataset')
  out.push(`# Dataset Card for ${name}`, '')
  if (report.dataset.description) out.push(mdText(report.dataset.description), '')
  out.push('## Dataset Details', '')
  out.push(`- **Curated by:** ${report.provider ? mdText(report.provider.name) : 'not declared'}`)
  out.push(`- **Language(s):** ${languages.join(', ') || 'none measured'}`)
  out.push(`- **License:** ${declared.length > 0 ? mdText(declared.join(', ')) : 'not declared'}`)
  out.push(`- **Size:** ${formatBytes(report.scale.storageBytes.value)}, ${formatCount(report.scale.files.value)} files, ${formatCount(report.scale.records.value)} records`, '')
  out.push('## Uses', '', `Intended use: ${report.dataset.intendedUse ? mdText(report.dataset.intendedUse) : 'not declared'}.`, '')
  out.push('## Dataset Structure', '', '| Modality | Format | Language | Files | Bytes |', '| --- | --- | --- | --- | --- |')
  for (const t of report.types) out.push(`| ${mdText(t.modality)} | ${mdText(t.format)} | ${mdText(t.language ?? '—')} | ${formatCount(t.files)} | ${t.bytes.kind === 'estimated' ? `≈ ${formatBytes(t.bytes.value)} (estimate, ${Math.round(t.bytes.confidence * 100)}% interval ${formatBytes(t.bytes.low)}–${formatBytes(t.bytes.high)})` : formatBytes(t.bytes.value)} |`)
  out.push('', '## Dataset Creation', '', '### Source Data', '')
  for (const s of report.sources) {
    out.push(`- **${mdText(s.name)}** (${mdText(s.kind)}${s.origin.url ? `, ${mdText(s.origin.url)}` : ''}): ${percent(s.share.bytes)} of the bytes; licence ${mdText(s.licence.declared ?? s.licence.contract ?? 'not declared')}`)
  }
  out.push('', '### Annotations', '')
  const a = report.annotation
  if (report.labellingRules.length === 0 && a.audits.length === 0) out.push('No labelling rules are declared.')
  for (const r of report.labellingRules) out.push(`- Rules **${mdText(r.id)}** ${mdText(r.version)} (${mdText(r.kind)}): ${mdText(r.labels.join(', '))}`)
  if (a.annotators.total > 0) out.push(`- Annotators: ${a.annotators.total} (${a.annotators.internal} internal, ${a.annotators.outsourced} outsourced)`)
  for (const au of a.audits) {
    if (au.scored && au.scored.accuracy !== null) out.push(`- Audit ${mdText(au.id)}: accuracy ${percent(au.scored.accuracy)} on ${au.scored.reviewed} reviewed items, ${au.scored.decision}`)
  }
  out.push('', '### Personal and Sensitive Information', '')
  const found = Object.entries(report.personalInformation.found)
  out.push(found.length > 0 ? `Found in ${formatCount(report.personalInformation.recordsSearched)} records searched: ${found.map(([k, v]) => `${mdText(k)} ${v}`).join(', ')}.` : 'None found in the records searched.', '')
  out.push('## Bias, Risks, and Limitations', '')
  const d = report.quality.duplicates
  out.push(`- Duplicate records: ${d ? percent(d.value) : 'not measured'}${d?.kind === 'estimated' ? ` (estimate, ${percent(d.low)}–${percent(d.high)})` : ''}`)
  out.push(`- Gate findings: ${report.findings.counts.error} errors, ${report.findings.counts.warning} warnings`, '')
  out.push('## More Information', '', `Generated by tdgov ${report.tool.version} on ${report.date} from manifest ${report.evidence.manifest.fingerprint}.`, '')
  return out.join('\n')
}
