import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from '../../src/formats/types.js'

/** An analyzer context for content that is not on disk. */
export function analyzerContext(overrides: Partial<AnalyzerContext> = {}): AnalyzerContext {
  return {
    absPath: '/nonexistent/test-input',
    relPath: 'test-input',
    bytes: 0,
    compression: null,
    deep: false,
    sampleSize: 1000,
    pii: 'off',
    tokens: 'off',
    ...overrides,
  }
}

/**
 * Feeds `content` to a fresh analyzer in chunks of `chunkSize` bytes. Each chunk is a copy in a
 * buffer that is overwritten after `push` returns, as the scanner's read loop does, so an
 * analyzer that keeps a view instead of copying shows up as corrupted output.
 */
export async function analyzeInChunks(
  create: () => ContentAnalyzer,
  content: string | Uint8Array,
  chunkSize = 64 * 1024,
): Promise<ContentAnalysis> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
  const analyzer = create()
  const scratch = Buffer.alloc(chunkSize)
  for (let start = 0; start < bytes.length; start += chunkSize) {
    const length = bytes.copy(scratch, 0, start, Math.min(start + chunkSize, bytes.length))
    analyzer.push(scratch.subarray(0, length))
    scratch.fill(0x23) // '#': whatever an analyzer kept a view of is now garbage
  }
  return analyzer.finish()
}
