import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { identifyLicenceText } from '../../../src/provenance/licences/index.js'

// The SPDX texts themselves, never typed by hand.
const spdxFull = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>
const textOf = (id: string): string => spdxFull[id].licenseText

/** Rewraps every paragraph at `width` columns and separates paragraphs by two blank lines. */
function reflow(text: string, width = 60): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines: string[] = []
      let line = ''
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (line !== '' && line.length + 1 + word.length > width) {
          lines.push(line)
          line = word
        } else line = line === '' ? word : `${line} ${word}`
      }
      if (line !== '') lines.push(line)
      return lines.join('\n')
    })
    .join('\n\n\n')
}

/** Replaces the template copyright line (whatever its placeholder style) with a real one. */
function withOwnCopyright(text: string): string {
  const replaced = text.replace(/^.*copyright\s*(\(c\)|\[yyyy\]|<year>).*$/im, 'Copyright (c) 2024 Example Labs')
  return replaced === text ? `Copyright (c) 2024 Example Labs\n\n${text}` : replaced
}

describe('identifyLicenceText', () => {
  describe.each(['Apache-2.0', 'MIT', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0'])('%s', (id) => {
    it('identifies the SPDX text', () => {
      expect(identifyLicenceText(textOf(id))).toEqual({ spdx: id, similarity: 1 })
    })

    it('identifies it after reflowing at 60 columns with extra blank lines', () => {
      expect(identifyLicenceText(reflow(textOf(id)))?.spdx).toBe(id)
    })

    it('identifies it with a real copyright line, reflowed or not', () => {
      const own = withOwnCopyright(textOf(id))
      expect(own).toContain('Example Labs')
      expect(identifyLicenceText(own)?.spdx).toBe(id)
      expect(identifyLicenceText(reflow(own))?.spdx).toBe(id)
    })

    it('identifies it with Windows line endings, markdown and curly quotes', () => {
      const styled = `# LICENSE\n\n${textOf(id).replace(/"([^"\n]*)"/g, '“$1”')}`.replace(/\n/g, '\r\n')
      expect(identifyLicenceText(styled)?.spdx).toBe(id)
    })
  })

  it("changes MIT's placeholder copyright line without losing similarity", () => {
    const mit = textOf('MIT').replace('Copyright (c) <year> <copyright holders>', 'Copyright (c) 2024 Example Labs')
    expect(mit).toContain('Copyright (c) 2024 Example Labs')
    expect(identifyLicenceText(mit)).toEqual({ spdx: 'MIT', similarity: 1 })
  })

  it('identifies Apache-2.0 without its appendix (not Pixar, which is Apache-2.0 with changes and no appendix)', () => {
    const apache = textOf('Apache-2.0')
    expect(identifyLicenceText(apache.slice(0, apache.indexOf('APPENDIX')))?.spdx).toBe('Apache-2.0')
  })

  it.each([
    ['CC-BY-4.0', ['CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0', 'CC-BY-NC-SA-4.0']],
    ['CC-BY-SA-4.0', ['CC-BY-4.0', 'CC-BY-NC-SA-4.0']],
    ['CC-BY-NC-4.0', ['CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0']],
    ['GPL-2.0-only', ['GPL-3.0-only', 'LGPL-2.1-only']],
    ['GPL-3.0-only', ['AGPL-3.0-only', 'GPL-2.0-only']],
    ['BSD-2-Clause', ['BSD-3-Clause']],
    ['BSD-3-Clause', ['BSD-2-Clause', 'BSD-3-Clause-Clear']],
  ])('tells %s from its neighbours', (id, neighbours) => {
    const result = identifyLicenceText(reflow(withOwnCopyright(textOf(id))))
    expect(result?.spdx).toBe(id)
    expect(neighbours).not.toContain(result?.spdx)
  })

  it('reports GNU twins whose texts are the same under -only, deprecated ids under their replacements', () => {
    expect(identifyLicenceText(textOf('GPL-3.0-or-later'))?.spdx).toBe('GPL-3.0-only')
    expect(identifyLicenceText(textOf('GPL-2.0+'))?.spdx).toBe('GPL-2.0-only')
    expect(identifyLicenceText(textOf('LGPL-2.1-or-later'))?.spdx).toBe('LGPL-2.1-only')
    expect(identifyLicenceText(textOf('GFDL-1.3-invariants-or-later'))?.spdx).toBe('GFDL-1.3-only')
    expect(identifyLicenceText(textOf('OFL-1.1-RFN'))?.spdx).toBe('OFL-1.1')
    expect(identifyLicenceText(textOf('BSD-2-Clause-NetBSD'))?.spdx).toBe('BSD-2-Clause')
  })

  it('identifies every SPDX text as itself or its reported twin', () => {
    const misses: string[] = []
    for (const [id, { licenseText }] of Object.entries(spdxFull)) {
      const result = identifyLicenceText(licenseText)
      if (result === null) {
        // Texts too short to match (a pointer to the OSI list, not a licence).
        if (licenseText.split(/\s+/).length > 20) misses.push(`${id}: null`)
      } else if (result.similarity !== 1) misses.push(`${id}: ${result.spdx} ${result.similarity}`)
    }
    expect(misses).toEqual([])
  })

  it('returns null for text that is not a licence', () => {
    const readme = [
      '# Example dataset',
      '',
      'This dataset holds 12,000 question–answer pairs collected from public forums in 2023.',
      'It is released under the MIT License; see LICENSE for the full text.',
      '',
      '## Usage',
      '',
      '```python',
      'from datasets import load_dataset',
      'ds = load_dataset("example/qa")',
      '```',
      '',
      '## Citation',
      '',
      'Please cite the accompanying paper if you use this data. Copyright (c) 2024 Example Labs.',
    ].join('\n')
    expect(identifyLicenceText(readme)).toBeNull()
    expect(identifyLicenceText('')).toBeNull()
    expect(identifyLicenceText('MIT')).toBeNull()
  })

  it('returns null at once for a file far longer than any licence', () => {
    const huge = `${textOf('MIT')}\n${'x'.repeat(1_000_000)}`
    identifyLicenceText('prepares the SPDX texts, so that only the check itself is timed below')
    const start = performance.now()
    expect(identifyLicenceText(huge)).toBeNull()
    expect(performance.now() - start).toBeLessThan(50)
  })

  it('returns null for half a licence', () => {
    const cc = textOf('CC-BY-4.0')
    expect(identifyLicenceText(cc.slice(0, cc.length / 2))).toBeNull()
  })

  it('returns null when a licence sits inside unrelated text of the same length', () => {
    const mit = textOf('MIT')
    const filler = 'Each record holds a prompt, a response and a rating from one of five annotators. '.repeat(14)
    expect(identifyLicenceText(`${filler}\n\n${mit}`)).toBeNull()
  })
})
