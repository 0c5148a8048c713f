import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { AnalyzerContext, ContentAnalysis, DetectedFormat } from '../../src/formats/types.js'
import { analyzerContext } from '../helpers/analyze.js'
import { REPO_ROOT } from '../helpers/exec.js'

type ChunkSinkModule = typeof import('../../src/scan/chunk-sink.js')

// The second thread runs dist/src/scan/analysis-worker.js, so the sinks are loaded from the build
// (test/global-setup.ts makes it) rather than from the TypeScript sources.
const sinks = (): Promise<ChunkSinkModule> => import(pathToFileURL(path.join(REPO_ROOT, 'dist', 'src', 'scan', 'chunk-sink.js')).href) as Promise<ChunkSinkModule>

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'encodings')

/** Feeds `content` to a sink in chunks of `chunkSize`, as the scan's read loop does. */
async function throughSink(
  make: (format: DetectedFormat, ctx: AnalyzerContext, chunkSize: number) => ReturnType<ChunkSinkModule['offloadSink']> | Promise<ReturnType<ChunkSinkModule['offloadSink']>>,
  format: DetectedFormat,
  content: Buffer,
  chunkSize: number,
): Promise<ContentAnalysis> {
  const sink = await make(format, analyzerContext({ relPath: 'table.csv' }), chunkSize)
  for (let start = 0; start < content.length; start += chunkSize) {
    const buffer = await sink.acquire()
    const length = content.copy(buffer, 0, start, Math.min(start + chunkSize, content.length))
    await sink.submit(buffer, length)
  }
  const { analysis, failure } = await sink.finish()
  expect(failure).toBeNull()
  return analysis
}

describe('text in another encoding, analysed on either thread', () => {
  it.each([
    ['table.utf16le-bom.csv', 'utf-16le'],
    ['table.gbk.csv', 'gb18030'],
  ] as const)('%s gives the analysis of its UTF-8 twin in this thread and on the analysis worker', async (name, encoding) => {
    const { localSink, offloadSink } = await sinks()
    const utf8: DetectedFormat = { format: 'csv', compression: null, modality: 'tabular' }
    const expected = await throughSink(localSink, utf8, readFileSync(path.join(FIXTURES, 'table.utf8.csv')), 16)
    const content = readFileSync(path.join(FIXTURES, name))
    const format: DetectedFormat = { ...utf8, encoding }
    const here = await throughSink(localSink, format, content, 16)
    const worker = await throughSink(offloadSink, format, content, 16)
    // The content count is of the decoded UTF-8, so it matches the twin's too.
    expect(here).toEqual(expected)
    expect(worker).toEqual(expected)
    expect(expected.records).toBe(4)
  })
})
