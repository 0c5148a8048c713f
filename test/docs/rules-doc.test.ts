import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderRulesDoc } from '../../scripts/generate-rules-doc.js'
import { RULE_DOCS } from '../../src/check/index.js'
import { ruleAnchor } from '../../src/check/reporters/index.js'
import { FINDING_CODES } from '../../src/findings/codes.js'
import { CATALOGUES, renderMessage } from '../../src/findings/messages.js'

const repo = path.resolve(import.meta.dirname, '../..')
const committed = readFileSync(path.join(repo, 'docs', 'rules.md'), 'utf8')
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/

/** How many times `needle` occurs in `haystack`. */
function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

describe('docs/rules.md', () => {
  it('matches the rule registry (run `npm run rules-doc` after changing a rule)', () => {
    expect(committed).toBe(renderRulesDoc())
  })

  it.each(FINDING_CODES)('has exactly one section and one anchor for %s', (code) => {
    expect(occurrences(committed, `\n## ${code}\n`)).toBe(1)
    expect(occurrences(committed, `<a id="${ruleAnchor(code)}"></a>`)).toBe(1)
    // the anchor sits right above the heading it names, and the table links to it
    expect(committed).toContain(`<a id="${ruleAnchor(code)}"></a>\n\n## ${code}\n`)
    expect(committed).toContain(`](#${ruleAnchor(code)})`)
  })

  it('documents no code that does not exist', () => {
    const headings = [...committed.matchAll(/^## (\S+)$/gm)].map((m) => m[1])
    expect(headings.sort()).toEqual([...FINDING_CODES].sort())
  })
})

describe('rule documentation', () => {
  it('documents every finding code exactly once', () => {
    expect(RULE_DOCS.map((doc) => doc.code).sort()).toEqual([...FINDING_CODES].sort())
  })

  it.each(RULE_DOCS.map((doc) => [doc.code, doc] as const))('%s has English and Chinese title, description and fix', (_code, doc) => {
    for (const field of ['title', 'description', 'fix'] as const) {
      expect(doc[field].en.trim(), `${field}.en`).not.toBe('')
      expect(doc[field].zh.trim(), `${field}.zh`).not.toBe('')
      expect(doc[field].zh, `${field}.zh is Chinese`).toMatch(CJK)
    }
    expect(doc.clause.trim()).not.toBe('')
  })

  it.each(FINDING_CODES)('%s has a message in both catalogues', (code) => {
    expect(typeof CATALOGUES.en[code]).toBe('function')
    expect(typeof CATALOGUES.zh[code]).toBe('function')
    expect(renderMessage(code, {}, 'en').trim()).not.toBe('')
    const zh = renderMessage(code, {}, 'zh')
    expect(zh.trim()).not.toBe('')
    expect(zh).toMatch(CJK)
  })
})
