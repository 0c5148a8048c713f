import { existsSync } from 'node:fs'
import path from 'node:path'
import type { FindingDraft } from '../findings/finding.js'
import { recordExtension } from './detect.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from './types.js'

/** Files that stand in for content kept elsewhere: Git LFS, git-annex (unlocked) and DVC pointers. */
export type PointerFormat = 'lfs-pointer' | 'annex-pointer' | 'dvc-pointer'

export const POINTER_FORMATS: ReadonlySet<string> = new Set<PointerFormat>(['lfs-pointer', 'annex-pointer', 'dvc-pointer'])

/** The Git LFS specification keeps pointer files below 1024 bytes; git-annex's are one short line. */
const POINTER_MAX_BYTES = 1024
/** A .dvc file lists its outputs; a very long list is still read whole up to this size. */
const DVC_MAX_BYTES = 1 << 20

const LFS_VERSION = /^version https:\/\/(git-lfs|hawser)\.github\.com\/spec\/v1\r?\n/
const LFS_OID = /^oid sha256:[0-9a-f]{64}\r?$/m
const LFS_SIZE = /^size (\d+)\r?$/m
const ANNEX_POINTER = /^\/annex\/objects\/([^\s/]+)\r?\n?$/
const DVC_OUTS = /^outs:[ \t]*\r?$/m

/**
 * A pointer file from its first bytes and its name, or null. `head` is the whole file whenever the
 * file is small enough to be a Git LFS or git-annex pointer.
 */
export function detectPointer(head: Uint8Array, relPath: string): PointerFormat | null {
  if (head.indexOf(0) !== -1) return null
  if (head.length < POINTER_MAX_BYTES) {
    const text = Buffer.from(head).toString('latin1')
    if (LFS_VERSION.test(text) && LFS_OID.test(text) && LFS_SIZE.test(text)) return 'lfs-pointer'
    if (ANNEX_POINTER.test(text)) return 'annex-pointer'
  }
  if (recordExtension(relPath) === 'dvc' && DVC_OUTS.test(Buffer.from(head.subarray(0, 64 * 1024)).toString('utf8'))) return 'dvc-pointer'
  return null
}

/**
 * The size a git-annex key declares (`SHA256E-s1048576--…`: the `-s` field before `--`), or
 * undefined when the key has none.
 */
export function annexKeySize(key: string): number | undefined {
  const fields = key.split('--', 1)[0]!
  const match = /-s(\d+)(?=-|$)/.exec(fields)
  return match ? Number(match[1]) : undefined
}

/** The finding for a git-annex key whose content is not here (an unlocked pointer or a broken link). */
export function annexNotPresent(key: string): FindingDraft {
  const size = annexKeySize(key)
  return { code: 'CONTENT_NOT_PRESENT', args: { kind: 'git-annex', command: 'git annex get', ...(size !== undefined && { size }) } }
}

/**
 * Reads a pointer file (it is small) and says what it stands in for. A pointer is not data: it has
 * no records. A .dvc file whose outputs are all present beside it needs no finding.
 */
class PointerAnalyzer implements ContentAnalyzer {
  private readonly parts: Buffer[] = []
  private length = 0

  constructor(
    private readonly ctx: AnalyzerContext,
    private readonly format: PointerFormat,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.length >= DVC_MAX_BYTES) return
    const part = Buffer.from(chunk.subarray(0, DVC_MAX_BYTES - this.length))
    this.parts.push(part)
    this.length += part.length
  }

  async finish(): Promise<ContentAnalysis> {
    const text = Buffer.concat(this.parts).toString('utf8')
    const finding = await this.notPresent(text)
    return { findings: finding ? [finding] : [] }
  }

  private async notPresent(text: string): Promise<FindingDraft | null> {
    switch (this.format) {
      case 'lfs-pointer': {
        const size = LFS_SIZE.exec(text)
        return { code: 'CONTENT_NOT_PRESENT', args: { kind: 'git-lfs', command: 'git lfs pull', ...(size && { size: Number(size[1]) }) } }
      }
      case 'annex-pointer':
        return annexNotPresent(ANNEX_POINTER.exec(text)?.[1] ?? '')
      case 'dvc-pointer':
        return this.dvcNotPresent(text)
    }
  }

  /** The outputs a .dvc file lists that are not beside it; their declared sizes when every one has one. */
  private async dvcNotPresent(text: string): Promise<FindingDraft | null> {
    const outs = await dvcOuts(text)
    const dir = path.dirname(this.ctx.absPath)
    const missing = outs === null ? null : outs.filter((out) => !existsSync(path.resolve(dir, out.path)))
    if (missing !== null && missing.length === 0) return null
    const sizes = missing?.map((out) => out.size) ?? []
    const size = sizes.length > 0 && sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a + b, 0) : undefined
    return { code: 'CONTENT_NOT_PRESENT', args: { kind: 'dvc', command: 'dvc pull', ...(size !== undefined && { size }) } }
  }
}

/** The `outs` of a .dvc file (path, and size when given), or null when they cannot be read. */
async function dvcOuts(text: string): Promise<{ path: string; size: number | undefined }[] | null> {
  const { parse } = await import('yaml')
  let document: unknown
  try {
    document = parse(text)
  } catch {
    return null
  }
  const outs = (document as { outs?: unknown } | null)?.outs
  if (!Array.isArray(outs)) return null
  const result: { path: string; size: number | undefined }[] = []
  for (const out of outs as unknown[]) {
    const entry = out as { path?: unknown; size?: unknown } | null
    if (typeof entry?.path !== 'string' || entry.path === '') return null
    result.push({ path: entry.path, size: typeof entry.size === 'number' && Number.isSafeInteger(entry.size) && entry.size >= 0 ? entry.size : undefined })
  }
  return result.length > 0 ? result : null
}

export function createPointerAnalyzer(ctx: AnalyzerContext, format: PointerFormat): ContentAnalyzer {
  return new PointerAnalyzer(ctx, format)
}
