// How the grid view of a displayed array writes its cells and header. Cells follow MATLAB's
// `format short` for the array as a whole (every cell alike, as in MATLAB's display): whole
// numbers as integers, magnitudes from 0.001 to 1000 with four decimals, anything else in
// exponent form with four decimals. Unlike the command window there is no common scale factor
// (`1.0e+03 *`): in a grid that scrolls, a factor far from the cells is easy to miss.

import type { ArrayGrid } from '../../../worker/protocol.ts';

/** When a display reads better as a grid: many elements, or MATLAB had to split it into column blocks. */
export const GRID_MIN_ELEMENTS = 200;

export type GridNumberStyle = 'integer' | 'fixed' | 'exponent';

const INTEGER_CLASSES = new Set(['logical', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']);

/** Whether a display with grid data should be shown as a grid instead of its MATLAB text. */
export function prefersGrid(display: { text: string; grid?: ArrayGrid }): boolean {
  const grid = display.grid;
  if (!grid) return false;
  if (grid.rows * grid.cols * grid.pages > GRID_MIN_ELEMENTS) return true;
  // `  Columns 1 through 8`: the text is wider than MATLAB's 80-column window.
  return /^ {2}Columns \d+/m.test(display.text);
}

export function gridNumberStyle(className: string, grid: Pick<ArrayGrid, 'maxAbs' | 'integers'>): GridNumberStyle {
  if (INTEGER_CLASSES.has(className)) return 'integer';
  if (grid.integers && grid.maxAbs < 1e9) return 'integer';
  if (grid.maxAbs === 0 || (grid.maxAbs > 0.001 && grid.maxAbs < 1000)) return 'fixed';
  return 'exponent';
}

/** One real element: `3`, `-0.5000`, `1.2346e+05`, `NaN`, `-Inf`. */
export function formatGridNumber(x: number, style: GridNumberStyle): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  switch (style) {
    case 'integer':
      return x.toFixed(0);
    case 'fixed':
      return x.toFixed(4);
    case 'exponent':
      return exponentText(x);
  }
}

/** One complex element: `1.0000 + 2.0000i`, `3 - 4i`. */
export function formatGridComplex(re: number, im: number, style: GridNumberStyle): string {
  const imagText = formatGridNumber(Math.abs(im), style);
  const sign = im < 0 || Object.is(im, -0) ? '-' : '+';
  return `${formatGridNumber(re, style)} ${sign} ${Number.isNaN(im) ? 'NaN' : imagText}i`;
}

/** `toExponential(4)` with MATLAB's two-digit exponent: `1.2346e+05`, `-3.0000e-07`. */
function exponentText(x: number): string {
  const [mantissa, exponent] = x.toExponential(4).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}

/** Characters the widest cell of the array may need, so every column can have one width. */
export function gridCellChars(style: GridNumberStyle, grid: Pick<ArrayGrid, 'maxAbs' | 'complex'>): number {
  const sign = 1;
  const integerDigits = Math.max(1, Math.floor(Math.log10(Math.max(1, grid.maxAbs))) + 1);
  const real = style === 'integer' ? Math.max(integerDigits, 3) : style === 'fixed' ? integerDigits + 5 : grid.maxAbs >= 1e100 ? 11 : 10;
  // `NaN` and `-Inf` are 3 and 4 wide: never wider than the sign plus three characters.
  const part = sign + Math.max(real, 3);
  return grid.complex ? 2 * part + 3 : part;
}

/** The grid's header: `x: 1000×1000 double · gpu·f32`. */
export function gridHeaderText(name: string, size: readonly number[], className: string, residency: ArrayGrid['residency']): string {
  return `${name}: ${size.join('×')} ${className} · ${residency}`;
}

/** The subscript of page `page` (0-based) of an N-D array: `(:,:,2)`, `(:,:,1,3)`. */
export function pageSubscript(size: readonly number[], page: number): string {
  const subs: number[] = [];
  let rest = page;
  for (let d = 2; d < size.length; d++) {
    subs.push((rest % size[d]) + 1);
    rest = Math.floor(rest / size[d]);
  }
  return `(:,:,${subs.join(',')})`;
}
