import { z } from 'zod'
import { hubTaskIds } from './hub-tasks.js'
import { FINDING_CODES } from '../findings/codes.js'

/**
 * `tdgov.yaml`: the declared side of provenance. Keys are snake_case because they are typed by
 * people in YAML; `license` is spelled as SPDX, Hugging Face and Croissant spell it.
 */
export const CONFIG_VERSION = 1

export const SOURCE_KINDS = ['open-source', 'self-collected', 'crawled', 'commercial', 'user-input', 'synthetic', 'other'] as const
export const PI_BASES = ['none', 'consent', 'separate-consent', 'written-consent', 'other-legal-basis'] as const
export const INTENDED_USES = ['commercial', 'research', 'internal'] as const

export const RULE_KINDS = ['functional', 'safety'] as const
export const ANNOTATOR_ROLES = ['annotator', 'reviewer', 'both'] as const
export const AFFILIATIONS = ['internal', 'outsourced'] as const
export const ASSESSMENTS = ['passed', 'failed', 'pending'] as const

export type SourceKind = (typeof SOURCE_KINDS)[number]
export type PersonalInformationBasis = (typeof PI_BASES)[number]

const text = z.string().trim().min(1, 'expected a non-empty string')
/** YAML turns 2024-01-31 into a Date; a period is kept as the ISO date the user wrote. */
const isoDate = z
  .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')])
  .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
  // The pattern admits 2025-13-01 and 2025-02-30; a date must exist on the calendar.
  .refine((d) => isCalendarDate(d), 'expected a real calendar date as YYYY-MM-DD')
function isCalendarDate(iso: string): boolean {
  const time = Date.parse(`${iso}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === iso
}

const share = z.number().min(0, 'expected a share between 0 and 1').max(1, 'expected a share between 0 and 1')

const findingCode = z.enum(FINDING_CODES)
const LEVELS = ['error', 'warning', 'info', 'off'] as const
/** `off` silences a rule, so it must say why; the other levels may be given as a bare word. */
const severitySetting = z.union([
  z.enum(['error', 'warning', 'info'], { message: 'expected error, warning or info (off needs { level: off, reason: … })' }),
  z
    .object({ level: z.enum(LEVELS), reason: text.optional() })
    .strict()
    .refine((s) => s.level !== 'off' || s.reason !== undefined, { message: 'level off needs a reason: { level: off, reason: … }', path: ['reason'] }),
])

const baseModelSchema = z
  .object({
    name: text,
    version: z.coerce.string().optional(),
    license: text.optional().describe('SPDX expression, or the licence name'),
    filing_number: text.optional().describe('CAC generative-AI filing number of the base model'),
  })
  .strict()

const sourceSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected an id of lower-case letters, digits, ".", "_" or "-"')
      .describe('stable identifier used in the manifest, reports and audits'),
    name: text,
    kind: z.enum(SOURCE_KINDS),
    origin: z
      .object({
        url: z.url({ message: 'expected a URL' }).optional(),
        dataset: text.optional().describe('dataset name, when the origin is a published dataset'),
        organisation: text.optional(),
      })
      .strict()
      .optional(),
    domestic: z.boolean().optional().describe('true: collected in mainland China; false: foreign'),
    acquired: z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict().optional(),
    license: text.optional().describe('SPDX licence expression (LicenseRef-… for custom terms)'),
    contract: text.optional().describe('contract or agreement reference for commercial or licensed data'),
    personal_information: z.enum(PI_BASES).optional().describe('legal basis for personal information in this source'),
    crawl: z
      .object({
        crawler: text.optional(),
        robots_respected: z.boolean().optional(),
        opt_out_respected: z.boolean().optional(),
      })
      .strict()
      .optional(),
    synthetic: z
      .object({ generator: text, version: z.coerce.string().optional() })
      .strict()
      .optional()
      .describe('the model that generated synthetic data'),
    paths: z.array(text).min(1, 'expected at least one glob').describe('globs, relative to the dataset directory'),
    content_fields: z
      .array(text)
      .min(1, 'expected at least one field name')
      .optional()
      .describe('the record fields that hold the training text (`text`, or `messages[].content` in a list of objects); default: known names, else the longest strings'),
  })
  .strict()

const idSchema = (what: string) =>
  z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected an id of lower-case letters, digits, ".", "_" or "-"').describe(what)

/** TC260-003 asks for functional and safety labelling rules, each with its label set and document. */
const labellingRuleSchema = z
  .object({
    id: idSchema('referred to by audits (`tdgov audit sample --rules ID`)'),
    version: z.coerce.string().pipe(text),
    kind: z.enum(RULE_KINDS),
    labels: z.array(z.coerce.string()).min(1, 'expected at least one label').describe('the declared label set'),
    document: text.describe('the rules document, relative to tdgov.yaml; audits record its sha256'),
    annotations: z
      .array(text)
      .optional()
      .describe('globs of the annotation exports labelled under these rules; check asks for a scored audit of each'),
  })
  .strict()

/** The roster: who labels and reviews, and whether they were trained and assessed (Art. 8). */
const annotatorSchema = z
  .object({
    id: z.coerce.string().pipe(text).describe('as it appears in the exports (user id, e-mail or name)'),
    role: z.enum(ANNOTATOR_ROLES),
    affiliation: z.enum(AFFILIATIONS),
    trained_on: isoDate.optional().describe('date of the last labelling-rules training'),
    assessment: z.enum(ASSESSMENTS).optional().describe('result of the assessment after training'),
  })
  .strict()

const policySchema = z
  .object({
    pii_density_max: z.number().nonnegative().optional().describe('personal values per 10k records above which check fails'),
    duplicate_rate_max: share.optional(),
    min_sources_per_cell: z.number().int().positive().optional().describe('sources per modality × language (TC260-003: several)'),
    safety_pass_rate_min: share.optional().describe('data-item audits: pass rate (TC260-003: 0.96)'),
    harmful_rate_max: share.optional().describe('a source above this harmful share is rejected (TC260-003: 0.05)'),
    target_accuracy: share.optional().describe('annotation audits without an ISO plan (default 0.95)'),
    training_valid_days: z.number().int().positive().optional().describe('training older than this is lapsed (default 365)'),
    audit_max_age_days: z.number().int().positive().optional().describe('check: a scored audit older than this is stale'),
    licences: z
      .object({
        deny: z.array(text).optional().describe('SPDX ids no source may use'),
        allow: z.array(text).optional().describe('when set, the only SPDX ids a source may use'),
      })
      .strict()
      .optional(),
    severity: z
      .partialRecord(findingCode, severitySetting)
      .optional()
      .describe('severity per rule code: error, warning, info, or { level: off, reason: … }'),
    suppressions: z
      .array(
        z
          .object({
            rule: findingCode,
            paths: z.array(text).optional().describe('globs of the finding paths it covers (default: all)'),
            reason: text,
            until: isoDate.optional().describe('last day it applies; after it the findings count again'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()

export const configSchema = z
  .object({
    version: z.literal(CONFIG_VERSION).default(CONFIG_VERSION),
    dataset: z
      .object({
        name: text,
        version: z.coerce.string().optional(),
        description: text.optional(),
        intended_use: z.enum(INTENDED_USES),
        language: z
          .union([text, z.array(text).min(1, 'expected at least one language code')])
          .optional()
          .describe('the language(s) of the data as BCP 47 codes (zh, zh-CN, en); review sheets are written in the first that is Chinese or English'),
        task_categories: z
          .array(text)
          .optional()
          .superRefine((ids, ctx) => {
            const known = hubTaskIds()
            ids?.forEach((id, i) => {
              if (!known.includes(id)) ctx.addIssue({ code: 'custom', path: [i], message: `"${id}" is not a Hugging Face task id (expected one of ${known.join(', ')})` })
            })
          })
          .describe('what the data is for, as Hugging Face task ids (text-generation, question-answering, …): the card’s task_categories'),
      })
      .strict(),
    provider: z.object({ name: text, contact: text.optional() }).strict().optional(),
    base_models: z.array(baseModelSchema).default([]),
    sources: z.array(sourceSchema).default([]),
    labelling_rules: z.array(labellingRuleSchema).default([]),
    annotators: z.array(annotatorSchema).default([]),
    model: z
      .object({
        name: text.describe('the model trained on this dataset, with its version'),
        placed_on_market: isoDate.optional().describe('the date it was placed on the EU market'),
      })
      .strict()
      .optional()
      .describe('the model this data trains (EU training-content summary §1.2)'),
    measures: z
      .object({
        code_of_practice_signatory: z.boolean().optional().describe('signatory of the EU GPAI Code of Practice'),
        tdm_opt_out: text.optional().describe('how text-and-data-mining reservations (DSM Directive Art. 4(3)) were honoured, before and during collection'),
        illegal_content: text.optional().describe('how illegal content was removed (blacklists, keywords, classifiers), without trade secrets'),
        other: text.optional().describe('other information on data processing'),
      })
      .strict()
      .optional()
      .describe('data-processing measures, in the words the reports give (EU summary §3; TC260-003 §5.2)'),
    mechanism: text
      .optional()
      .describe('the algorithmic mechanism the training data serves (model, training method, how the data shapes its output), in the words the report gives regulators (Art. 19)'),
    excludes: z.array(text).default([]).describe('.gitignore-style patterns of files that are not part of the dataset'),
    policy: policySchema.prefault({}),
  })
  .strict()

export type Config = z.output<typeof configSchema>
export type SourceConfig = Config['sources'][number]
export type LabellingRuleConfig = Config['labelling_rules'][number]
export type AnnotatorConfig = Config['annotators'][number]
export type BaseModelConfig = Config['base_models'][number]
export type PolicyConfig = Config['policy']
export type SeveritySetting = NonNullable<NonNullable<PolicyConfig['severity']>[keyof NonNullable<PolicyConfig['severity']>]>
