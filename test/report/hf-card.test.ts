import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hfLicenceId, HF_LICENCE_IDS } from '../../src/report/formats/hf-licences.js'
import { sizeCategory } from '../../src/report/formats/hf-card.js'

const LICENSES_MD = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata/hf-licenses/repositories-licenses.md')

describe('Hugging Face card vocabulary', () => {
  it('buckets sizes with exclusive upper bounds (interop-formats.md §4.1)', () => {
    expect(sizeCategory(0)).toBe('n<1K')
    expect(sizeCategory(999)).toBe('n<1K')
    expect(sizeCategory(1000)).toBe('1K<n<10K')
    expect(sizeCategory(999_999)).toBe('100K<n<1M')
    expect(sizeCategory(1e12)).toBe('n>1T')
  })

  it('maps SPDX ids the Hub knows to its lower-case ids, and the rest to null (other)', () => {
    expect(hfLicenceId('CC-BY-NC-4.0')).toBe('cc-by-nc-4.0')
    expect(hfLicenceId('Apache-2.0')).toBe('apache-2.0')
    expect(hfLicenceId('LicenseRef-internal-terms')).toBeNull()
    expect(hfLicenceId('other')).toBeNull()
  })

  describe.skipIf(!existsSync(LICENSES_MD))('against the Hub’s licence list (skipped: ../shared/corpus is not present)', () => {
    it('carries exactly the ids of hub-docs repositories-licenses.md', () => {
      const ids = [...readFileSync(LICENSES_MD, 'utf8').matchAll(/^\|[^|]*\|\s*`([^`]+)`/gm)].map((m) => m[1])
      expect([...HF_LICENCE_IDS].sort()).toEqual([...new Set(ids)].sort())
    })
  })
})
