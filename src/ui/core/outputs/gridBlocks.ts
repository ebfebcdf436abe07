// The elements of a displayed array too big to travel with its display event: the grid asks the
// engine for fixed-size blocks of the page it shows (EngineApi.slice) as they scroll into view, and
// keeps the most recently used ones. Pure bookkeeping; the component does the fetching.

import type { ArrayBlock } from '../../../worker/protocol.ts';

/** A block is this many rows by this many columns of one page (the last ones are clipped). */
export const BLOCK_ROWS = 128;
export const BLOCK_COLS = 32;

/** Blocks kept (each at most BLOCK_ROWS × BLOCK_COLS doubles, 32 KB). */
const MAX_BLOCKS = 96;

export interface BlockRef {
  page: number;
  blockRow: number;
  blockCol: number;
}

export function blockKey(ref: BlockRef): string {
  return `${ref.page}:${ref.blockRow}:${ref.blockCol}`;
}

/** The blocks that cover rows [rowStart, rowEnd] and columns [colStart, colEnd] (inclusive, 0-based). */
export function blocksCovering(page: number, rowStart: number, rowEnd: number, colStart: number, colEnd: number): BlockRef[] {
  const refs: BlockRef[] = [];
  if (rowEnd < rowStart || colEnd < colStart) return refs;
  for (let blockCol = Math.floor(colStart / BLOCK_COLS); blockCol <= Math.floor(colEnd / BLOCK_COLS); blockCol++) {
    for (let blockRow = Math.floor(rowStart / BLOCK_ROWS); blockRow <= Math.floor(rowEnd / BLOCK_ROWS); blockRow++) {
      refs.push({ page, blockRow, blockCol });
    }
  }
  return refs;
}

export type CellValue = { re: number; im: number | null };

export class BlockCache {
  /** Map order is recency order. */
  private readonly blocks = new Map<string, ArrayBlock>();
  private readonly requested = new Set<string>();

  /** Whether the block is here or on its way. */
  has(ref: BlockRef): boolean {
    const key = blockKey(ref);
    return this.blocks.has(key) || this.requested.has(key);
  }

  markRequested(ref: BlockRef): void {
    this.requested.add(blockKey(ref));
  }

  /** A request that failed may be asked again. */
  forget(ref: BlockRef): void {
    this.requested.delete(blockKey(ref));
  }

  store(ref: BlockRef, block: ArrayBlock): void {
    const key = blockKey(ref);
    this.requested.delete(key);
    this.blocks.delete(key);
    this.blocks.set(key, block);
    for (const oldest of this.blocks.keys()) {
      if (this.blocks.size <= MAX_BLOCKS) break;
      this.blocks.delete(oldest);
    }
  }

  /** Element (row, col) of `page` (0-based), or undefined while its block is not here. */
  valueAt(page: number, row: number, col: number): CellValue | undefined {
    const block = this.blocks.get(blockKey({ page, blockRow: Math.floor(row / BLOCK_ROWS), blockCol: Math.floor(col / BLOCK_COLS) }));
    if (!block) return undefined;
    const r = row - block.rowStart;
    const c = col - block.colStart;
    if (r < 0 || c < 0 || r >= block.rowCount || c >= block.colCount) return undefined;
    const k = c * block.rowCount + r;
    return { re: block.re[k], im: block.im ? block.im[k] : null };
  }

  get size(): number {
    return this.blocks.size;
  }
}
