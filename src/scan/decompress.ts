// The decoders moved to the readers layer (src/formats/decompress.ts), which data-item audits share.
export * from '../formats/decompress.js'
