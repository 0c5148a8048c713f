// The part of jsonld 9's API the tests use; the package ships no types.
declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null
    documentUrl: string
    document: unknown
  }
  export interface ExpandOptions {
    base?: string
    /** throw on every lossy construct (a dropped property, a relative IRI) instead of dropping it */
    safe?: boolean
    documentLoader?: (url: string) => Promise<RemoteDocument>
  }
  const jsonld: {
    expand(input: object, options?: ExpandOptions): Promise<unknown[]>
  }
  export default jsonld
}
