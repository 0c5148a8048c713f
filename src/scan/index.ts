// What other domains use of the scan: the tree listed as the scan walks it, and compared with a manifest.
export { listTree, type TreeListing, type ListTreeRequest } from './list-tree.js'
export { treeChanges, type TreeChanges, type TreeChangesInput } from './tree-changes.js'
