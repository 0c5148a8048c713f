import { parentPort, workerData } from 'node:worker_threads'
import { listTreeHere, type ListTreeRequest } from './list-tree.js'

// The worker side of listTree: list, stat, post once, end.
const listing = await listTreeHere(workerData as ListTreeRequest)
parentPort!.postMessage(listing, [listing.sizes.buffer as ArrayBuffer, listing.mtimes.buffer as ArrayBuffer])
