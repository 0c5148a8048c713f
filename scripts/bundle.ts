// Bundles the compiled CLI (dist/src) into dist/bundle: one module graph instead of a few hundred
// files cuts tdgov's start-up by about a third on Node 20, which has no compile cache. Run by `npm run build`
// after tsc.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const compiled = (file: string): string => path.join(repo, 'dist', 'src', file)

const outDir = path.join(repo, 'dist', 'bundle')
rmSync(outDir, { recursive: true, force: true })
await build({
  // Worker entry points sit beside the code that starts them (`new URL('./worker.js', …)`), so
  // entries and chunks share one flat directory.
  input: {
    tdgov: compiled('cli/main.js'),
    worker: compiled('scan/worker.js'),
    'analysis-worker': compiled('scan/analysis-worker.js'),
    'tokenizer-worker': compiled('scan/tokenizer-worker.js'),
    'tree-worker': compiled('scan/tree-worker.js'),
  },
  platform: 'node',
  // Loaded lazily, only for datasets that have such files: left as they are in node_modules.
  external: [/^node:/, /^apache-arrow/, /^hyparquet/, 'music-metadata', 'file-type', 'image-size', /^csv-parse/, 'fzstd', /^gpt-tokenizer/, /^spdx-license-list/, /^libphonenumber-js/, 'saxes'],
  logLevel: 'warn',
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
})
