/** The token sample's final draw: the scale, and the files it drew (each path's hash is computed once). */
export interface TokenDraw {
  scale: number
  drawn: ReadonlySet<string>
}
