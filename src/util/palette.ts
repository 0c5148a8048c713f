/** Colours for human output; each one is the identity when colour is off. */
export interface Palette {
  bold(text: string): string
  red(text: string): string
  yellow(text: string): string
  dim(text: string): string
}

export const NO_COLOR: Palette = { bold: (t) => t, red: (t) => t, yellow: (t) => t, dim: (t) => t }
