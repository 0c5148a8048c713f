import { closeSync, openSync, writeSync } from 'node:fs'

export interface BigCocoShape {
  images: number
  annotations: number
  categories: number
  /** "categories" after "annotations" (and "images" last), as some exporters write them */
  categoriesLast?: boolean
}

/**
 * Writes a COCO instances file of the given shape without holding it: annotation `a` (0-based)
 * is on image `a % images + 1` with category `a % categories + 1`, so the counts are known from
 * the shape alone. Each annotation carries a bbox and a small polygon (about 150 bytes), so 7M
 * annotations make a file past 1 GB, as in issue 12. Returns the file's size in bytes.
 */
export function writeBigCoco(file: string, shape: BigCocoShape): number {
  const fd = openSync(file, 'w')
  let size = 0
  let buffered: string[] = []
  let bufferedChars = 0
  const put = (text: string): void => {
    buffered.push(text)
    bufferedChars += text.length
    if (bufferedChars > 1 << 22) flush()
  }
  const flush = (): void => {
    size += writeSync(fd, buffered.join(''))
    buffered = []
    bufferedChars = 0
  }
  const list = (name: string, count: number, element: (i: number) => string): void => {
    put(`"${name}":[`)
    for (let i = 0; i < count; i++) put((i === 0 ? '\n' : ',\n') + element(i))
    put(']')
  }
  const images = (): void => list('images', shape.images, (i) => `{"id":${i + 1},"file_name":"${String(i + 1).padStart(12, '0')}.jpg","width":640,"height":480}`)
  const categories = (): void => list('categories', shape.categories, (i) => `{"id":${i + 1},"name":"class-${i + 1}","supercategory":"thing"}`)
  const annotations = (): void =>
    list('annotations', shape.annotations, (a) => {
      const x = a % 600
      const y = (a * 7) % 440
      return `{"id":${a + 1},"image_id":${(a % shape.images) + 1},"category_id":${(a % shape.categories) + 1},"bbox":[${x},${y},32.5,24.25],"area":788.125,"iscrowd":0,"segmentation":[[${x},${y},${x + 32},${y},${x + 32},${y + 24},${x},${y + 24}]]}`
    })
  try {
    put('{"info":{"description":"generated for tdgov tests","version":"1.0"},"licenses":[],')
    if (shape.categoriesLast) {
      annotations()
      put(',')
      categories()
      put(',')
      images()
    } else {
      images()
      put(',')
      annotations()
      put(',')
      categories()
    }
    put('}\n')
    flush()
  } finally {
    closeSync(fd)
  }
  return size
}
