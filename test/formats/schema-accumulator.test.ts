import { describe, expect, it } from 'vitest'
import { isEmptyValue, SchemaAccumulator } from '../../src/formats/schema-accumulator.js'

describe('SchemaAccumulator', () => {
  it('counts nulls (missing or null) and empty values (blank strings, [] and {}) per field', () => {
    const schema = new SchemaAccumulator()
    schema.addObject({ text: 'a', tags: ['x'], meta: { k: 1 } })
    schema.addObject({ text: '  ', tags: [], meta: {} })
    schema.addObject({ text: null, tags: ['y'] })
    schema.addObject({ text: '', tags: [] })
    expect(schema.result().fields).toEqual([
      { name: 'text', type: 'string', nulls: 1, empty: 2 },
      { name: 'tags', type: 'array', nulls: 0, empty: 2 },
      { name: 'meta', type: 'object', nulls: 2, empty: 1 },
    ])
  })

  it('says nothing about emptiness where nothing is empty', () => {
    const schema = new SchemaAccumulator()
    schema.addObject({ n: 0, b: false, s: 'x' })
    expect(schema.result().fields.every((f) => f.empty === undefined)).toBe(true)
  })

  it('treats zero and false as values, not as empty', () => {
    expect([0, false, 'x', [0], { a: null }].map(isEmptyValue)).toEqual([false, false, false, false, false])
    expect(['', ' \t', [], {}].map(isEmptyValue)).toEqual([true, true, true, true])
  })
})

describe('SchemaAccumulator with a name twice in one record', () => {
  it('keeps the first value and never counts more records than it was given (no negative nulls)', () => {
    const schema = new SchemaAccumulator()
    schema.addRecord([
      ['a', 'string'],
      ['a', 'integer'],
    ])
    schema.addRecord([['b', 'string']])
    expect(schema.result().fields).toEqual([
      { name: 'a', type: 'string', nulls: 1 },
      { name: 'b', type: 'string', nulls: 1 },
    ])
  })
})
