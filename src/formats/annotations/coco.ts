import { UserError } from '../../util/errors.js'
import { cutPreview, type AnnotationAdapter, type AnnotationItem } from './item.js'
import { headStartsWith, readJsonDocument } from './json-document.js'
import { describeJsonType, idText, isJsonObject, type JsonObject } from './json-values.js'

/**
 * COCO (instances, keypoints, panoptic-style) JSON: one item per image, in `images` order, with
 * the category names of its annotations in annotation order. Images nobody annotated are items
 * with no labels: in an audit, "nothing here" is a labelling decision too. Parsed whole (see
 * json-document.ts): annotations refer to images and categories anywhere in the file.
 */
async function* readCoco(file: string): AsyncGenerator<AnnotationItem> {
  const document = await readJsonDocument(file)
  if (!isJsonObject(document) || !Array.isArray(document.images) || !Array.isArray(document.annotations) || !Array.isArray(document.categories)) {
    throw new UserError(`${file}: expected a COCO object with "images", "annotations" and "categories" lists`)
  }
  const categories = categoryNames(file, document.categories)
  const perImage = new Map<string, JsonObject[]>()
  document.images.forEach((image: unknown, i) => {
    const id = isJsonObject(image) ? idText(image.id) : undefined
    if (id === undefined) throw new UserError(`${file}: image #${i + 1}: expected an object with an "id"`)
    if (perImage.has(id)) throw new UserError(`${file}: image #${i + 1}: id ${id} is used by an earlier image too`)
    perImage.set(id, [])
  })
  document.annotations.forEach((annotation: unknown, a) => {
    if (!isJsonObject(annotation)) throw new UserError(`${file}: annotation #${a + 1}: expected an object, found ${describeJsonType(annotation)}`)
    const name = `annotation ${idText(annotation.id) ?? `#${a + 1}`}`
    const imageId = idText(annotation.image_id)
    const list = imageId === undefined ? undefined : perImage.get(imageId)
    if (!list) throw new UserError(`${file}: ${name}: image_id ${String(annotation.image_id)} is not in "images"`)
    const categoryId = idText(annotation.category_id)
    if (categoryId === undefined || !categories.has(categoryId)) {
      throw new UserError(`${file}: ${name}: category_id ${String(annotation.category_id)} is not in "categories"`)
    }
    list.push(annotation)
  })
  for (const image of document.images as JsonObject[]) {
    const id = idText(image.id)!
    const annotations = perImage.get(id)!
    yield {
      item_id: id,
      annotator: sharedAnnotator(annotations),
      labels: annotations.map((a) => categories.get(idText(a.category_id)!)!),
      source_file: file,
      location: `image ${id}`,
      preview: cutPreview(typeof image.file_name === 'string' ? image.file_name : ''),
    }
  }
}

function categoryNames(file: string, categories: readonly unknown[]): Map<string, string> {
  const names = new Map<string, string>()
  categories.forEach((category: unknown, c) => {
    const id = isJsonObject(category) ? idText(category.id) : undefined
    if (!isJsonObject(category) || id === undefined || typeof category.name !== 'string') {
      throw new UserError(`${file}: category #${c + 1}: expected an object with an "id" and a "name"`)
    }
    names.set(id, category.name)
  })
  return names
}

/**
 * COCO has no annotator field; exporters that add one put it in `attributes.annotator` (CVAT,
 * datumaro) or `annotator` (Label Studio with LABEL_STUDIO_FORCE_ANNOTATOR_EXPORT). An image
 * has an annotator only when every one of its annotations names the same one.
 */
function sharedAnnotator(annotations: readonly JsonObject[]): string | null {
  let shared: string | null = null
  for (const annotation of annotations) {
    const attributes = annotation.attributes
    const who = idText(isJsonObject(attributes) ? attributes.annotator : undefined) ?? idText(annotation.annotator)
    if (who === undefined || (shared !== null && who !== shared)) return null
    shared = who
  }
  return shared
}

/** COCO object-detection / segmentation JSON. */
export const cocoAdapter: AnnotationAdapter = {
  format: 'coco',
  // Official COCO files put "images" before "annotations" and "categories", possibly past the
  // 64 KiB head; the image records' "file_name" is enough to tell them apart.
  sniff: (_file, head) => headStartsWith(head, '{') && /"images"\s*:\s*\[/.test(head) && /"(file_name|categories|image_id)"\s*:/.test(head),
  read: readCoco,
}
