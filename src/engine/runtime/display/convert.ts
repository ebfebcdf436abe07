// num2str and mat2str: numbers to text the way MATLAB (and Octave, which agrees) write them.
//
// num2str(x): a char row for a scalar, a char matrix (one row per row of x) otherwise.
// - Whole numbers: `%{d+2}d` per column, d = digits of the largest finite magnitude (at least 5
//   wide when there are NaN/Inf), so columns are two spaces apart (`1  2  3`).
// - Otherwise `%{n+7}.{n}g` per column with n = floor(log10(max|x|)) + 5 significant digits,
//   clamped to [5, 16] (`num2str(pi)` is `3.1416`, `num2str(123.456)` is `123.456`).
// - num2str(x, p) uses `%{p+7}.{p}g` (integer classes `%{p}d`); num2str(x, fmt) uses sprintf
//   with fmt, once per row. Blank columns common to all rows are trimmed from both ends.
// - Complex elements are `re+imi` with the same precision choice.
// mat2str(x, p = 15): `%.{p}g` elements, ` ` between columns and `;` between rows, in brackets
// unless scalar; logical as true/false; char quoted; an empty that is not 0×0 as `zeros(r,c)`.

import { raise } from '../../errors.ts';
import { charRows, charText, isIntClass, Tensor, type Value } from '../values/index.ts';
import { general, nonFiniteText } from './cNumber.ts';
import { formatPrintf } from './printf.ts';

/** A char matrix from rows of equal length (padded with blanks). */
function charMatrix(rows: string[]): Tensor {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const re = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    const padded = row.padEnd(width);
    for (let j = 0; j < width; j++) re[i + j * rows.length] = padded.charCodeAt(j);
  });
  return new Tensor('char', [rows.length === 0 ? 0 : rows.length, width], re);
}

/** Removes the blank columns every row shares at its start and end (Octave's strtrim). */
function trimColumns(rows: string[]): string[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const padded = rows.map((r) => r.padEnd(width));
  const blankAt = (j: number) => padded.every((r) => r[j] === ' ' || r[j] === '\0');
  let lo = 0;
  while (lo < width && blankAt(lo)) lo++;
  let hi = width;
  while (hi > lo && blankAt(hi - 1)) hi--;
  return padded.map((r) => r.slice(lo, hi));
}

function numericRowValues(t: Tensor, r: number, part: 're' | 'im'): number[] {
  const data = part === 're' ? t.re : (t.im as Float64Array);
  const out: number[] = [];
  for (let c = 0; c < t.cols; c++) out.push(data[r + c * t.rows]);
  return out;
}

function digitsOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) m = Math.max(m, Math.abs(values[i]));
  const d = Math.floor(Math.log10(m));
  return Number.isFinite(d) ? d : 0;
}

function allWhole(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && !Number.isInteger(values[i])) return false;
  return true;
}

/** MATLAB's num2str(x) / num2str(x, precision) / num2str(x, format). */
export function num2str(value: Value, arg?: number | string): Tensor {
  if (value.type !== 'tensor') {
    raise('MATLAB:num2str:invalidInput', 'Input to num2str must be numeric.');
  }
  const t = value;
  if (t.cls === 'char') return t;
  if (t.numel === 0) return charMatrix([]);
  if (typeof arg === 'number' && (!(arg >= 0) || !Number.isInteger(arg))) {
    raise('MATLAB:num2str:invalidPrecision', 'Precision must be a scalar integer >= 0.');
  }
  // Past a double's 767 significant digits more precision changes nothing but the padding.
  if (typeof arg === 'number') arg = Math.min(arg, 800);
  const rows: string[] = [];
  if (t.im !== null) {
    let fmt: string;
    if (typeof arg === 'string') fmt = `${arg}${arg.replace(/^%/, '%-+')}i`;
    else if (typeof arg === 'number') fmt = `%${arg + 7}.${arg}g%-+${arg + 7}.${arg}gi`;
    else {
      const both = Float64Array.from([...t.re, ...t.im]);
      let n = digitsOf(both);
      if (!allWhole(both)) {
        n = Math.min(Math.max(n + 5, 5), 16);
        fmt = `%${n + 7}.${n}g%-+${n + 7}.${n}gi`;
      } else {
        n += 3;
        fmt = `%${n}.0f%-+${n}.0fi`;
      }
    }
    for (let r = 0; r < t.rows; r++) {
      const re = numericRowValues(t, r, 're');
      const im = numericRowValues(t, r, 'im');
      const pairs: number[] = [];
      re.forEach((v, i) => pairs.push(v, im[i]));
      let line = formatPrintf(fmt.repeat(t.cols), [new Tensor('double', [1, pairs.length], Float64Array.from(pairs))]);
      line = line.replace(/( +)i/g, 'i$1');
      rows.push(line);
    }
  } else {
    let fmt: string;
    let perRow = true;
    if (typeof arg === 'string') {
      fmt = arg;
      const conversions = arg.replace(/%%/g, '').split('%').length - 1;
      perRow = !(conversions > 1 || arg === '%s' || arg === '%c');
    } else if (typeof arg === 'number') {
      fmt = isIntClass(t.cls) ? `%${arg}d` : `%${arg + 7}.${arg}g`;
    } else if (t.cls === 'logical') {
      fmt = '%3d';
    } else {
      let n = digitsOf(t.re);
      if (n > 15 || !allWhole(t.re)) {
        n = Math.min(Math.max(n + 5, 5), 16);
        fmt = `%${n + 7}.${n}g`;
      } else {
        n += 3;
        if (t.re.some((v) => !Number.isFinite(v))) n = Math.max(n, 5);
        fmt = `%${n}d`;
      }
    }
    const rowFmt = perRow ? `${fmt.repeat(t.cols).trimEnd()}\n` : fmt;
    const text = formatPrintf(rowFmt, [new Tensor(t.cls === 'logical' ? 'double' : t.cls, [t.cols, t.rows], transposeData(t))]);
    for (const line of text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1)) rows.push(line);
  }
  return charMatrix(trimColumns(rows));
}

function transposeData(t: Tensor): Float64Array {
  const out = new Float64Array(t.numel);
  for (let r = 0; r < t.rows; r++) for (let c = 0; c < t.cols; c++) out[c + r * t.cols] = t.re[r + c * t.rows];
  return out;
}

/** num2str as a JS string (rows joined with newlines); convenient for messages. */
export function num2strText(value: Value, arg?: number | string): string {
  const t = num2str(value, arg);
  return t.rows <= 1 ? charText(t) : charRows(t).join('\n');
}

function realG(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFiniteText(x);
  return general(x, precision);
}

/** MATLAB's mat2str(x) / mat2str(x, precision). */
export function mat2str(value: Value, precision = 15): string {
  if (value.type !== 'tensor') {
    raise('MATLAB:mat2str:NumericInput', 'Input matrix must be numeric, logical, or char.');
  }
  const t = value;
  if (t.shape.length > 2) raise('MATLAB:mat2str:TwoDInput', 'Input matrix must be 2-D.');
  const [rows, cols] = t.shape;
  if (t.numel === 0) {
    if (t.cls === 'char') return "''";
    return `zeros(${rows},${cols})`;
  }
  let element: (k: number) => string;
  if (t.cls === 'char') {
    const lines = charRows(t).map((r) => `'${r.replace(/'/g, "''")}'`);
    return lines.length === 1 ? lines[0] : `[${lines.join(';')}]`;
  } else if (t.cls === 'logical') {
    element = (k) => (t.re[k] !== 0 ? 'true' : 'false');
  } else if (t.im !== null) {
    const im = t.im;
    element = (k) => {
      const i = im[k];
      const imText = realG(i, precision);
      const sign = i < 0 || Object.is(i, -0) ? '' : '+';
      return `${realG(t.re[k], precision)}${sign}${imText}i`;
    };
  } else {
    element = (k) => realG(t.re[k], precision);
  }
  if (t.numel === 1) return element(0);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const parts: string[] = [];
    for (let c = 0; c < cols; c++) parts.push(element(r + c * rows));
    lines.push(parts.join(' '));
  }
  return `[${lines.join(';')}]`;
}
