import type { LicenceClass, LicenceUse } from './licence-class.js'

/*
 * Licence classes and spellings, as data.
 *
 * Where the classes come from:
 * - DPI: the Data Provenance Initiative's `constants/license_classes.json`
 *   (Data-Provenance-Collection@ce6662de, copied to corpus/provenance/constants/). Each entry there is
 *   [use, attribution, share-alike] with use "All" | "NC" | "Acad" | "Unspecified" and the flags
 *   "1" | "0" | "?". DPI's own code (src/helpers/filters.py, classify_license) reads "?" as 1, and so
 *   do we: an obligation nobody could rule out is kept.
 * - SPDX: licences on the SPDX list are classed from their terms: permissive → commercial +
 *   attribution; public-domain dedications → no attribution; copyleft (strong or weak: GPL family,
 *   MPL, EPL, CDDL, EUPL, OSL, ODbL, CC BY-SA, …) → share-alike; CC NC → non-commercial.
 *   Where this differs from DPI for the same licence, the SPDX reading wins and the test
 *   test/provenance/licences/dpi-conformance.test.ts lists the difference.
 * - HF: the Hugging Face Hub licence ids (hub-docs docs/hub/repositories-licenses.md) that have no
 *   SPDX id, classed from each licence's published terms (notes inline).
 *
 * Canonical ids: the SPDX id where there is one; otherwise the Hugging Face id; otherwise a
 * lower-case token made here (DPI names).
 */

const cls = (use: LicenceUse, attribution: boolean, shareAlike: boolean): LicenceClass => Object.freeze({ use, attribution, shareAlike })

/** Public-domain dedications and waivers: no conditions at all. */
const PUBLIC_DOMAIN = cls('commercial', false, false)
/** Permissive: any use, keep the notice. */
const PERMISSIVE = cls('commercial', true, false)
/** Copyleft (strong or weak) and CC BY-SA: any use, keep the notice, share changes on the same terms. */
const COPYLEFT = cls('commercial', true, true)
const NON_COMMERCIAL = cls('non-commercial', true, false)
const NON_COMMERCIAL_SA = cls('non-commercial', true, true)
/** Research-only licences pass their restrictions on to every recipient, hence share-alike. */
const ACADEMIC = cls('academic-only', true, true)
/** DPI [use, "?", "?"]: use known, obligations unknown, so both kept. */
const unknownTerms = (use: LicenceUse): LicenceClass => cls(use, true, true)

/**
 * SPDX ids classed one by one. Ids not listed here are classed by SPDX_FAMILIES, then (OSI-approved
 * ids only) as permissive, since the Open Source Definition forbids restricting fields of use.
 */
export const SPDX_CLASSES: ReadonlyArray<readonly [id: string, licenceClass: LicenceClass]> = [
  // public domain and waivers
  ['CC0-1.0', PUBLIC_DOMAIN],
  ['CC-PDDC', PUBLIC_DOMAIN],
  ['CC-PDM-1.0', PUBLIC_DOMAIN],
  ['PDDL-1.0', PUBLIC_DOMAIN],
  ['Unlicense', PUBLIC_DOMAIN],
  ['WTFPL', PUBLIC_DOMAIN],
  ['0BSD', PUBLIC_DOMAIN],
  ['MIT-0', PUBLIC_DOMAIN],
  ['DL-DE-ZERO-2.0', PUBLIC_DOMAIN],
  // Open Use of Data Agreement: use and share freely; no attribution clause.
  ['O-UDA-1.0', PUBLIC_DOMAIN],
  // data licences
  ['ODC-By-1.0', PERMISSIVE],
  ['ODbL-1.0', COPYLEFT],
  ['CDLA-Permissive-1.0', PERMISSIVE],
  ['CDLA-Permissive-2.0', PERMISSIVE],
  ['CDLA-Sharing-1.0', COPYLEFT],
  // DPI "C-UDA": All, 1, 1 (results may be shared, the data only under C-UDA).
  ['C-UDA-1.0', COPYLEFT],
  ['etalab-2.0', PERMISSIVE],
  ['OpenMDW-1.0', PERMISSIVE],
  // ShareAlike without Attribution.
  ['CC-SA-1.0', cls('commercial', false, true)],
  // LGPL for Linguistic Resources: LGPL-style copyleft for data.
  ['LGPLLR', COPYLEFT],
  // Permissive despite a name that sounds restrictive, or a short id that the families miss.
  ['MS-PL', PERMISSIVE],
  ['Zlib', PERMISSIVE],
  ['BSL-1.0', PERMISSIVE],
  ['ISC', PERMISSIVE],
  ['NCSA', PERMISSIVE],
  ['PostgreSQL', PERMISSIVE],
  ['CECILL-B', PERMISSIVE],
  ['CERN-OHL-P-2.0', PERMISSIVE],
  ['LiLiQ-P-1.1', PERMISSIVE],
  ['Elastic-2.0', PERMISSIVE],
  ['JSON', PERMISSIVE],
  ['Hippocratic-2.1', PERMISSIVE],
  ['Community-Spec-1.0', PERMISSIVE],
  // Copyleft ids that the families below miss.
  ['SSPL-1.0', COPYLEFT],
  ['MS-RL', COPYLEFT],
  ['CPL-1.0', COPYLEFT],
  ['IPL-1.0', COPYLEFT],
  ['CPAL-1.0', COPYLEFT],
  ['Sleepycat', COPYLEFT],
  ['Watcom-1.0', COPYLEFT],
  ['SPL-1.0', COPYLEFT],
  ['CUA-OPL-1.0', COPYLEFT],
  ['Motosoto', COPYLEFT],
  ['Nokia', COPYLEFT],
  ['NGPL', COPYLEFT],
  ['OCLC-2.0', COPYLEFT],
  ['CATOSL-1.1', COPYLEFT],
  ['SimPL-2.0', COPYLEFT],
  ['Frameworx-1.0', COPYLEFT],
  ['RSCPL', COPYLEFT],
  ['NASA-1.3', COPYLEFT],
  ['LPL-1.0', COPYLEFT],
  ['LPL-1.02', COPYLEFT],
  ['IPA', COPYLEFT],
  ['APL-1.0', COPYLEFT],
  ['UCL-1.0', COPYLEFT],
  ['NPOSL-3.0', COPYLEFT],
  ['RPSL-1.0', COPYLEFT],
  ['OSET-PL-2.1', COPYLEFT],
  ['CECILL-C', COPYLEFT],
  ['LiLiQ-Rplus-1.1', COPYLEFT],
  // wxWindows Library Licence: the LGPL with a binary exception.
  ['wxWindows', COPYLEFT],
  // non-commercial
  ['NCGL-UK-2.0', NON_COMMERCIAL],
  ['PolyForm-Noncommercial-1.0.0', NON_COMMERCIAL],
  // Commercial use only for small businesses: not a licence a trainer can rely on.
  ['PolyForm-Small-Business-1.0.0', NON_COMMERCIAL],
  // Production use needs a separate commercial licence until the change date.
  ['BUSL-1.1', NON_COMMERCIAL],
  ['Aladdin', NON_COMMERCIAL],
]

/** Families of SPDX ids, tried in order after SPDX_CLASSES. Applied to ids on the SPDX list only. */
export const SPDX_FAMILIES: ReadonlyArray<readonly [pattern: RegExp, licenceClass: LicenceClass]> = [
  // Creative Commons, every version and jurisdiction port; the most specific first.
  [/^CC-BY-NC-SA-/, NON_COMMERCIAL_SA],
  [/^CC-BY-NC-(ND-)?\d/, NON_COMMERCIAL],
  [/^CC-BY-SA-/, COPYLEFT],
  // No-derivatives forbids adaptations; it asks for no share-alike.
  [/^CC-BY-(ND-)?\d/, PERMISSIVE],
  // Government and public-domain notices.
  [/-PD(-|$)/, PUBLIC_DOMAIN],
  [/^(OGL-|NLOD-|DL-DE-BY-|OGDL-)/, PERMISSIVE],
  // GNU and other copyleft families.
  [/^(A|L)?GPL-\d/, COPYLEFT],
  [/^GFDL-/, COPYLEFT],
  [/^(MPL|EPL|EUPL|OSL|CDDL|APSL|RPL|QPL|NPL|ErlPL|SISSL|CECILL|CERN-OHL|LiLiQ-R|OFL|LAL|TAPR-OHL|copyleft-next)-/, COPYLEFT],
  [/^(SISSL|CAL-1\.0)/, COPYLEFT],
  // Permissive families.
  [/^(MIT|BSD-|Apache-|AFL-|Artistic-|ECL-|ZPL-|OLDAP-|PHP-|Python-|PSF-|HPND|Unicode-|W3C|X11|CNRI-|MulanPSL-|UPL-|BlueOak-|Libpng|libpng-|zlib-|curl|ICU|NTP|Intel|bzip2-|OpenSSL|SSLeay|Ruby|Vim|Info-ZIP|FTL|Beerware|LPPL-|EFL-|AAL|Fair|MirOS|Multics|Xnet|Entessa|Naumen|VSL-|OGTSL|Jam|WordNet|EUDatagrid)/, PERMISSIVE],
]

/**
 * Licences without an SPDX id: Hugging Face ids as written on the Hub, and tokens made here for DPI
 * names. `other` and `unknown` are deliberately absent: they name no terms, so they classify as
 * unknown.
 */
export const NAMED_CLASSES: ReadonlyArray<readonly [id: string, licenceClass: LicenceClass]> = [
  // HF licence families. A family without a version: the class every member shares, if any.
  ['bsd', PERMISSIVE],
  ['gpl', COPYLEFT],
  ['lgpl', COPYLEFT],
  ['gfdl', COPYLEFT],
  // Creative Commons family: members range from CC0 to BY-NC-ND, so the use cannot be told.
  ['cc', cls('unspecified', true, false)],
  // Responsible AI licences: commercial use allowed; the use restrictions must travel with every
  // copy and derivative, which DPI counts as share-alike ("BigScience OpenRAIL-M": All, 1, 1).
  ['openrail', COPYLEFT],
  ['openrail++', COPYLEFT],
  ['bigscience-openrail-m', COPYLEFT],
  ['creativeml-openrail-m', COPYLEFT],
  ['bigcode-openrail-m', COPYLEFT],
  ['bigscience-bloom-rail-1.0', COPYLEFT],
  // Model licences. Llama: commercial below 700 M monthly users; DPI "Llama 2" and
  // "Meta Llama3 Community License" are All, 1, 0. Later Llama versions keep the same terms.
  ['llama2', PERMISSIVE],
  ['llama3', PERMISSIVE],
  ['llama3.1', PERMISSIVE],
  ['llama3.2', PERMISSIVE],
  ['llama3.3', PERMISSIVE],
  ['llama4', PERMISSIVE],
  // Gemma Terms of Use: commercial; the prohibited-use policy must bind every recipient (RAIL-style).
  ['gemma', COPYLEFT],
  // Grok 2 Community Licence: commercial use only on conditions set by xAI, and the materials may
  // not be used to train or improve other AI models. For training data that is not a licence a
  // commercial trainer can rely on, so it is classed as non-commercial (conservative).
  ['grok2-community', cls('non-commercial', true, true)],
  // Open Model, Data & Weights Agreement 1.1 (1.0 is on the SPDX list): permissive, keep the notice.
  ['openmdw-1.1', PERMISSIVE],
  // Apple Sample Code License: permissive.
  ['apple-ascl', PERMISSIVE],
  // Research-only licences.
  ['apple-amlr', ACADEMIC],
  ['h-research', ACADEMIC],
  ['intel-research', ACADEMIC],
  ['deepfloyd-if-license', ACADEMIC],
  ['fair-noncommercial-research-license', ACADEMIC],
  // Unversioned Creative Commons names (DPI "CC BY", "CC BY SA", "CC BY-NC-ND", "CC BY-NC-SA").
  ['cc-by', PERMISSIVE],
  ['cc-by-sa', COPYLEFT],
  ['cc-by-nd', PERMISSIVE],
  ['cc-by-nc', NON_COMMERCIAL],
  ['cc-by-nc-nd', NON_COMMERCIAL],
  ['cc-by-nc-sa', NON_COMMERCIAL_SA],
  // DPI names (class as in license_classes.json, "?" read as 1).
  ['academic-research-only', ACADEMIC],
  ['ai2-impact-lr', COPYLEFT],
  ['all-uses-attribution', PERMISSIVE],
  ['anthropic-terms', unknownTerms('non-commercial')],
  ['cslu-agreement', NON_COMMERCIAL],
  ['google-translate-terms', unknownTerms('non-commercial')],
  ['ldc-user-agreement', NON_COMMERCIAL],
  ['lmsys-chat-1m', PUBLIC_DOMAIN],
  ['microsoft-data-licensing-agreement', ACADEMIC],
  ['non-commercial', cls('non-commercial', false, false)],
  ['oanc', PERMISSIVE],
  ['open-access', COPYLEFT],
  ['openai-terms', unknownTerms('non-commercial')],
  ['public-domain', PUBLIC_DOMAIN],
  ['request-form', unknownTerms('academic-only')],
  ['skywork-community', PERMISSIVE],
  ['unclear', unknownTerms('non-commercial')],
  ['various', unknownTerms('academic-only')],
]

/**
 * Spellings that the generic matching (SPDX ids and names, compared loosely) does not reach, each
 * mapped to its canonical id. Matching ignores case, punctuation, spacing and the words "the",
 * "licence"/"license", "version", "international", "unported" and "generic", so "CC BY-NC 4.0",
 * "cc-by-nc-4.0" and "Creative Commons Attribution Non Commercial 4.0 International" need no entry.
 */
export const SPELLINGS: ReadonlyArray<readonly [id: string, spellings: readonly string[]]> = [
  // Hugging Face ids whose SPDX id differs by more than case, and DPI names of SPDX licences.
  ['Apache-2.0', ['Apache License 2.0', 'Apache 2', 'ALv2', 'ASL 2.0']],
  ['MIT', ['MIT License', 'Expat', 'The MIT License (MIT)']],
  ['AFL-3.0', ['Academic Free License v3.0']],
  ['Artistic-2.0', ['Artistic License 2.0']],
  ['BSL-1.0', ['bsl-1.0', 'Boost Software License 1.0', 'Boost']],
  ['BSD-2-Clause', ['BSD 2-Clause License', 'Simplified BSD', 'FreeBSD License']],
  ['BSD-3-Clause', ['BSD 3-Clause License', 'New BSD', 'Modified BSD', 'Revised BSD']],
  ['C-UDA-1.0', ['c-uda', 'C-UDA', 'Computational Use of Data Agreement']],
  ['CC0-1.0', ['CC0', 'CC0 1.0', 'CC Zero', 'Creative Commons Zero']],
  ['CDLA-Permissive-1.0', ['CDLA Permissive 1.0']],
  ['CDLA-Permissive-2.0', ['CDLA Permissive 2.0']],
  ['CDLA-Sharing-1.0', ['CDLA Sharing 1.0']],
  ['ECL-2.0', ['Educational Community License v2.0']],
  ['EPL-1.0', ['EPL 1.0']],
  ['GPL-2.0-only', ['GNU General Public License v2.0', 'GNU GPL v2', 'GPLv2']],
  ['GPL-3.0-only', ['GNU General Public License v3.0', 'GNU GPL v3', 'GPLv3']],
  ['AGPL-3.0-only', ['GNU Affero General Public License v3.0', 'AGPLv3']],
  ['LGPL-2.1-only', ['LGPL 2.1', 'GNU Lesser General Public License v2.1', 'LGPLv2.1']],
  ['LGPL-3.0-only', ['LGPL 3.0', 'GNU Lesser General Public License v3.0', 'LGPLv3']],
  ['LGPLLR', ['lgpl-lr', 'Lesser General Public License For Linguistic Resources']],
  ['ISC', ['ISC License']],
  ['MPL-2.0', ['MPL 2.0']],
  ['MS-PL', ['Microsoft Public License']],
  ['ODC-By-1.0', ['odc-by', 'ODC BY 1.0', 'ODC-BY', 'Open Data Commons Attribution License']],
  ['ODbL-1.0', ['odbl', 'Open Database License', 'ODbL']],
  ['OGL-UK-3.0', ['OGL 3.0', 'Open Government Licence v3.0']],
  ['OpenMDW-1.0', ['Open Model, Data & Weights License Agreement']],
  ['PDDL-1.0', ['pddl', 'Open Data Commons Public Domain Dedication and License']],
  ['PostgreSQL', ['PostgreSQL License']],
  ['Unlicense', ['The Unlicense']],
  ['WTFPL', ['Do What The F*ck You Want To Public License']],
  ['Zlib', ['zLib License']],
  ['etalab-2.0', ['Etalab Open License 2.0', 'Licence Ouverte 2.0']],
  ['EUPL-1.1', ['European Union Public License 1.1']],
  ['EUPL-1.2', ['European Union Public License 1.2']],
  ['LPPL-1.3c', ['LaTeX Project Public License v1.3c']],
  ['NCSA', ['University of Illinois/NCSA Open Source License']],
  ['OFL-1.1', ['SIL Open Font License 1.1']],
  ['OSL-3.0', ['Open Software License 3.0']],
  // Hugging Face ids and names without an SPDX id.
  ['openrail', ['OpenRAIL license family', 'OpenRAIL', 'Open RAIL']],
  ['openrail++', ['Open Rail++-M License', 'OpenRAIL++-M']],
  ['bigscience-openrail-m', ['BigScience OpenRAIL-M']],
  ['creativeml-openrail-m', ['CreativeML OpenRAIL-M']],
  ['bigcode-openrail-m', ['BigCode Open RAIL-M v1', 'BigCode OpenRAIL-M']],
  ['bigscience-bloom-rail-1.0', ['BigScience BLOOM RAIL 1.0']],
  ['bsd', ['BSD license family', 'BSD License']],
  ['cc', ['Creative Commons license family', 'Creative Commons']],
  ['gfdl', ['GNU Free Documentation License family', 'GFDL', 'GNU Free Documentation License']],
  ['gpl', ['GNU General Public License family', 'GPL', 'GNU GPL']],
  ['lgpl', ['GNU Lesser General Public License family', 'LGPL']],
  ['h-research', ['H Research License']],
  ['intel-research', ['Intel Research Use License Agreement']],
  ['apple-ascl', ['Apple Sample Code license']],
  ['apple-amlr', ['Apple Model License for Research']],
  ['openmdw-1.1', ['Open Model, Data & Weights License Agreement v1.1']],
  ['deepfloyd-if-license', ['DeepFloyd IF Research License Agreement']],
  ['fair-noncommercial-research-license', ['FAIR Noncommercial Research License']],
  ['llama2', ['Llama 2 Community License Agreement', 'Llama 2 Community License', 'Meta Llama 2 Community License']],
  ['llama3', ['Llama 3 Community License Agreement', 'Meta Llama3 Community License', 'Meta Llama 3 Community License']],
  ['llama3.1', ['Llama 3.1 Community License Agreement', 'Meta Llama 3.1 Community License']],
  ['llama3.2', ['Llama 3.2 Community License Agreement', 'Meta Llama 3.2 Community License']],
  ['llama3.3', ['Llama 3.3 Community License Agreement', 'Meta Llama 3.3 Community License']],
  ['llama4', ['Llama 4 Community License Agreement', 'Meta Llama 4 Community License']],
  ['grok2-community', ['Grok 2 Community License Agreement']],
  ['gemma', ['Gemma Terms of Use', 'Gemma']],
  // Unversioned Creative Commons names.
  ['cc-by', ['CC BY', 'CC-BY', 'Creative Commons Attribution']],
  ['cc-by-sa', ['CC BY-SA', 'CC BY SA', 'Creative Commons Attribution Share Alike']],
  ['cc-by-nd', ['CC BY-ND', 'Creative Commons Attribution No Derivatives']],
  ['cc-by-nc', ['CC BY-NC', 'Creative Commons Attribution Non Commercial']],
  ['cc-by-nc-nd', ['CC BY-NC-ND', 'Creative Commons Attribution Non Commercial No Derivatives']],
  ['cc-by-nc-sa', ['CC BY-NC-SA', 'Creative Commons Attribution Non Commercial Share Alike']],
  // DPI names without an SPDX id.
  ['academic-research-only', ['Academic Research Purposes Only', 'Academic Research Only', 'Research Purposes Only', 'research-only']],
  ['ai2-impact-lr', ['AI2 ImpACT License - Low Risk', 'AI2 ImpACT Low Risk']],
  ['all-uses-attribution', ['All Uses-Attribution']],
  ['anthropic-terms', ['Anthropic', 'Anthropic Terms of Service']],
  ['cslu-agreement', ['CSLU Agreement']],
  ['google-translate-terms', ['Google Cloud Translation API']],
  ['ldc-user-agreement', ['LDC User Agreement']],
  ['lmsys-chat-1m', ['LMSYS-Chat-1M Dataset License']],
  ['microsoft-data-licensing-agreement', ['Microsoft Data Licensing Agreement']],
  ['non-commercial', ['Non Commercial', 'Noncommercial', 'Non-Commercial Use Only']],
  ['oanc', ['OANC']],
  ['open-access', ['Open Access']],
  ['openai-terms', ['OpenAI', 'OpenAI Terms of Use', 'OpenAI Terms']],
  ['public-domain', ['Public Domain']],
  ['request-form', ['Request Form']],
  ['skywork-community', ['Skywork Community License']],
  ['unclear', ['Unclear']],
  ['various', ['Various']],
  // Names that state no terms. "No License" is DPI's (All, 0, 0), but without a licence nothing is
  // granted, so tdgov treats it as unknown. "Custom" is DPI's per-URL placeholder.
  ['unknown', ['Unspecified', 'Not specified', 'No License', 'None', 'N/A', 'NA', 'TBD', 'Unlicensed', 'unknown license']],
  ['other', ['Custom', 'Custom License', 'Proprietary', 'Other License']],
]

/** Deprecated SPDX ids → the id SPDX now asks for (GNU ids without -only/-or-later mean "only"). */
export const DEPRECATED_SPDX: Readonly<Record<string, string>> = {
  'GPL-1.0': 'GPL-1.0-only',
  'GPL-1.0+': 'GPL-1.0-or-later',
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-2.0+': 'GPL-2.0-or-later',
  'GPL-3.0': 'GPL-3.0-only',
  'GPL-3.0+': 'GPL-3.0-or-later',
  'LGPL-2.0': 'LGPL-2.0-only',
  'LGPL-2.0+': 'LGPL-2.0-or-later',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
  'LGPL-3.0': 'LGPL-3.0-only',
  'LGPL-3.0+': 'LGPL-3.0-or-later',
  'AGPL-1.0': 'AGPL-1.0-only',
  'AGPL-3.0': 'AGPL-3.0-only',
  'GFDL-1.1': 'GFDL-1.1-only',
  'GFDL-1.2': 'GFDL-1.2-only',
  'GFDL-1.3': 'GFDL-1.3-only',
  'BSD-2-Clause-FreeBSD': 'BSD-2-Clause-Views',
  'BSD-2-Clause-NetBSD': 'BSD-2-Clause',
  Nunit: 'zlib-acknowledgement',
  'StandardML-NJ': 'SMLNJ',
  'bzip2-1.0.5': 'bzip2-1.0.6',
}
