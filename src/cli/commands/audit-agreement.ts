import { z } from 'zod'
import { measureAgreement, type AgreementResult } from '../../audit/agreement/measure-agreement.js'
import { listAnnotationFiles, readAnnotationFiles } from '../../formats/annotations/read-annotations.js'
import { repeatsFinding } from '../../check/rules/audit-units-repeated.js'
import { makeFinding } from '../../findings/finding.js'
import { createOutput, describeFindings, type Palette } from '../output.js'
import { parseOptions } from '../parse-options.js'
import { adapterFlagsSchema, adapterOptionsFrom, pct } from '../audit-options.js'

const optionsSchema = z.object({
  inputs: z.array(z.string()).min(1, 'expected annotation exports (files or directories)'),
  ...adapterFlagsSchema,
  weights: z.enum(['none', 'linear', 'quadratic'], { message: 'expected none, linear or quadratic' }).default('none'),
  order: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .refine((v) => v.length >= 2 && new Set(v).size === v.length, 'expected two or more distinct categories, comma-separated, such as low,mid,high')
    .optional(),
  json: z.boolean().default(false),
})

/** `tdgov audit agreement`: inter-annotator agreement over items labelled more than once. */
export async function auditAgreementCommand(raw: Record<string, unknown>): Promise<number> {
  const options = parseOptions(optionsSchema, raw)
  const files = await listAnnotationFiles(options.inputs)
  const adapter = adapterOptionsFrom(options)
  const result = await measureAgreement(() => readAnnotationFiles(files, options.format, adapter), {
    weights: options.weights,
    order: options.order ?? null,
    repeats: options.repeats,
  })
  const output = createOutput(options.json)
  if (options.json) output.out(JSON.stringify(result, null, 2) + '\n')
  else output.out(describeAgreement(result, output.color))
  return 0
}

function describeAgreement(r: AgreementResult, c: Palette): string {
  const f = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3))
  const a = r.krippendorff_alpha
  const lines = [
    `agreement over ${r.items} of ${r.items_total} items labelled by two or more of ${r.annotators} annotators`,
    `  percent agreement (agreeing pairs per item, averaged) ${pct(r.percent_agreement)}`,
    `  Cohen's kappa${r.weights === 'none' ? '' : ` (${r.weights} weights)`} ${f(r.cohen_kappa)}`,
    `  Fleiss' kappa ${f(r.fleiss_kappa)}`,
    `  Krippendorff's alpha: nominal ${f(a.nominal)}, ordinal ${f(a.ordinal)}, interval ${f(a.interval)}, ratio ${f(a.ratio)}`,
  ]
  if (r.label_sets) {
    const sets = r.label_sets
    lines.push(`label sets (${sets.annotations_with_several_labels} annotation${sets.annotations_with_several_labels === 1 ? '' : 's'} with several labels; order and repeats ignored):`)
    lines.push(`  Krippendorff's alpha: MASI ${f(sets.masi_alpha)}, Jaccard ${f(sets.jaccard_alpha)}`)
    for (const l of sets.per_label) {
      const kappa = l.kappa_method === null ? '' : `${l.kappa_method === 'cohen' ? "Cohen's" : "Fleiss'"} kappa ${f(l.kappa)}, `
      lines.push(`  ${l.label}: ${l.annotations} annotations, ${kappa}alpha ${f(l.alpha)}`)
    }
  }
  if (r.pairs.length > 0) {
    lines.push('pairs:')
    for (const p of r.pairs) lines.push(`  ${p.a} × ${p.b}: ${p.items} items, ${pct(p.percent_agreement)} agree, kappa ${f(p.cohen_kappa)}`)
  }
  for (const note of r.notes) lines.push(`note: ${note}`)
  // The words audit sample's finding uses, so one export reads the same in both commands.
  if (r.repeats.units > 0) {
    lines.push(...describeFindings([makeFinding(repeatsFinding(r.repeats, { kind: 'dataset' }))], c, 'en'))
  }
  return lines.join('\n') + '\n'
}
