import { describe, expect, it } from 'vitest'
import { parseShard } from '../../src/cli/shard-option.js'

describe('--shard', () => {
  it('takes K/N, 1-based', () => {
    expect(parseShard('2/8', {})).toEqual({ index: 2, count: 8 })
    expect(parseShard('1/1', {})).toEqual({ index: 1, count: 1 })
    expect(() => parseShard('0/4', {})).toThrow('--shard 0/4: shard 0 of 4; expected a shard from 1 to 4')
    expect(() => parseShard('5/4', {})).toThrow('--shard 5/4: shard 5 of 4; expected a shard from 1 to 4')
    expect(() => parseShard('2-4', {})).toThrow('--shard 2-4: expected K/N (such as 2/8), env, or env/N')
  })

  it('env: a Slurm array task, whatever id the array starts at', () => {
    expect(parseShard('env', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 })
    expect(parseShard('env', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 })
    expect(() => parseShard('env', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_STEP: '2' })).toThrow(/expected an array of consecutive ids/)
    expect(() => parseShard('env', { SLURM_ARRAY_TASK_ID: '3' })).toThrow(/SLURM_ARRAY_TASK_COUNT is not/)
  })

  it('env: a GitLab parallel job (1-based); env/N: a Kubernetes Indexed Job (0-based)', () => {
    expect(parseShard('env', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '5' })).toEqual({ index: 2, count: 5 })
    expect(parseShard('env/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 4 })
    expect(parseShard('env/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 4, count: 4 })
    expect(() => parseShard('env/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(/shard 5 of 4/)
    expect(() => parseShard('env', { JOB_COMPLETION_INDEX: '1' })).toThrow(/give it: --shard env\/N/)
    expect(() => parseShard('env/3', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '5' })).toThrow('--shard env/3: the environment says 2/5; expected a count of 3')
    expect(() => parseShard('env', {})).toThrow(/no shard in the environment/)
    expect(() => parseShard('env', { CI_NODE_INDEX: 'two', CI_NODE_TOTAL: '5' })).toThrow('--shard env: CI_NODE_INDEX=two; expected a whole number')
  })
})
