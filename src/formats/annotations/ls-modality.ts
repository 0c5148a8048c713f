/**
 * What a Label Studio task shows its annotators, from its data: the filing form counts annotated
 * text and image items apart, and Label Studio labels either. A value that is a media file's path
 * or URL says so by its extension; else the data key as Label Studio's templates name it
 * (`$image`, `$audio`, `$video`, `$text`); else prose (a value with a space) is text. Null when
 * the data has no string at all.
 */
export type TaskModality = 'text' | 'image' | 'audio' | 'video'

const EXTENSION: [TaskModality, RegExp][] = [
  ['image', /\.(jpe?g|png|gif|bmp|webp|tiff?|svg)(?:[?#].*)?$/i],
  ['audio', /\.(wav|mp3|flac|ogg|oga|m4a|aac|opus)(?:[?#].*)?$/i],
  ['video', /\.(mp4|webm|mov|avi|mkv|m4v)(?:[?#].*)?$/i],
]
const KEY: [TaskModality, RegExp][] = [
  ['image', /^(image|img|photo|picture|ocr)s?$/i],
  ['audio', /^(audio|speech|sound)$/i],
  ['video', /^video$/i],
  ['text', /^(text|sentence|html|hypertext|dialogue|prompt|content)$/i],
]

export function taskModality(entries: Iterable<readonly [string, unknown]>): TaskModality | null {
  let prose = false
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || value.trim() === '') continue
    const text = value.trim()
    if (!/\s/.test(text)) for (const [modality, pattern] of EXTENSION) if (pattern.test(text)) return modality
    for (const [modality, pattern] of KEY) if (pattern.test(key)) return modality
    if (/\s/.test(text)) prose = true
  }
  return prose ? 'text' : null
}
