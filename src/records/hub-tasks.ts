import { createRequire } from 'node:module'

let tasks: readonly string[] | undefined

/**
 * The Hugging Face Hub's task ids (`task_categories` of a dataset card), from huggingface.js's own
 * list (@huggingface/tasks, PIPELINE_TYPES). Loaded on first use, synchronously so a config
 * refinement can call it, and only when a tdgov.yaml declares task categories (about 30 ms).
 */
export function hubTaskIds(): readonly string[] {
  tasks ??= (createRequire(import.meta.url)('@huggingface/tasks') as { PIPELINE_TYPES: string[] }).PIPELINE_TYPES
  return tasks
}
