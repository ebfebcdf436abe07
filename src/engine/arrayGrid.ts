// A displayed array as data, for the page's grid view: the whole value when it is small enough to
// send with its display event (ArrayGrid), and rectangles of one page for larger ones (ArrayBlock,
// EngineApi.slice). Only host data is read here: a GPU value passes through as the host copy its
// display read back (GpuTensor.host), or the caller reads it back first.

import type { ArrayBlock, ArrayGrid, Residency } from '../worker/protocol.ts';
import type { Tensor, Value } from './runtime/values/index.ts';

/** Elements one display event may carry (8 MB of doubles); larger arrays are read in blocks. */
export const GRID_INLINE_MAX = 1_000_000;

/** Elements all the displays of one cell run may carry, so a loop of displays can't hoard memory. */
export const GRID_INLINE_PER_RUN = 2_000_000;

export function residencyOf(value: Value): Residency {
  if (value.type !== 'gpu') return 'cpu';
  return value.cls === 'double' ? 'gpu·f32' : 'gpu';
}

/** The host tensor behind a numeric or logical value (a GPU value's read-back copy), or null. */
export function gridTensorOf(value: Value): Tensor | null {
  const tensor = value.type === 'tensor' ? value : value.type === 'gpu' ? value.host : null;
  if (tensor === null || tensor.cls === 'char') return null;
  return tensor;
}

/**
 * The grid of a displayed value: numeric and logical arrays of two or more elements (a scalar
 * reads best as text). `inlineRoom` is how many elements may still travel with the event; past
 * it the grid has no data and the page asks for blocks. Returns null for every other value.
 *
 * The element arrays are the tensor's own (tensors are immutable once displayed): the worker's
 * postMessage copies them when the event crosses to the page.
 */
export function arrayGridOf(value: Value, inlineRoom: number): ArrayGrid | null {
  const tensor = gridTensorOf(value);
  if (tensor === null || tensor.numel < 2) return null;
  const [rows, cols] = tensor.shape;
  let pages = 1;
  for (let d = 2; d < tensor.shape.length; d++) pages *= tensor.shape[d];
  const { maxAbs, integers } = magnitudes(tensor);
  const inline = tensor.numel <= Math.min(GRID_INLINE_MAX, inlineRoom);
  return {
    rows,
    cols,
    pages,
    residency: residencyOf(value),
    maxAbs,
    integers,
    complex: tensor.im !== null,
    re: inline ? tensor.re : null,
    im: inline ? tensor.im : null,
  };
}

/** How many elements of the per-run inline allowance a grid used. */
export function inlineElements(grid: ArrayGrid): number {
  return grid.re === null ? 0 : grid.re.length * (grid.im === null ? 1 : 2);
}

/**
 * Rows rowStart.. and columns colStart.. of page `page` of the tensor, clipped to the array.
 * Null when the page does not exist.
 */
export function arrayBlockOf(tensor: Tensor, className: string, page: number, rowStart: number, rowCount: number, colStart: number, colCount: number): ArrayBlock | null {
  const [rows, cols] = tensor.shape;
  const pages = rows * cols === 0 ? 0 : tensor.numel / (rows * cols);
  if (!Number.isInteger(page) || page < 0 || page >= pages) return null;
  const r0 = clampIndex(rowStart, rows);
  const c0 = clampIndex(colStart, cols);
  const nr = Math.max(0, Math.min(rows - r0, Math.trunc(rowCount)));
  const nc = Math.max(0, Math.min(cols - c0, Math.trunc(colCount)));
  const re = new Float64Array(nr * nc);
  const im = tensor.im ? new Float64Array(nr * nc) : null;
  const pageOffset = page * rows * cols;
  for (let c = 0; c < nc; c++) {
    const from = pageOffset + (c0 + c) * rows + r0;
    re.set(tensor.re.subarray(from, from + nr), c * nr);
    if (im && tensor.im) im.set(tensor.im.subarray(from, from + nr), c * nr);
  }
  return { size: [...tensor.shape], className, rowStart: r0, rowCount: nr, colStart: c0, colCount: nc, re, im };
}

function clampIndex(start: number, extent: number): number {
  return Math.max(0, Math.min(extent, Math.trunc(start)));
}

/** The largest finite magnitude (real and imaginary parts) and whether every finite element is whole. */
function magnitudes(tensor: Tensor): { maxAbs: number; integers: boolean } {
  let maxAbs = 0;
  let integers = true;
  const scan = (values: Float64Array) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      const a = Math.abs(v);
      if (a > maxAbs) maxAbs = a;
      if (integers && !Number.isInteger(v)) integers = false;
    }
  };
  scan(tensor.re);
  if (tensor.im) scan(tensor.im);
  return { maxAbs, integers };
}
