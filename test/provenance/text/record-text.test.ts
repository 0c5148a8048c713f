import { describe, expect, it } from 'vitest'
import { recordText } from '../../../src/provenance/text/record-text.js'

describe('recordText', () => {
  it('joins string leaves depth-first in key order, skipping keys, numbers, booleans and null', () => {
    const record = JSON.parse(
      '{"id": 7, "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}], "meta": {"ok": true, "score": 0.5, "note": null, "tags": ["a", ["b"]]}}',
    )
    expect(recordText(record)).toBe('user\nHi\nassistant\nHello!\na\nb')
  })

  it('keeps unicode text as it is', () => {
    expect(recordText({ zh: '你好，世界', emoji: '👍🏽 ok', ar: 'مرحبا' })).toBe('你好，世界\n👍🏽 ok\nمرحبا')
  })

  it('returns a top-level string unchanged, newlines included', () => {
    expect(recordText('line one\n\nline two')).toBe('line one\n\nline two')
  })

  it('has no text for values without strings', () => {
    expect(recordText(null)).toBe('')
    expect(recordText(42)).toBe('')
    expect(recordText({ a: 1, b: [true, false, null], c: {} })).toBe('')
    expect(recordText([])).toBe('')
  })

  it('skips empty strings so that empty fields add no blank lines', () => {
    expect(recordText({ prompt: 'Q', context: '', answer: 'A' })).toBe('Q\nA')
  })

  it('ignores binary values and dates, and takes the values of a Map', () => {
    const value = { blob: Buffer.from('not text'), when: new Date(0), map: new Map([['k', 'v']]), bytes: new Uint8Array([65]) }
    expect(recordText(value)).toBe('v')
  })

  it('survives nesting deeper than the call stack and cycles', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 200_000; i++) deep = [deep]
    expect(recordText(deep)).toBe('bottom')
    const cyclic: Record<string, unknown> = { text: 'once' }
    cyclic.self = cyclic
    expect(recordText(cyclic)).toBe('once')
  })
})
