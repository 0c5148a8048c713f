// The decoders moved to the readers layer (src/formats/decompress.ts), which data-item audits share.
export { createDecoder, decompressHead, type Decoder } from '../formats/decompress.js'
