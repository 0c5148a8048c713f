import { describe, expect, it } from 'vitest'
import type { TokenCandidate } from '../../src/provenance/record-facts.js'
import { TOKEN_INCLUSION_BYTES } from '../../src/provenance/text/index.js'
import { tokenScale } from '../../src/provenance/token-design.js'
import { toFileRecord, type FileRecord } from '../../src/scan/file-record.js'
import { drawn } from '../../src/scan/process-file.js'
import type { ScanFileOptions } from '../../src/scan/scan-file.js'
import type { TokenService } from '../../src/scan/token-service.js'
import { TokenSampling } from '../../src/scan/token-sampling.js'

/** A text file of `bytes` with one analysed record. */
function textFile(path: string, bytes: number): FileRecord {
  return toFileRecord({
    path,
    bytes,
    sha256: '0'.repeat(64),
    format: 'jsonl',
    compression: null,
    modality: 'text',
    records: 1,
    content: { records: 1, empty: 0, duplicates: 0, languages: { en: 1 } },
    findings: [],
  })
}

/** Counts a token per four characters, and remembers what it was asked. */
function fakeService(): TokenService & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    count: (texts) => {
      asked.push(...texts)
      return Promise.resolve(texts.map((t) => Math.ceil(t.length / 4)))
    },
    close: () => Promise.resolve(),
  }
}

const candidatesOf = (record: FileRecord): TokenCandidate[] => [{ bytes: record.bytes, text: `text of ${record.path}` }]
const options = (): ScanFileOptions => ({ deep: false, sampleSize: 1000, pii: 'off', tokens: 'estimate', tokenScale: TOKEN_INCLUSION_BYTES })

describe('TokenSampling', () => {
  // 6,000 files of 4 KiB: far more than the budget, so the scale grows while they arrive.
  const files = Array.from({ length: 6000 }, (_, i) => textFile(`d/f${i}.jsonl`, 4096))

  it('tokenises exactly the files the final scale draws, whatever order they arrive in', async () => {
    const finalScale = tokenScale(files.map((f) => f.bytes))
    expect(finalScale).toBeGreaterThan(TOKEN_INCLUSION_BYTES)
    const expected = files.filter((f) => drawn(f, finalScale)).map((f) => f.path)
    expect(expected.length).toBeGreaterThan(0)

    for (const order of [files, [...files].reverse()]) {
      const opts = options()
      const service = fakeService()
      const sampling = new TokenSampling(opts, () => service)
      const records = order.map((f) => ({ ...f, tokenSample: null }))
      // Workers offer text only for files drawn under the scale they were sent with.
      for (const record of records) sampling.note(record, drawn(record, opts.tokenScale) ? candidatesOf(record) : [])
      const { draw } = await sampling.finish(records, () => Promise.reject(new Error('no file needs reading again')))
      expect(draw.scale).toBe(finalScale)
      expect([...draw.drawn].sort()).toEqual([...expected].sort())
      expect(service.asked.sort()).toEqual(expected.map((p) => `text of ${p}`).sort())
      expect(records.filter((r) => r.tokenSample !== null).map((r) => r.path).sort()).toEqual([...expected].sort())
    }
  })

  it('reuses a cached sample, and reads a drawn file again only when its sample was never taken', async () => {
    const finalScale = tokenScale(files.map((f) => f.bytes))
    const drawnFiles = files.filter((f) => drawn(f, finalScale))
    const cached = { ...drawnFiles[0]!, tokenSample: { n: 1, sumX: 4096, sumY: 900, sumXX: 4096 ** 2, sumYY: 900 ** 2, sumXY: 4096 * 900 } }
    const missing = { ...drawnFiles[1]!, tokenSample: null }
    const others = files.filter((f) => f.path !== cached.path && f.path !== missing.path).map((f) => ({ ...f, tokenSample: null }))
    const service = fakeService()
    const sampling = new TokenSampling(options(), () => service)
    const records = [cached, missing, ...others]
    // As from the cache: nothing offered.
    for (const record of records) sampling.note(record, [])
    const readAgain: string[] = []
    await sampling.finish(records, (record) => {
      readAgain.push(record.path)
      return Promise.resolve(candidatesOf(record))
    })
    expect(readAgain).toContain(missing.path)
    expect(readAgain).not.toContain(cached.path)
    expect(cached.tokenSample.sumY).toBe(900)
    expect(missing.tokenSample).not.toBeNull()
  })

  it('never starts the encoder for a scan without text', async () => {
    let started = 0
    const sampling = new TokenSampling(options(), () => {
      started++
      return fakeService()
    })
    const image = { ...toFileRecord({ path: 'a.png', bytes: 10, sha256: '0'.repeat(64), format: 'png', compression: null, modality: 'image', findings: [] }) }
    sampling.note(image, [])
    const { draw } = await sampling.finish([image], () => Promise.resolve([]))
    expect(draw.drawn.size).toBe(0)
    expect(started).toBe(0)
  })
})
