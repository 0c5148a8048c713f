import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import path from 'node:path'

/** A single-node Slurm started for a test, or why it could not be. */
export type Slurm = { env: NodeJS.ProcessEnv; stop: () => void } | { skip: string }

const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * munged, slurmctld and slurmd as root with a slurm.conf in `scratch` (as in
 * ../shared/reference/scale-out.md); .ci/run installs Debian's slurm-wlm and munge. `stop` kills
 * exactly the daemons started here, by their pid files.
 */
export function startSlurm(scratch: string): Slurm {
  if (process.getuid?.() !== 0) return { skip: 'Slurm daemons need root here, and this runs as another user' }
  for (const command of ['munged', 'slurmctld', 'slurmd', 'sbatch', 'sinfo']) {
    if (!has(command)) return { skip: `${command} is not installed (Debian: apt-get install slurm-wlm munge; .ci/run does)` }
  }
  const node = hostname().split('.')[0]!
  const dir = (name: string): string => {
    const p = path.join(scratch, name)
    mkdirSync(p, { recursive: true })
    return p
  }
  const munge = { key: path.join(dir('munge-etc'), 'munge.key'), socket: path.join(dir('munge-run'), 'munge.socket'), pid: path.join(scratch, 'munge-run', 'munged.pid'), log: path.join(dir('munge-log'), 'munged.log'), seed: path.join(scratch, 'munge-run', 'seed') }
  writeFileSync(munge.key, randomBytes(1024), { mode: 0o400 })
  const pids: string[] = []
  // Each daemon is asked to stop and waited for (up to 10 s, then killed): they write their state
  // as they go, and the scratch folder is removed after.
  const stop = (): void => {
    for (const file of pids.reverse()) {
      let pid: number
      try {
        pid = Number(readFileSync(file, 'utf8').trim())
        process.kill(pid, 'SIGTERM')
      } catch {
        continue
      }
      for (let waited = 0; alive(pid); waited += 100) {
        if (waited >= 10_000) process.kill(pid, 'SIGKILL')
        sleep(100)
      }
    }
  }
  try {
    // munged refuses keys and folders it does not own, so it runs as root over scratch folders root owns.
    for (const p of [path.dirname(munge.key), path.dirname(munge.socket), path.dirname(munge.log)]) chmodSync(p, 0o700)
    chownSync(munge.key, 0, 0)
    execFileSync('munged', ['--force', `--key-file=${munge.key}`, `--socket=${munge.socket}`, `--pid-file=${munge.pid}`, `--log-file=${munge.log}`, `--seed-file=${munge.seed}`], { stdio: 'ignore' })
    pids.push(munge.pid)
    const state = dir('state')
    const spool = dir('spool')
    const conf = path.join(scratch, 'slurm.conf')
    writeFileSync(
      conf,
      [
        'ClusterName=tdgov-test',
        `SlurmctldHost=${node}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        `AuthInfo=socket=${munge.socket}`,
        `StateSaveLocation=${state}`,
        `SlurmdSpoolDir=${spool}`,
        `SlurmctldPidFile=${path.join(scratch, 'slurmctld.pid')}`,
        `SlurmdPidFile=${path.join(scratch, 'slurmd.pid')}`,
        `SlurmctldLogFile=${path.join(scratch, 'slurmctld.log')}`,
        `SlurmdLogFile=${path.join(scratch, 'slurmd.log')}`,
        'SlurmctldPort=16817',
        'SlurmdPort=16818',
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'ReturnToService=2',
        'MpiDefault=none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        `NodeName=${node} CPUs=2 RealMemory=2000 State=UNKNOWN`,
        `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    )
    const env = { ...process.env, SLURM_CONF: conf }
    execFileSync('slurmctld', ['-f', conf], { env, stdio: 'ignore' })
    pids.push(path.join(scratch, 'slurmctld.pid'))
    execFileSync('slurmd', ['-f', conf], { env, stdio: 'ignore' })
    pids.push(path.join(scratch, 'slurmd.pid'))
    for (let waited = 0; ; waited += 500) {
      const info = spawnSync('sinfo', ['-h', '-o', '%t'], { env, encoding: 'utf8' })
      if (info.status === 0 && /idle/.test(info.stdout)) break
      if (waited > 30_000) throw new Error(`the node did not become idle: ${info.stdout.trim() || info.stderr.trim()}`)
      sleep(500)
    }
    return { env, stop }
  } catch (error) {
    stop()
    const log = ['slurmctld.log', 'slurmd.log'].map((f) => path.join(scratch, f)).filter(existsSync).map((f) => readFileSync(f, 'utf8').trim().split('\n').at(-1))
    return { skip: `Slurm did not start here (${(error as Error).message.split('\n')[0]}${log.length > 0 ? `; ${log.join('; ')}` : ''})` }
  }
}
