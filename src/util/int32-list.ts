const BLOCK = 1 << 16

/**
 * A list of 32-bit integers that grows in blocks of 64K (256 KiB): a column per image of a large
 * COCO export takes 4 bytes an image, and growing never copies what is held (a doubling array
 * would need the old and the new copy at once).
 */
export class Int32List {
  private blocks: Int32Array[] = []
  length = 0

  push(value: number): void {
    const at = this.length % BLOCK
    if (at === 0) this.blocks.push(new Int32Array(BLOCK))
    this.blocks[this.blocks.length - 1]![at] = value
    this.length++
  }

  get(index: number): number {
    return this.blocks[Math.floor(index / BLOCK)]![index % BLOCK]!
  }

  set(index: number, value: number): void {
    this.blocks[Math.floor(index / BLOCK)]![index % BLOCK] = value
  }
}
