// What other domains use of the scan: the tree compared with a manifest.
export { treeChanges, type TreeChanges, type TreeChangesInput } from './tree-changes.js'
