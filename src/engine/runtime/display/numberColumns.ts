// The numeric body of MATLAB's command-window display: the text of each element, the common
// column width, the optional common scale factor, and the split into 80-character column blocks.
// Names, class headers and blank lines around the body belong to format.ts.
//
// Rules (format short unless said; checked against MATLAB transcripts):
// - Whole numbers (every finite element an integer, largest magnitude M < 1e9) print as integers.
//   Column width is max(digits + 3, 6) while M < 1000 (`     1     2`, `   -25`), and
//   max(digits + 2, 12) from 1000 on (`        1000`). NaN/Inf/-Inf have no digits: they never
//   widen a column or force decimals (`[1 NaN]` is `     1   NaN`).
// - Otherwise, with M in (0.001, 1000): fixed point, 4 decimals, width 10 (`    0.5000`,
//   `  999.5000`, `    0.0094`); an exact zero is a bare `0`. 0.001 itself is outside
//   (`1.0000e-03`, as MATLAB prints it).
// - Outside that range a scalar is `%.4e`, three spaces in front (`   1.2345e+03`); an array
//   is divided by 10^k, k = floor(log10 M), under one `   1.0e+0k *` line printed above all
//   column blocks, and shown fixed point.
// - format long: 15 decimals for double and 7 for single, fixed width 20 (12 for single), fixed
//   range (0.001, 100); outside it `%.15e` / the scale factor. Whole numbers as in short.
// - Integer classes and logical: width = 3 + longest element text (`   5`, `   1   0   1`).
// - Complex: each part in the real rules' fixed/e/scale choice taken over both parts' magnitudes,
//   always with decimals; real field 3 + widest real part (not counting a minus sign), then
//   ` + ` or ` - `, the imaginary magnitude right-aligned, and `i`.
// - Blocks: floor(80 / width) columns each (at least one), headed `  Columns 1 through 8` (or
//   `  Column 9`) and a blank line, with a blank line between blocks.

import { isIntClass, type ArrayClass } from '../values/index.ts';
import { expo, fixed, nonFiniteText } from './cNumber.ts';

export type NumberFormat = 'short' | 'long';

export const TERMINAL_WIDTH = 80;

/** Element texts (column-major), their common width and the scale-factor line if any. */
export interface NumericCells {
  texts: string[];
  width: number;
  /** `   1.0e+03 *` (no newline), or null. */
  scale: string | null;
}

interface RealStyle {
  decimals: number;
  fixedWidth: number;
  upper: number;
}

function realStyle(cls: ArrayClass, format: NumberFormat): RealStyle {
  if (format === 'short') return { decimals: 4, fixedWidth: 10, upper: 1000 };
  return cls === 'single'
    ? { decimals: 7, fixedWidth: 12, upper: 100 }
    : { decimals: 15, fixedWidth: 20, upper: 100 };
}

function maxFiniteAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  }
  return m;
}

function inFixedRange(m: number, style: RealStyle): boolean {
  return m > 0.001 && m < style.upper;
}

function scaleOf(m: number): { k: number; line: string } {
  const k = Math.floor(Math.log10(m));
  const mag = String(Math.abs(k)).padStart(2, '0');
  return { k, line: `   1.0e${k < 0 ? '-' : '+'}${mag} *` };
}

function divideByPow10(v: number, k: number): number {
  return k >= 0 ? v / 10 ** k : v * 10 ** -k;
}

function integerText(v: number): string {
  if (!Number.isFinite(v)) return nonFiniteText(v);
  return v === 0 ? '0' : v.toFixed(0);
}

/** Integer classes and logical: 3 spaces plus the widest element. */
function integerClassCells(values: ArrayLike<number>): NumericCells {
  const texts: string[] = [];
  let widest = 1;
  for (let i = 0; i < values.length; i++) {
    const t = integerText(values[i]);
    texts.push(t);
    widest = Math.max(widest, t.length);
  }
  return { texts, width: widest + 3, scale: null };
}

/** Cells of a real double or single array. */
export function realCells(values: ArrayLike<number>, cls: ArrayClass, format: NumberFormat): NumericCells {
  if (isIntClass(cls) || cls === 'logical' || cls === 'char') return integerClassCells(values);
  const m = maxFiniteAbs(values);
  let whole = true;
  for (let i = 0; i < values.length && whole; i++) {
    const v = values[i];
    if (Number.isFinite(v) && !Number.isInteger(v)) whole = false;
  }
  if (whole && m < 1e9) {
    const texts: string[] = [];
    let digits = 1;
    for (let i = 0; i < values.length; i++) {
      const t = integerText(values[i]);
      texts.push(t);
      if (Number.isFinite(values[i])) digits = Math.max(digits, t.length);
    }
    const width = m < 1000 ? Math.max(digits + 3, 6) : Math.max(digits + 2, 12);
    return { texts, width, scale: null };
  }
  const style = realStyle(cls, format);
  const fixedText = (v: number, k: number): string => {
    if (!Number.isFinite(v)) return nonFiniteText(v);
    if (v === 0) return '0';
    return fixed(divideByPow10(v, k), style.decimals);
  };
  if (inFixedRange(m, style)) {
    const texts = Array.from(values, (v) => fixedText(v, 0));
    return { texts, width: columnWidth(texts, style.fixedWidth), scale: null };
  }
  if (values.length === 1) {
    const v = values[0];
    const t = Number.isFinite(v) ? expo(v, style.decimals) : nonFiniteText(v);
    return { texts: [t], width: t.replace(/^-/, '').length + 3, scale: null };
  }
  const { k, line } = scaleOf(m);
  const texts = Array.from(values, (v) => fixedText(v, k));
  return { texts, width: columnWidth(texts, style.fixedWidth), scale: line };
}

/** The fixed width, widened only when a text would touch its neighbour. */
function columnWidth(texts: string[], fixedWidth: number): number {
  let widest = 0;
  for (const t of texts) widest = Math.max(widest, t.length);
  return Math.max(fixedWidth, widest + 1);
}

/** Cells of a complex double or single array. */
export function complexCells(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  cls: ArrayClass,
  format: NumberFormat,
): NumericCells {
  const style = realStyle(cls === 'single' ? 'single' : 'double', format);
  const m = Math.max(maxFiniteAbs(re), maxFiniteAbs(im));
  let scale: string | null = null;
  let k = 0;
  let eFormat = false;
  if (m !== 0 && !inFixedRange(m, style)) {
    if (re.length === 1) eFormat = true;
    else ({ k, line: scale } = scaleOf(m));
  }
  const part = (v: number): string => {
    if (!Number.isFinite(v)) return nonFiniteText(v);
    const x = v === 0 ? 0 : v;
    return eFormat ? expo(x, style.decimals) : fixed(divideByPow10(x, k), style.decimals);
  };
  const reTexts = Array.from(re, part);
  const imTexts = Array.from(im, (v) => part(Math.abs(v)));
  const wre = 3 + Math.max(0, ...reTexts.map((t) => t.replace(/^-/, '').length));
  const wim = Math.max(0, ...imTexts.map((t) => t.length));
  const texts = reTexts.map((r, i) => {
    const sign = im[i] < 0 ? '-' : '+';
    return `${r.padStart(wre)} ${sign} ${imTexts[i].padStart(wim)}i`;
  });
  return { texts, width: wre + 3 + wim + 1, scale };
}

/** `  Columns 1 through 8` / `  Column 9` (1-based, inclusive). */
export function columnsHeader(first: number, last: number): string {
  return first === last ? `  Column ${first}` : `  Columns ${first} through ${last}`;
}

/**
 * Lays out cells of a rows×cols page: the scale line (and a blank line) once, then the rows,
 * split into column blocks when wider than the terminal. Every line ends in `\n`.
 */
export function layoutCells(cells: NumericCells, rows: number, cols: number): string {
  const per = Math.max(1, Math.floor(TERMINAL_WIDTH / cells.width));
  const wrapped = cols > per;
  let out = cells.scale === null ? '' : `${cells.scale}\n\n`;
  for (let c0 = 0; c0 < cols; c0 += per) {
    const c1 = Math.min(c0 + per, cols);
    if (wrapped) out += `${columnsHeader(c0 + 1, c1)}\n\n`;
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = c0; c < c1; c++) line += cells.texts[c * rows + r].padStart(cells.width);
      out += `${line}\n`;
    }
    if (wrapped && c1 < cols) out += '\n';
  }
  return out;
}

/** Cells of one 2-D page of numeric data, real or complex. */
export function pageCells(
  cls: ArrayClass,
  re: ArrayLike<number>,
  im: ArrayLike<number> | null,
  format: NumberFormat,
): NumericCells {
  return im === null || isIntClass(cls) || cls === 'logical'
    ? realCells(re, cls, format)
    : complexCells(re, im, cls, format);
}

/** One number as the display shows it alone, without the leading spaces (`0.5000`, `1.0000e-03`). */
export function scalarText(cls: ArrayClass, re: number, im: number | null, format: NumberFormat): string {
  const cells = pageCells(cls, [re], im === null ? null : [im], format);
  return cells.texts[0].trim();
}
