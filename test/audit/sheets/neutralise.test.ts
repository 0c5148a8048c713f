import { describe, expect, it } from 'vitest'
import { neutraliseCell, restoreCell } from '../../../src/audit/sheets/neutralise.js'

describe('neutraliseCell', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "=cmd|' /C calc'!A0"])('prefixes %j with an apostrophe', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`)
  })

  it.each(['', 'plain', ' =1', "'", "it's", '1-2', '北京', '\n=x'])('leaves %j unchanged', (value) => {
    expect(neutraliseCell(value)).toBe(value)
  })

  it('prefixes text that already starts with an apostrophe before a trigger, so it stays invertible', () => {
    expect(neutraliseCell("'=x")).toBe("''=x")
    expect(neutraliseCell("''-x")).toBe("'''-x")
  })
})

describe('restoreCell', () => {
  it('undoes neutraliseCell for every value', () => {
    const values = ['', '=x', "'=x", "''=x", "'x", "'", '-', "'-", '@', '\t', '\r\n', 'plain', "it's", "'''"]
    for (const value of values) expect(restoreCell(neutraliseCell(value))).toBe(value)
  })

  it('strips one apostrophe only before a trigger', () => {
    expect(restoreCell("'=x")).toBe('=x')
    expect(restoreCell("'x")).toBe("'x")
    expect(restoreCell("'")).toBe("'")
  })
})
