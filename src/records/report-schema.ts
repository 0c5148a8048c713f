import { z } from 'zod'
import { findingSchema } from '../findings/finding.js'

/**
 * The report model (`tdgov report --format json`): what Art. 19 of the Interim Measures and the
 * CAC filing form ask a provider to explain about its training data, built from the records (the
 * manifest, tdgov.yaml and the audit records) and nothing else. Every figure names where it comes
 * from; a figure that was estimated says so, with its interval and method, and a figure that was
 * not measured is null, never 0. The other report formats are projections of this model.
 */
export const REPORT_VERSION = 1

const count = z.number().int().nonnegative()
const share = z.number().min(0).max(1)
const from = z
  .string()
  .describe('where the figure comes from: manifest:<field>, config:<key>, audit:<id>, or derived:<the records it is computed from>')

/** A count read or summed from the records. */
const measured = z.object({ kind: z.literal('measured'), value: count, from }).strict()
/** A figure inferred from a sample: the point estimate with its interval. */
const estimated = z
  .object({
    kind: z.literal('estimated'),
    value: z.number().nonnegative(),
    low: z.number().nonnegative(),
    high: z.number().nonnegative(),
    confidence: share,
    method: z.string(),
    from,
  })
  .strict()
const figure = z.discriminatedUnion('kind', [measured, estimated])

/** Files, bytes and records of a part of the dataset: all three counted from the manifest. */
const tally = z.object({ files: count, bytes: count, records: count }).strict()

/** Bytes and records of one data type; estimated where a file's records are split by language. */
const typeFigures = z.object({ files: count, bytes: figure, records: figure }).strict()

export const DATA_TYPES = ['zhText', 'enText', 'code', 'image', 'audio', 'video', 'other'] as const
export const ACQUISITIONS = ['openSource', 'selfCollected', 'crawled', 'commercial', 'userInput', 'synthetic', 'other', 'undeclared'] as const

const byType = z.object(Object.fromEntries(DATA_TYPES.map((t) => [t, typeFigures])) as Record<(typeof DATA_TYPES)[number], typeof typeFigures>).strict()

const sourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string().describe('as declared in tdgov.yaml (sources[].kind)'),
    acquisition: z.enum(ACQUISITIONS).describe('the filing form’s category for the kind'),
    origin: z.object({ url: z.string().nullable(), dataset: z.string().nullable(), organisation: z.string().nullable() }).strict(),
    domestic: z.boolean().nullable().describe('null: not declared'),
    acquired: z.object({ from: z.string().nullable(), to: z.string().nullable() }).strict(),
    licence: z
      .object({
        declared: z.string().nullable(),
        contract: z.string().nullable(),
        detected: z.array(z.string()),
        use: z.string().describe('licence class: commercial, non-commercial, academic-only or unspecified'),
      })
      .strict(),
    personalInformation: z
      .object({
        basis: z.string().nullable().describe('declared legal basis; null: not declared'),
        found: z.record(z.string(), count).describe('values found in the records searched, by type'),
        recordsSearched: count,
      })
      .strict(),
    crawl: z
      .object({ robotsRespected: z.boolean().nullable(), optOutRespected: z.boolean().nullable() })
      .strict()
      .nullable()
      .describe('declared crawl facts; null when the source declares none'),
    synthetic: z.object({ generator: z.string(), version: z.string().nullable() }).strict().nullable(),
    files: count,
    bytes: count,
    records: count,
    share: z
      .object({ bytes: share, records: share })
      .strict()
      .describe('of the data files (documentation and tooling files left out); tokens are not measured per source'),
    from,
  })
  .strict()

/** Reviewed and correct rows of one class or one annotator, with the Wilson interval of their accuracy. */
const accuracyCell = z
  .object({ reviewed: count, correct: count, accuracy: share.nullable(), wilson: z.tuple([share, share]).nullable() })
  .strict()

const auditSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['annotation', 'content']),
    source: z.string().nullable(),
    rules: z.object({ id: z.string(), version: z.string() }).strict().nullable(),
    plan: z
      .object({
        method: z.string(),
        aql: z.number().nullable(),
        level: z.string().nullable(),
        margin: z.number().nullable(),
        confidence: z.number().nullable(),
        population: count,
        sampleSize: count,
        accept: count.nullable(),
        reject: count.nullable(),
      })
      .strict(),
    scored: z
      .object({
        on: z.string(),
        reviewed: count,
        defects: count,
        accuracy: share.nullable(),
        confidence: z.number(),
        wilson: z.tuple([share, share]).nullable(),
        clopperPearson: z.tuple([share, share]).nullable(),
        decision: z.enum(['accept', 'reject', 'incomplete']),
        verificationRatio: share.describe('reviewed units / population units'),
        perClass: z.record(z.string(), accuracyCell),
        perAnnotator: z.record(z.string(), accuracyCell),
        confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(count)) }).strict().describe('rows reviewer, columns annotator'),
      })
      .strict()
      .nullable()
      .describe('null: the sheet has not been scored'),
    labels: z
      .object({ counts: z.record(z.string(), count), capped: z.boolean().describe('the tallies stopped at their bound: counts are a lower bound') })
      .strict()
      .describe('the population’s labels as the sample was drawn (audit population.labels)'),
    stale: z.boolean().describe('an input it sampled no longer matches the manifest (changed or gone)'),
    from,
  })
  .strict()

export const reportSchema = z
  .object({
    report: z.literal('tdgov/report'),
    version: z.literal(REPORT_VERSION),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('--date, else SOURCE_DATE_EPOCH, else the day it was made (UTC)'),
    tool: z.object({ name: z.literal('tdgov'), version: z.string() }).strict(),
    warnings: z
      .array(z.object({ code: z.enum(['CONFIG_CHANGED', 'AUDIT_STALE', 'NO_CONFIG']), args: z.record(z.string(), z.string()) }).strict())
      .describe('what makes the figures below less than current, shown at the top of every format'),
    dataset: z
      .object({
        name: z.string().nullable(),
        version: z.string().nullable(),
        description: z.string().nullable(),
        intendedUse: z.string().nullable(),
        taskCategories: z.array(z.string()).describe('declared (dataset.task_categories), as Hugging Face task ids'),
        from,
      })
      .strict(),
    provider: z.object({ name: z.string(), contact: z.string().nullable() }).strict().nullable(),
    baseModels: z.array(z.object({ name: z.string(), version: z.string().nullable(), licence: z.string().nullable(), filingNumber: z.string().nullable() }).strict()),
    sources: z.array(sourceSchema),
    scale: z
      .object({
        storageBytes: measured.describe('bytes of the data files'),
        files: measured,
        records: measured,
        tokens: z
          .object({ figure, tokenizer: z.string() })
          .strict()
          .nullable()
          .describe('null: the scan did not count tokens (--tokens off)'),
        images: measured,
        audioHours: z
          .object({ figure: measured.extend({ value: z.number().nonnegative() }), filesWithoutDuration: count })
          .strict()
          .nullable()
          .describe('null when the dataset has no audio'),
        videoHours: z
          .object({ figure: measured.extend({ value: z.number().nonnegative() }), filesWithoutDuration: count })
          .strict()
          .nullable()
          .describe('null when the dataset has no video'),
        byType,
        byAcquisition: z.object(Object.fromEntries(ACQUISITIONS.map((a) => [a, tally])) as Record<(typeof ACQUISITIONS)[number], typeof tally>).strict(),
        foreignOpenSource: z.object({ total: tally, byType }).strict().describe('open-source sources declared foreign (domestic: false)'),
        selfCollected: z.object({ total: tally, byType }).strict().describe('self-collected sources (the filing form asks their amount per type)'),
        commercial: z.object({ total: tally, byType }).strict().describe('commercial sources (the filing form asks their amount per type)'),
        excluded: tally.describe('documentation and tooling files: in the manifest, not training data'),
      })
      .strict(),
    types: z
      .array(z.object({ modality: z.string(), format: z.string(), language: z.string().nullable(), files: count, bytes: figure.describe('allocated by record share, an estimate, where a file is split by language'), records: figure }).strict())
      .describe('modality × format × language; a file’s records are split by the language shares of its analysed records'),
    labellingRules: z.array(
      z
        .object({
          id: z.string(),
          version: z.string(),
          kind: z.string(),
          labels: z.array(z.string()),
          document: z.string(),
          sha256: z.string().nullable().describe('null: the document cannot be read'),
        })
        .strict(),
    ),
    annotation: z
      .object({
        items: z
          .object({
            text: count,
            image: count,
            unclassified: count.describe('items neither text nor image: Label Studio tasks showing audio or video, or with no string data to tell'),
            byFormat: z.record(z.string(), count),
            from,
          })
          .strict(),
        annotators: z
          .object({
            total: count,
            internal: count,
            outsourced: count,
            reviewers: count,
            trained: count.describe('training date declared and assessment passed'),
            from,
          })
          .strict(),
        audits: z.array(auditSchema),
        humanVerificationRatio: z
          .object({ value: share, reviewed: count, population: count, from })
          .strict()
          .nullable()
          .describe('reviewed / population over the scored annotation audits that are not stale; null when there is none'),
      })
      .strict(),
    personalInformation: z
      .object({
        mode: z.enum(['off', 'sample', 'full']),
        recordsSearched: count,
        found: z.record(z.string(), count).describe('values found in the records searched (not extrapolated), by type'),
        examples: z.record(z.string(), z.array(z.string())).describe('masked'),
        from,
      })
      .strict(),
    licences: z
      .object({
        byUse: z.record(z.string(), tally.extend({ sources: z.array(z.string()) }).strict()).describe('declared sources by licence class'),
        folders: z.array(z.object({ folder: z.string(), ids: z.array(z.string()), use: z.string(), files: count }).strict()).describe('what the files state, folder by folder'),
      })
      .strict(),
    quality: z
      .object({
        duplicates: z
          .discriminatedUnion('kind', [measured.extend({ value: share }), estimated])
          .nullable()
          .describe('share of records with text that repeat an earlier one; measured when every record was compared'),
        emptyRecords: z.object({ empty: count, analysed: count }).strict(),
        diversity: z.array(z.object({ modality: z.string(), language: z.string().nullable(), sources: z.array(z.string()) }).strict()),
      })
      .strict(),
    clauses: z
      .array(
        z
          .object({
            clause: z.string().describe('Art. 7(1)–(5) and Art. 8 of the Interim Measures; TC260-003 §5.1–5.3 and §9.2'),
            status: z.enum(['met', 'not-met', 'not-applicable', 'not-assessed']),
            findings: z.record(z.string(), count).describe('counted findings of the clause’s codes, by code'),
            setAside: z.record(z.string(), count).describe('findings of its codes that policy set aside (suppressed, off, baseline)'),
            missing: z.array(z.string()).describe('items the clause needs that the records lack: labelling-rules, annotator-roster, scored-annotation-audit, safety-labelling-rules, declared-sources'),
            checks: z.array(z.string()).describe('the finding codes that bear on it'),
          })
          .strict(),
      )
      .describe('the clause matrix: not met when a finding of its codes is counted or an item is missing'),
    crawled: z
      .object({
        scope: z
          .enum(['crawled-sources', 'data-files'])
          .describe('the files counted: those of the sources declared crawled when tdgov.yaml declares one, else every data file'),
        files: count.describe('files with an analysed record with a URL field'),
        records: count.describe('records of those files'),
        analysed: count.describe('records analysed in those files: every figure below is measured when it equals records, else estimated from them'),
        recordsWithUrl: figure.describe('records with a URL field (a top-level url, link, source_url, source, href, uri, website, page_url or *_url field holding an http(s) URL)'),
        domains: z
          .array(
            z
              .object({
                domain: z.string().describe('registrable domain by the ICANN section of the public suffix list'),
                bytes: figure.describe('UTF-8 bytes of the records, as read (a Parquet or Arrow row as JSON)'),
                records: figure,
                top10pct: z.boolean().describe('among the top 10% of the domains by bytes (EU template §2.3)'),
              })
              .strict(),
          )
          .max(1000)
          .describe('most bytes first, ties by domain; at most 1,000'),
        distinctDomains: count.describe('domains listed plus domains folded (an upper bound when a domain was folded in several files)'),
        top10pctDomains: count.describe('ceil(10% of distinctDomains), at least 1: how many domains make up the top 10%; more than are listed when the list is cut'),
        noDomain: z.object({ records: figure, bytes: figure }).strict().describe('records whose URL has no registrable domain: it does not parse, is an IP address or localhost, or has no ICANN suffix'),
        otherBytes: figure.describe('bytes of the domains not listed (folded in the files or here)'),
        from,
      })
      .strict()
      .nullable()
      .describe('the top registrable domains of the records’ URL fields by bytes; null: not measured (no analysed record of the files counted has a URL field)'),
    model: z.object({ name: z.string(), placedOnMarket: z.string().nullable() }).strict().nullable().describe('declared in tdgov.yaml (model); null: not declared'),
    measures: z
      .object({ codeOfPracticeSignatory: z.boolean().nullable(), tdmOptOut: z.string().nullable(), illegalContent: z.string().nullable(), other: z.string().nullable() })
      .strict()
      .describe('declared in tdgov.yaml (measures); null: not declared'),
    languages: z.record(z.string(), count).describe('analysed records by language (manifest:content.languages)'),
    latestCollection: z.string().nullable().describe('the latest acquired.to (or from) of the declared sources, YYYY-MM-DD; null: none declared'),
    mechanism: z.string().nullable().describe('the algorithmic mechanism as declared in tdgov.yaml (mechanism); null: not declared'),
    findings: z
      .object({
        passed: z.boolean(),
        counts: z.object({ error: count, warning: count, info: count }).strict(),
        items: z.array(findingSchema.extend({ fingerprint: z.string().describe('the finding’s stable id (baselines, SARIF)') })),
        setAside: z.array(z.object({ code: z.string(), by: z.enum(['off', 'suppression', 'baseline']), reason: z.string() }).strict()),
      })
      .strict()
      .describe('the gate’s findings (tdgov check), after policy'),
    evidence: z
      .object({
        manifest: z.object({ file: z.string(), sha256: z.string(), fingerprint: z.string(), toolVersion: z.string() }).strict(),
        config: z.object({ file: z.string(), sha256: z.string() }).strict().nullable(),
        audits: z.array(z.object({ id: z.string(), file: z.string(), sha256: z.string() }).strict()),
      })
      .strict(),
  })
  .strict()

export type Report = z.output<typeof reportSchema>
export type ReportFigure = z.output<typeof figure>
export type ReportTally = z.output<typeof tally>
export type ReportSource = z.output<typeof sourceSchema>
export type ReportAudit = z.output<typeof auditSchema>
export type DataType = (typeof DATA_TYPES)[number]
export type Acquisition = (typeof ACQUISITIONS)[number]
