import path from 'node:path'
import { CONFIG_FILE } from './config-file.js'

export const TDGOV_DIR = '.tdgov'
export const MANIFEST_PATH = path.join(TDGOV_DIR, 'manifest.json')
export const AUDITS_PATH = path.join(TDGOV_DIR, 'audits')

/** Where a project's files are. Every command finds them by the same rule (locateProject). */
export interface Project {
  root: string
  /** tdgov.yaml: `--config`, else <root>/tdgov.yaml (which may not exist) */
  configFile: string
  /** whether the user named the config, so that a missing one is an error */
  configGiven: boolean
  manifestFile: string
  auditsDir: string
}

/**
 * The one discovery rule: the project root is `--project DIR`, else the command's directory
 * argument (scan, check), else the folder of `--config FILE`, else the current directory.
 * `.tdgov/` (manifest, audits, baseline, cache) lives at the root; tdgov.yaml is `--config FILE`,
 * else the root's tdgov.yaml.
 */
export function locateProject(flags: { project?: string | undefined; config?: string | undefined; dir?: string | undefined }): Project {
  const root = flags.project ?? flags.dir ?? (flags.config !== undefined ? path.dirname(flags.config) : '.')
  return {
    root,
    configFile: flags.config ?? path.join(root, CONFIG_FILE),
    configGiven: flags.config !== undefined,
    manifestFile: path.join(root, MANIFEST_PATH),
    auditsDir: path.join(root, AUDITS_PATH),
  }
}
