import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

const GOLDEN = path.join(REPO_ROOT, 'test', 'golden', 'demo.manifest.json')

describe('the demo dataset manifest', () => {
  afterAll(removeTempDirs)

  it('matches the reviewed golden file byte for byte (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const out = path.join(makeTempDir(), 'manifest.json')
    const result = await runCli(['scan', 'fixtures/demo', '--no-cache', '--out', out])
    expect(result.status).toBe(0)
    const actual = readFileSync(out, 'utf8')
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, actual)
    expect(existsSync(GOLDEN), 'test/golden/demo.manifest.json is missing; run with UPDATE_GOLDEN=1 and review it').toBe(true)
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'))
  })
})
