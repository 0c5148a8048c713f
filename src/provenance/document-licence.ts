/** The licence a documentation file states, as the scan records it on that file's entry. */
export interface DocumentLicence {
  /** where the statement was read */
  from: 'licence-text' | 'dataset-card' | 'croissant'
  /** the strings as written (card and Croissant), or the SPDX id the text was identified as */
  stated: string[]
  /** canonical ids (SPDX where there is one), in the order stated */
  ids: string[]
  /** Sørensen–Dice similarity to the SPDX text, for licence texts */
  similarity?: number
}
