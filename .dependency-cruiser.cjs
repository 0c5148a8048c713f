// Layering of src/, checked by `npm run layering` (dependency-cruiser). The intended shape:
//
//   src/cli                      the process boundary: options, output, exit codes
//     ↓
//   src/scan, src/audit, src/check, src/init, src/diff, src/report     the domains
//     ↓
//   src/formats (readers), src/provenance (facts)                      lower domain layers
//     ↓
//   src/records, src/findings, src/util                                the neutral layer
//
// Each arrow may be skipped (cli uses util directly), none may point up, and a domain uses another
// domain only through that folder's public entry, an index.ts (src/check/index.ts,
// src/provenance/pii/index.ts, …): only scan, audit, check and init, which are built on the readers
// and the facts, reach into src/formats and src/provenance directly.
//
// Cycles are not checked here (no no-circular rule). Every rule is an error, so `depcruise` exits
// non-zero, with the number of violations, whenever one is broken.

/** The domain folders; `report` is to come. */
const DOMAINS = ['scan', 'formats', 'provenance', 'audit', 'check', 'diff', 'init', 'report']
/** The domains built on top of the readers and the facts. */
const UPPER = ['scan', 'audit', 'check', 'init', 'diff', 'report']
/** The domains that may use src/formats and src/provenance internals directly. */
const ON_FACTS = ['scan', 'audit', 'check', 'init']
/** Readers and facts: domains too, but below the others. */
const LOWER = ['formats', 'provenance']
const NEUTRAL = ['records', 'findings', 'util']

const folders = (names) => `^src/(${names.join('|')})/`
/** A public entry: any index.ts inside the target folder, at any depth (src/provenance/pii/index.ts). */
const ENTRY = '/index\\.ts$'
/** The folder the importing module is in, captured as $1 by the rule's `from.path`. */
const SAME_FOLDER = '^src/$1/'

/* global module -- CommonJS: dependency-cruiser loads the config with require() */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'not-to-cli',
      severity: 'error',
      comment:
        'src/cli is the process boundary (argument parsing, stdout/stderr, exit codes). Nothing below it may depend on it, or the domains could not be used, or tested, without a command line; move what is shared (formatting helpers, palettes) down into src/util or the domain.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'neutral-not-to-domain',
      severity: 'error',
      comment:
        'src/records, src/findings and src/util are the neutral layer every domain shares: record schemas, finding codes and messages, utilities. They must import no domain (nor cli, which not-to-cli catches), or the layer stops being neutral and every domain drags in the others.',
      from: { path: folders(NEUTRAL) },
      to: { path: folders(DOMAINS) },
    },
    {
      name: 'lower-layer-not-upward',
      severity: 'error',
      comment:
        'src/formats (the readers) and src/provenance (the facts about records) sit below scan, audit, check, init, diff and report, which use them; they must not import those domains, not even through their index.ts, or the layers depend on each other in both directions. Move the shared piece (a type, a record shape) into src/records or into the lower layer itself.',
      from: { path: folders(LOWER) },
      to: { path: folders(UPPER) },
    },
    {
      name: 'domain-via-entry',
      severity: 'error',
      comment:
        "A domain uses another domain only through that folder's public entry (an index.ts in it), never its internals: what a domain exports from index.ts is its contract, everything else may change without notice. Export what is needed from the target's index.ts.",
      from: { path: folders(UPPER) },
      to: { path: folders(UPPER), pathNot: [SAME_FOLDER, ENTRY] },
    },
    {
      name: 'facts-direct-only-below-scan-audit-check-init',
      severity: 'error',
      comment:
        "Only scan, audit, check and init are built directly on the readers and facts and may import any module of src/formats and src/provenance; diff and report use them only through an index.ts, like any other domain.",
      from: { path: folders(UPPER.filter((d) => !ON_FACTS.includes(d))) },
      to: { path: folders(LOWER), pathNot: ENTRY },
    },
    {
      name: 'lower-layer-via-entry',
      severity: 'error',
      comment:
        "src/formats and src/provenance are peers: each uses the other only through an index.ts in it (src/provenance/licences/index.ts, …), never its internals.",
      from: { path: folders(LOWER) },
      to: { path: folders(LOWER), pathNot: [SAME_FOLDER, ENTRY] },
    },
  ],
  options: {
    // Only src/ is layered: tests, scripts and benchmarks may reach into anything.
    includeOnly: '^src',
    doNotFollow: { path: 'node_modules' },
    // `import type` couples layers as much as a value import does, so type-only imports count too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
}
