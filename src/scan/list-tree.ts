import { statSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { createExcludeFilter } from '../util/excludes.js'
import { walkStream, type WalkedFile } from '../util/walk.js'
import { linkStat } from '../util/annex-link.js'
import { workersAvailable } from './workers-available.js'

/** The regular files of a tree as the scan walks it, with their size and mtime (NaN: vanished). */
export interface TreeListing {
  paths: string[]
  sizes: Float64Array
  mtimes: Float64Array
}

export interface ListTreeRequest {
  root: string
  excludes: readonly string[]
}

/**
 * Lists and stats the tree on a worker thread, so the caller can parse a large manifest meanwhile
 * (on two cores the two take about as long as either). The listing travels as two typed arrays
 * and a list of strings, which cost little to pass between threads.
 */
export function listTree(request: ListTreeRequest): Promise<TreeListing> {
  if (!workersAvailable()) return listTreeHere(request)
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./tree-worker.js', import.meta.url), { workerData: request })
    worker.once('message', (listing: TreeListing) => resolve(listing))
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`tree listing worker exited with code ${code}`))
    })
  })
}

export async function listTreeHere(request: ListTreeRequest): Promise<TreeListing> {
  const walked: WalkedFile[] = []
  await walkStream(request.root, { file: (file) => walked.push(file), finding: () => {} }, [], createExcludeFilter(request.excludes))
  const sizes = new Float64Array(walked.length)
  const mtimes = new Float64Array(walked.length)
  walked.forEach((file, i) => {
    // A git-annex link without its content is listed as the link itself, as the scan records it.
    const stat = statSync(file.absPath, { throwIfNoEntry: false }) ?? linkStat(file.absPath)
    sizes[i] = stat ? stat.size : NaN
    mtimes[i] = stat ? stat.mtimeMs : NaN
  })
  return { paths: walked.map((f) => f.relPath), sizes, mtimes }
}
