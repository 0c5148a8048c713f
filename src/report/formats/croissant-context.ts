/**
 * The Croissant 1.1 JSON-LD context, written out in every document as the spec's examples do. It
 * is mlcroissant's `make_context()` for 1.1 (python/mlcroissant/mlcroissant/_src/core/rdf.py at
 * mlcommons/croissant@401f6fff), which is what the validator emits and compares documents against
 * (it warns about any of its keys a document lacks), with the https schema.org vocabulary; plus the
 * terms of the 1.1 spec's appendix it leaves out (annotation, excludes, readLines, sdVersion,
 * unArchive, value) and `prov`, so that every term a Croissant document may use is defined.
 */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  annotation: 'cr:annotation',
  arrayShape: 'cr:arrayShape',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  containedIn: 'cr:containedIn',
  cr: 'http://mlcommons.org/croissant/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  description: { '@container': '@language' },
  equivalentProperty: 'cr:equivalentProperty',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  excludes: 'cr:excludes',
  extract: 'cr:extract',
  field: 'cr:field',
  fileObject: 'cr:fileObject',
  fileProperty: 'cr:fileProperty',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isArray: 'cr:isArray',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  name: { '@container': '@language' },
  parentField: 'cr:parentField',
  path: 'cr:path',
  prov: 'http://www.w3.org/ns/prov#',
  rai: 'http://mlcommons.org/croissant/RAI/',
  readLines: 'cr:readLines',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  samplingRate: 'cr:samplingRate',
  sc: 'https://schema.org/',
  sdVersion: 'cr:sdVersion',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
  unArchive: 'cr:unArchive',
  value: 'cr:value',
} as const

export const CROISSANT_1_1 = 'http://mlcommons.org/croissant/1.1'
/** RAI has only a 1.0; the 1.1 core spec still links to it (interop-formats.md §2.1). */
export const CROISSANT_RAI_1_0 = 'http://mlcommons.org/croissant/RAI/1.0'
