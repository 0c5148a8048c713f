import type { FormatDescriptor } from '../format-descriptor.js'

/** A file that stands for content kept elsewhere, recognised by its content (see pointer.ts). */
function pointer(name: 'lfs-pointer' | 'annex-pointer' | 'dvc-pointer'): FormatDescriptor {
  return {
    name,
    extensions: [],
    modality: 'other',
    records: false,
    // ASCII by construction, and recognised before any encoding is looked for
    text: false,
    offload: 'never',
    reader: async (ctx) => (await import('../pointer.js')).createPointerAnalyzer(ctx, name),
  }
}

export const lfsPointer = pointer('lfs-pointer')
export const annexPointer = pointer('annex-pointer')
export const dvcPointer = pointer('dvc-pointer')
