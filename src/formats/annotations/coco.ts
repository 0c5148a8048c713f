import { UserError } from '../../util/errors.js'
import { Int32List } from '../../util/int32-list.js'
import { cutPreview, type AdapterOptions, type AnnotationAdapter, type AnnotationItem } from './item.js'
import { headStartsWith } from './json-document.js'
import { readJsonObjectLists, type MemberElement } from './json-object-stream.js'
import { describeJsonType, idText, isJsonObject } from './json-values.js'

const LISTS: ReadonlySet<string> = new Set(['images', 'annotations', 'categories'])

/**
 * An id as a Map key: the same key for ids whose text is the same (idText), as a number where the
 * text is a plain integer (the usual COCO id), which a Map holds without a string per id.
 */
type IdKey = number | string

function idKey(text: string): IdKey {
  if (/^(0|-?[1-9]\d{0,15})$/.test(text)) {
    const n = Number(text)
    if (Number.isSafeInteger(n)) return n
  }
  return text
}

/** Ids (of images, categories, annotators) numbered 0, 1, 2… in the order they are first met. */
class Interned {
  readonly index = new Map<IdKey, number>()
  readonly keys: IdKey[] = []

  of(text: string): number | undefined {
    return this.index.get(idKey(text))
  }

  add(text: string): number {
    const key = idKey(ownCopy(text))
    this.index.set(key, this.keys.length)
    this.keys.push(key)
    return this.keys.length - 1
  }

  text(i: number): string {
    return String(this.keys[i]!)
  }
}

/**
 * A string that holds only its own characters. V8's JSON.parse gives a value longer than 12
 * characters as a slice of the text it parsed: keeping a file name would keep its whole image
 * element (some 100 bytes an image, 50 MB over 500k images).
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8')
}

const NO_ANNOTATION = -2
const NO_SHARED_ANNOTATOR = -1
const NONE = -1

/**
 * COCO (instances, keypoints, panoptic-style) JSON: one item per image, in `images` order, with
 * the category names of its annotations in annotation order. Images nobody annotated are items
 * with no labels: in an audit, "nothing here" is a labelling decision too.
 *
 * The file is streamed (json-object-stream.ts), twice. The first read takes "images",
 * "annotations" and "categories" element by element in whatever order the file has them and keeps
 * compact columns: per image its id, preview, annotation count and shared annotator; category and
 * annotator names once each. References to an image or category not seen yet are checked once
 * the file has been read. The second read (groupLabels) places each annotation's category under
 * its image: one 32-bit number per annotation (7M annotations: 28 MiB). The items are given out
 * then, in "images" order.
 */
async function* readCoco(file: string, options?: AdapterOptions): AsyncGenerator<AnnotationItem> {
  const onChunk = options?.onProgress
  const images = new Interned()
  // per image, by its number in `images`
  const declared = new Int32List() // 1 once the image is in "images"
  const previews: string[] = []
  const firstUse = new Int32List() // the first annotation naming the image, NONE if none did
  const counts = new Int32List()
  const shared = new Int32List() // the annotator every annotation names, NO_SHARED_ANNOTATOR, or NO_ANNOTATION
  const order = new Int32List() // image numbers in "images" order
  const categories = new Interned()
  const categoryNames: (string | undefined)[] = []
  const categoryFirstUse: number[] = []
  const annotators = new Interned()
  const started = new Set<string>()
  let current = ''
  const complete = (list: string): boolean => started.has(list) && current !== list

  const addImage = (text: string): number => {
    declared.push(0)
    previews.push('')
    firstUse.push(NONE)
    counts.push(0)
    shared.push(NO_ANNOTATION)
    return images.add(text)
  }

  const onImage = ({ index: i, value: image }: MemberElement): void => {
    const id = isJsonObject(image) ? idText(image.id) : undefined
    if (!isJsonObject(image) || id === undefined) throw new UserError(`${file}: image #${i + 1}: expected an object with an "id"`)
    let n = images.of(id)
    if (n === undefined) n = addImage(id)
    else if (declared.get(n) === 1) throw new UserError(`${file}: image #${i + 1}: id ${id} is used by an earlier image too`)
    declared.set(n, 1)
    previews[n] = ownCopy(cutPreview(typeof image.file_name === 'string' ? image.file_name : ''))
    order.push(n)
  }

  const onAnnotation = ({ index: a, value: annotation }: MemberElement): void => {
    if (!isJsonObject(annotation)) throw new UserError(`${file}: annotation #${a + 1}: expected an object, found ${describeJsonType(annotation)}`)
    const name = (): string => `annotation ${idText(annotation.id) ?? `#${a + 1}`}`
    const imageId = idText(annotation.image_id)
    let image = imageId === undefined ? undefined : images.of(imageId)
    if (image === undefined) {
      if (imageId === undefined || complete('images')) throw new UserError(`${file}: ${name()}: image_id ${String(annotation.image_id)} is not in "images"`)
      image = addImage(imageId)
    }
    const categoryId = idText(annotation.category_id)
    if (categoryId === undefined || categories.of(categoryId) === undefined) {
      if (categoryId === undefined || complete('categories')) {
        throw new UserError(`${file}: ${name()}: category_id ${String(annotation.category_id)} is not in "categories"`)
      }
      categories.add(categoryId)
      categoryNames.push(undefined)
      categoryFirstUse.push(a)
    }
    if (firstUse.get(image) === NONE) firstUse.set(image, a)
    counts.set(image, counts.get(image) + 1)
    shared.set(image, sharedAnnotator(shared.get(image), annotatorOf(annotation, annotators)))
  }

  const onCategory = ({ index: c, value: category }: MemberElement): void => {
    const id = isJsonObject(category) ? idText(category.id) : undefined
    if (!isJsonObject(category) || id === undefined || typeof category.name !== 'string') {
      throw new UserError(`${file}: category #${c + 1}: expected an object with an "id" and a "name"`)
    }
    let n = categories.of(id)
    if (n === undefined) {
      n = categories.add(id)
      categoryFirstUse.push(NONE)
    }
    // a category id given twice names its category by the later entry, as a whole-file parse did
    categoryNames[n] = category.name
  }

  const onList = (list: string): void => {
    started.add(list)
    current = list
  }
  for await (const element of readJsonObjectLists(file, LISTS, 'a COCO', onList, onChunk)) {
    if (element.member === 'images') onImage(element)
    else if (element.member === 'annotations') onAnnotation(element)
    else onCategory(element)
  }
  if (started.size < LISTS.size) throw new UserError(`${file}: expected a COCO object with "images", "annotations" and "categories" lists`)
  await checkReferences(file, images, declared, firstUse, categories, categoryNames, categoryFirstUse)

  const labels = await groupLabels(file, images, counts, categories, onChunk)
  for (let p = 0; p < order.length; p++) {
    const n = order.get(p)
    const id = images.text(n)
    const who = shared.get(n)
    const names: string[] = []
    for (let l = labels.start[n]!; l < labels.start[n + 1]!; l++) names.push(categoryNames[labels.categories[l]!]!)
    yield {
      item_id: id,
      annotator: who >= 0 ? annotators.text(who) : null,
      labels: names,
      source_file: file,
      location: `image ${id}`,
      preview: previews[n]!,
    }
  }
}

/**
 * The categories of every annotation, grouped by image in annotation order: image n's are
 * `categories[start[n]]` up to `start[n + 1]`. The first read counted each image's annotations;
 * this second read of "annotations" (the other lists are passed over unparsed) puts each in its
 * place, so memory holds one 32-bit number per annotation and nothing more. A file that changed
 * between the two reads is an error, not a mix of both.
 */
async function groupLabels(file: string, images: Interned, counts: Int32List, categories: Interned, onChunk?: () => void): Promise<{ start: Int32Array; categories: Int32Array }> {
  const start = new Int32Array(images.keys.length + 1)
  for (let n = 0; n < images.keys.length; n++) start[n + 1] = start[n]! + counts.get(n)
  const grouped = new Int32Array(start[images.keys.length]!)
  const next = start.slice(0, images.keys.length)
  let read = 0
  const changed = (): UserError => new UserError(`${file}: changed while it was being read (its annotations differ between two reads); read it again once it is complete`)
  for await (const { value } of readJsonObjectLists(file, new Set(['annotations']), 'a COCO', undefined, onChunk)) {
    const annotation = isJsonObject(value) ? value : undefined
    const imageId = idText(annotation?.image_id)
    const categoryId = idText(annotation?.category_id)
    const image = imageId === undefined ? undefined : images.of(imageId)
    const category = categoryId === undefined ? undefined : categories.of(categoryId)
    if (image === undefined || category === undefined || next[image]! >= start[image + 1]!) throw changed()
    grouped[next[image]!++] = category
    read++
  }
  if (read !== grouped.length) throw changed()
  return { start, categories: grouped }
}

/**
 * An annotation that named an image or category before "images" or "categories" was read is
 * checked here: the first (in annotation order) whose image or category never came is an error,
 * worded as it would have been on the spot (its id is read again from the file).
 */
async function checkReferences(
  file: string,
  images: Interned,
  declared: Int32List,
  firstUse: Int32List,
  categories: Interned,
  categoryNames: readonly (string | undefined)[],
  categoryFirstUse: readonly number[],
): Promise<void> {
  let first = Infinity
  let problem = ''
  for (let n = 0; n < images.keys.length; n++) {
    if (declared.get(n) === 0 && firstUse.get(n) < first) {
      first = firstUse.get(n)
      problem = `image_id ${images.text(n)} is not in "images"`
    }
  }
  for (let n = 0; n < categories.keys.length; n++) {
    // an annotation naming a missing image is reported for its image first, as on the spot
    if (categoryNames[n] === undefined && categoryFirstUse[n]! < first) {
      first = categoryFirstUse[n]!
      problem = `category_id ${categories.text(n)} is not in "categories"`
    }
  }
  if (first === Infinity) return
  throw new UserError(`${file}: ${await annotationName(file, first)}: ${problem}`)
}

async function annotationName(file: string, a: number): Promise<string> {
  for await (const { index, value } of readJsonObjectLists(file, new Set(['annotations']), 'a COCO')) {
    if (index === a) return `annotation ${(isJsonObject(value) ? idText(value.id) : undefined) ?? `#${a + 1}`}`
  }
  return `annotation #${a + 1}`
}

/**
 * COCO has no annotator field; exporters that add one put it in `attributes.annotator` (CVAT,
 * datumaro) or `annotator` (Label Studio with LABEL_STUDIO_FORCE_ANNOTATOR_EXPORT). The number of
 * the annotator an annotation names, NO_SHARED_ANNOTATOR when it names none.
 */
function annotatorOf(annotation: Record<string, unknown>, annotators: Interned): number {
  const attributes = annotation.attributes
  const who = idText(isJsonObject(attributes) ? attributes.annotator : undefined) ?? idText(annotation.annotator)
  if (who === undefined) return NO_SHARED_ANNOTATOR
  return annotators.of(who) ?? annotators.add(who)
}

/** An image has an annotator only when every one of its annotations names the same one. */
function sharedAnnotator(sofar: number, who: number): number {
  if (sofar === NO_ANNOTATION) return who
  return sofar === who ? sofar : NO_SHARED_ANNOTATOR
}

/** COCO object-detection / segmentation JSON. */
export const cocoAdapter: AnnotationAdapter = {
  format: 'coco',
  // Official COCO files put "images" before "annotations" and "categories", possibly past the
  // 64 KiB head; the image records' "file_name" is enough to tell them apart.
  sniff: (_file, head) => headStartsWith(head, '{') && /"images"\s*:\s*\[/.test(head) && /"(file_name|categories|image_id)"\s*:/.test(head),
  read: readCoco,
}
