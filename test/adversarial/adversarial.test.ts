import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'
import { CASES } from './cases.js'
import { CASE_TIMEOUT_MS, runCase, runCaseDuring, snapshot, TIME } from './run-case.js'

const MAX_RSS_MIB = 300
const STACK = /\n\s+at .+[:(]\d+:\d+\)?/

describe.skipIf(!existsSync(TIME))(`the adversarial corpus (skipped: no GNU time at ${TIME}; .ci/run installs Debian's time)`, () => {
  let canary: string
  let before: Record<string, string>
  const results: string[] = []
  beforeAll(() => {
    canary = makeTempDir('tdgov-canary-')
    mkdirSync(path.join(canary, 'deep'))
    writeFileSync(path.join(canary, 'keep.txt'), 'a canary outside every project\n')
    writeFileSync(path.join(canary, 'deep', 'manifest.json'), '{"not":"tdgov"}\n')
    before = snapshot(canary)
  })
  afterAll(() => {
    if (process.env.ADVERSARIAL_TABLE) writeFileSync(process.env.ADVERSARIAL_TABLE, results.join('\n') + '\n')
    removeTempDirs()
  })

  for (const c of CASES) {
    it.skipIf(c.skip !== undefined)(`${c.id}: ${c.why}${c.skip ? ` (skipped: ${c.skip})` : ''}`, async () => {
      const scratch = makeTempDir()
      const dataset = path.join(scratch, 'dataset')
      mkdirSync(dataset)
      // links from inside the dataset to the canary: whatever tdgov does, the canary stays as it is
      symlinkSync(canary, path.join(dataset, 'canary-link'))
      symlinkSync(path.join(canary, 'keep.txt'), path.join(dataset, 'canary-file.txt'))
      const args = c.build(dataset, scratch)
      const during = c.during?.(dataset)
      const run = during ? await runCaseDuring(args, during) : runCase(args)
      results.push(`${c.id}\t${run.status}\t${run.seconds.toFixed(2)}\t${run.peakRssMiB?.toFixed(0) ?? '—'}`)
      const killed = during?.then === 'SIGKILL'
      expect(run.signal, `killed after ${CASE_TIMEOUT_MS / 1000} s or by a signal`).toBe(killed ? 'SIGKILL' : null)
      // Ctrl-C and SIGTERM end in 130 and 143 with one line, as shells and CI runners expect
      if (!killed) expect([0, 1, 2, 130, 143], `exit ${run.status}: ${run.stderr.slice(0, 500)}`).toContain(run.status)
      expect(run.stderr).not.toMatch(STACK)
      expect(run.stderr).not.toContain('internal error')
      if (run.status === 2 || run.status === 130 || run.status === 143) expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1)
      if (run.peakRssMiB !== null) expect(run.peakRssMiB, 'peak RSS, MiB').toBeLessThan(MAX_RSS_MIB)
      c.check?.(run, dataset, scratch)
      expect(snapshot(canary)).toEqual(before)
    }, CASE_TIMEOUT_MS + 30_000)
  }
})
