import type { Shard } from '../scan/shard.js'
import { UserError } from '../util/errors.js'

const MAX_SHARDS = 100_000

/**
 * `--shard K/N` (1-based), or the shard the job engine gives: `env` reads a Slurm array task
 * (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT) or a GitLab parallel
 * job (CI_NODE_INDEX of CI_NODE_TOTAL); `env/N` also reads a Kubernetes Indexed Job's 0-based
 * JOB_COMPLETION_INDEX, whose count the pod is not told.
 */
export function parseShard(value: string, env: NodeJS.ProcessEnv): Shard {
  const given = /^(\d+)\/(\d+)$/.exec(value)
  if (given) return checked(Number(given[1]), Number(given[2]), `--shard ${value}`)
  const fromEnv = /^env(?:\/(\d+))?$/.exec(value)
  if (!fromEnv) throw new UserError(`--shard ${value}: expected K/N (such as 2/8), env, or env/N`)
  const count = fromEnv[1] === undefined ? null : Number(fromEnv[1])
  const shard = shardFromEnv(env, count, value)
  if (count !== null && shard.count !== count) throw new UserError(`--shard ${value}: the environment says ${shard.index}/${shard.count}; expected a count of ${count}`)
  return shard
}

function shardFromEnv(env: NodeJS.ProcessEnv, count: number | null, value: string): Shard {
  const number = (name: string): number | null => {
    const raw = env[name]
    if (raw === undefined || raw === '') return null
    if (!/^\d+$/.test(raw)) throw new UserError(`--shard ${value}: ${name}=${raw}; expected a whole number`)
    return Number(raw)
  }
  const slurmId = number('SLURM_ARRAY_TASK_ID')
  if (slurmId !== null) {
    const step = number('SLURM_ARRAY_TASK_STEP')
    if (step !== null && step !== 1) throw new UserError(`--shard ${value}: SLURM_ARRAY_TASK_STEP=${step}; expected an array of consecutive ids (--array=1-N)`)
    const min = number('SLURM_ARRAY_TASK_MIN') ?? 1
    const total = number('SLURM_ARRAY_TASK_COUNT')
    if (total === null) throw new UserError(`--shard ${value}: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; expected a Slurm array job`)
    return checked(slurmId - min + 1, total, `--shard ${value} (SLURM_ARRAY_TASK_ID=${slurmId}, MIN=${min}, COUNT=${total})`)
  }
  const k8s = number('JOB_COMPLETION_INDEX')
  if (k8s !== null) {
    if (count === null) throw new UserError(`--shard ${value}: JOB_COMPLETION_INDEX=${k8s} has no count in the environment; give it: --shard env/N (the Job's completions)`)
    return checked(k8s + 1, count, `--shard ${value} (JOB_COMPLETION_INDEX=${k8s})`)
  }
  const gitlab = number('CI_NODE_INDEX')
  if (gitlab !== null) {
    const total = number('CI_NODE_TOTAL')
    if (total === null) throw new UserError(`--shard ${value}: CI_NODE_INDEX is set but CI_NODE_TOTAL is not; expected a GitLab parallel job`)
    return checked(gitlab, total, `--shard ${value} (CI_NODE_INDEX=${gitlab}, CI_NODE_TOTAL=${total})`)
  }
  throw new UserError(
    `--shard ${value}: no shard in the environment; expected SLURM_ARRAY_TASK_ID (a Slurm array), JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, with --shard env/N) or CI_NODE_INDEX (GitLab parallel); elsewhere give --shard K/N`,
  )
}

function checked(index: number, count: number, what: string): Shard {
  if (count < 1 || count > MAX_SHARDS) throw new UserError(`${what}: expected between 1 and ${MAX_SHARDS} shards`)
  if (index < 1 || index > count) throw new UserError(`${what}: shard ${index} of ${count}; expected a shard from 1 to ${count}`)
  return { index, count }
}
