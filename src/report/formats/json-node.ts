/** A JSON value, as the JSON-LD formats build their documents. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonNode
export interface JsonNode {
  [key: string]: JsonValue
}
