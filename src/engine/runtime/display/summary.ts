// One-line descriptions of a value: what a struct's field line shows after `name: `, what the
// variable inspector lists, and what a cell array shows inside each `{…}`.
//
// Field form (formatValueSummary): a numeric or logical scalar is its display text (`1`,
// `0.5000`, `3.0000 + 4.0000i`); a short real row is its elements in brackets (`[1 2 3]`,
// `[1.5000 2.2500]`); the 0×0 double is `[]`; anything else numeric is `[2×3 double]`.
// A char row is quoted (`'abc'`, `''` for the empty char), other chars `[2×3 char]`; a string
// scalar `"abc"` (missing: `<missing>`), other strings `[1×2 string]`; cells `{1×2 cell}` (`{}`
// when 0×0); structs `[1×1 struct]`; function handles their text (`@(x)x.^2`, `@sin`).
// Cell form: the same inside braces, except sizes lose their brackets (`{2×3 double}`), a
// scalar keeps them (`{[1]}`), the empty double is `{0×0 double}`, a string scalar is
// `{["abc"]}` and the empty char `{0×0 char}`.

import { Tensor, charText, type Value } from '../values/index.ts';
import { realCells, scalarText, type NumberFormat } from './numberColumns.ts';

/** `2×3`, with the multiplication sign MATLAB uses in displays. */
export function sizeText(shape: readonly number[]): string {
  return shape.join('×');
}

/** Longest text of a numeric row shown inline in a field or cell (longer rows show their size). */
const INLINE_ROW_LIMIT = 60;

/** A handle's text: `@sin`, or the anonymous function's own text. */
export function handleText(v: Value & { type: 'function_handle' }): string {
  if (v.anonymous) return v.anonymous.text;
  return `@${v.name ?? ''}`;
}

function quoteString(s: string | null): string {
  return s === null ? '<missing>' : `"${s}"`;
}

/** `[1 2 3]` for a short real row of a numeric or logical tensor, else null. */
function inlineRow(t: Tensor, format: NumberFormat): string | null {
  if (t.shape.length !== 2 || t.rows !== 1 || t.numel < 2 || t.im !== null) return null;
  const cells = realCells(t.re, t.cls, format);
  const parts = cells.scale === null ? cells.texts : Array.from(t.re, (v) => scalarText(t.cls, v, null, format));
  const text = `[${parts.join(' ')}]`;
  return text.length <= INLINE_ROW_LIMIT ? text : null;
}

function tensorSummary(t: Tensor, format: NumberFormat, inCell: boolean): string {
  const size = `${sizeText(t.shape)} ${t.cls}`;
  if (t.cls === 'char') {
    if (t.shape.length === 2 && t.rows === 1) return `'${charText(t)}'`;
    if (t.numel === 0 && t.shape.length === 2 && t.rows === 0 && t.cols === 0) return inCell ? '0×0 char' : "''";
    return inCell ? size : `[${size}]`;
  }
  if (t.numel === 1) {
    const text = scalarText(t.cls, t.re[0], t.im === null ? null : t.im[0], format);
    return inCell ? `[${text}]` : text;
  }
  if (t.numel === 0 && !inCell && t.cls === 'double' && t.shape.length === 2 && t.rows === 0 && t.cols === 0) {
    return '[]';
  }
  const row = inlineRow(t, format);
  if (row !== null) return row;
  return inCell ? size : `[${size}]`;
}

/** What a struct field line or the variable inspector shows for a value. */
export function formatValueSummary(value: Value, format: NumberFormat = 'short'): string {
  return summary(value, format, false);
}

/** The text inside a cell array's `{…}` for one element. */
export function cellElementText(value: Value, format: NumberFormat = 'short'): string {
  return summary(value, format, true);
}

function summary(value: Value, format: NumberFormat, inCell: boolean): string {
  switch (value.type) {
    case 'gpu':
      return `${inCell ? '' : '['}${sizeText(value.shape)} ${value.cls} gpuArray${inCell ? '' : ']'}`;
    case 'tensor':
      return tensorSummary(value, format, inCell);
    case 'string':
      if (value.numel === 1) return inCell ? `[${quoteString(value.items[0])}]` : quoteString(value.items[0]);
      return inCell ? `${sizeText(value.shape)} string` : `[${sizeText(value.shape)} string]`;
    case 'cell':
      if (!inCell && value.numel === 0 && value.shape.length === 2 && value.shape[0] === 0 && value.shape[1] === 0) {
        return '{}';
      }
      return inCell ? `${sizeText(value.shape)} cell` : `{${sizeText(value.shape)} cell}`;
    case 'struct':
      return inCell ? `${sizeText(value.shape)} struct` : `[${sizeText(value.shape)} struct]`;
    case 'function_handle':
      return handleText(value);
  }
}
