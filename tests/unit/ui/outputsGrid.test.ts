// The grid view's pure parts: when a display becomes a grid, how cells are written (MATLAB's
// format short for the whole array), the header, N-D page subscripts, and the block cache of
// arrays too big to travel with their display.
import { describe, expect, it } from 'vitest';
import type { ArrayBlock, ArrayGrid } from '../../../src/worker/protocol.ts';
import {
  formatGridComplex,
  formatGridNumber,
  gridCellChars,
  gridHeaderText,
  gridNumberStyle,
  pageSubscript,
  prefersGrid,
} from '../../../src/ui/core/outputs/gridFormat.ts';
import { BLOCK_COLS, BLOCK_ROWS, BlockCache, blocksCovering } from '../../../src/ui/core/outputs/gridBlocks.ts';

function grid(rows: number, cols: number, pages = 1, extra: Partial<ArrayGrid> = {}): ArrayGrid {
  return { rows, cols, pages, residency: 'cpu', maxAbs: 1, integers: true, complex: false, re: null, im: null, ...extra };
}

describe('prefersGrid', () => {
  it('takes big arrays and arrays MATLAB splits into column blocks', () => {
    expect(prefersGrid({ text: 'x =\n\n     1     2\n', grid: grid(1, 2) })).toBe(false);
    expect(prefersGrid({ text: '', grid: grid(15, 15) })).toBe(true);
    expect(prefersGrid({ text: '', grid: grid(10, 10, 3) })).toBe(true);
    expect(prefersGrid({ text: 'x =\n\n  Columns 1 through 13\n\n     1     2\n', grid: grid(1, 20) })).toBe(true);
    expect(prefersGrid({ text: 'no data', grid: undefined })).toBe(false);
  });
});

describe('grid cell format', () => {
  it('picks one style for the whole array, like format short', () => {
    expect(gridNumberStyle('double', { maxAbs: 1e6, integers: true })).toBe('integer');
    expect(gridNumberStyle('double', { maxAbs: 3.5, integers: false })).toBe('fixed');
    expect(gridNumberStyle('double', { maxAbs: 12345.5, integers: false })).toBe('exponent');
    expect(gridNumberStyle('double', { maxAbs: 0.0004, integers: false })).toBe('exponent');
    expect(gridNumberStyle('double', { maxAbs: 1e10, integers: true })).toBe('exponent');
    expect(gridNumberStyle('logical', { maxAbs: 1, integers: true })).toBe('integer');
    expect(gridNumberStyle('int16', { maxAbs: 1e12, integers: true })).toBe('integer');
    // All zeros, or all NaN: nothing to scale.
    expect(gridNumberStyle('double', { maxAbs: 0, integers: false })).toBe('fixed');
  });

  it('writes numbers as MATLAB does', () => {
    expect(formatGridNumber(3, 'integer')).toBe('3');
    expect(formatGridNumber(-42, 'integer')).toBe('-42');
    expect(formatGridNumber(Math.PI, 'fixed')).toBe('3.1416');
    expect(formatGridNumber(-0.5, 'fixed')).toBe('-0.5000');
    expect(formatGridNumber(0, 'fixed')).toBe('0');
    expect(formatGridNumber(123456.789, 'exponent')).toBe('1.2346e+05');
    expect(formatGridNumber(-3e-7, 'exponent')).toBe('-3.0000e-07');
    expect(formatGridNumber(1e100, 'exponent')).toBe('1.0000e+100');
    expect(formatGridNumber(NaN, 'fixed')).toBe('NaN');
    expect(formatGridNumber(Infinity, 'integer')).toBe('Inf');
    expect(formatGridNumber(-Infinity, 'exponent')).toBe('-Inf');
    expect(formatGridComplex(1, 2, 'integer')).toBe('1 + 2i');
    expect(formatGridComplex(0.5, -0.25, 'fixed')).toBe('0.5000 - 0.2500i');
  });

  it('sizes columns for the widest cell', () => {
    const wide = (x: number, style: ReturnType<typeof gridNumberStyle>) => formatGridNumber(x, style).length;
    expect(gridCellChars('integer', { maxAbs: 123456, complex: false })).toBeGreaterThanOrEqual(wide(-123456, 'integer'));
    expect(gridCellChars('fixed', { maxAbs: 999.5, complex: false })).toBeGreaterThanOrEqual(wide(-999.5, 'fixed'));
    expect(gridCellChars('exponent', { maxAbs: 1e5, complex: false })).toBeGreaterThanOrEqual(wide(-1e5, 'exponent'));
    expect(gridCellChars('fixed', { maxAbs: 2, complex: true })).toBeGreaterThanOrEqual(formatGridComplex(-2, -2, 'fixed').length);
  });

  it('writes the header and N-D page subscripts', () => {
    expect(gridHeaderText('x', [1000, 1000], 'double', 'gpu·f32')).toBe('x: 1000×1000 double · gpu·f32');
    expect(pageSubscript([2, 3, 4], 0)).toBe('(:,:,1)');
    expect(pageSubscript([2, 3, 4], 3)).toBe('(:,:,4)');
    expect(pageSubscript([2, 3, 2, 3], 3)).toBe('(:,:,2,2)');
    expect(pageSubscript([2, 3, 2, 3], 5)).toBe('(:,:,2,3)');
  });
});

describe('grid blocks', () => {
  function block(page: number, rowStart: number, colStart: number, rows: number, cols: number): ArrayBlock {
    const re = new Float64Array(rows * cols);
    for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) re[c * rows + r] = 1000 * (rowStart + r) + (colStart + c) + page / 10;
    return { size: [1000, 1000], className: 'double', rowStart, rowCount: rows, colStart, colCount: cols, re, im: null };
  }

  it('lists the blocks a visible range needs', () => {
    expect(blocksCovering(0, 0, 10, 0, 5)).toEqual([{ page: 0, blockRow: 0, blockCol: 0 }]);
    const refs = blocksCovering(2, BLOCK_ROWS - 1, BLOCK_ROWS, BLOCK_COLS - 1, BLOCK_COLS);
    expect(refs).toHaveLength(4);
    expect(refs.every((r) => r.page === 2)).toBe(true);
    expect(blocksCovering(0, 5, 4, 0, 0)).toEqual([]);
  });

  it('answers elements from stored blocks, keeps requests once, and forgets old blocks', () => {
    const cache = new BlockCache();
    const ref = { page: 0, blockRow: 1, blockCol: 2 };
    expect(cache.has(ref)).toBe(false);
    cache.markRequested(ref);
    expect(cache.has(ref)).toBe(true);
    expect(cache.valueAt(0, BLOCK_ROWS, 2 * BLOCK_COLS)).toBeUndefined();
    cache.store(ref, block(0, BLOCK_ROWS, 2 * BLOCK_COLS, BLOCK_ROWS, BLOCK_COLS));
    expect(cache.valueAt(0, BLOCK_ROWS + 3, 2 * BLOCK_COLS + 4)).toEqual({ re: 1000 * (BLOCK_ROWS + 3) + 2 * BLOCK_COLS + 4, im: null });
    // Another page's element is not this block's.
    expect(cache.valueAt(1, BLOCK_ROWS + 3, 2 * BLOCK_COLS + 4)).toBeUndefined();
    const failed = { page: 0, blockRow: 0, blockCol: 0 };
    cache.markRequested(failed);
    cache.forget(failed);
    expect(cache.has(failed)).toBe(false);
    for (let i = 0; i < 200; i++) cache.store({ page: 1, blockRow: i, blockCol: 0 }, block(1, i * BLOCK_ROWS, 0, 1, 1));
    expect(cache.size).toBeLessThanOrEqual(96);
    expect(cache.has(ref)).toBe(false);
  });
});
