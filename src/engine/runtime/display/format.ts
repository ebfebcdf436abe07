// MATLAB's command-window display of a value (`x = …` without a semicolon, `format loose`) and
// `disp`. Number layout lives in numberColumns.ts, one-line summaries in summary.ts.
//
// Layout, as MATLAB R2016b+ prints in the command window (the Live Editor's `x = 3` one-line form
// is not used there):
// - numeric/logical/char/cell/handle: `x =\n\n` + body + `\n` (a blank line after the body);
//   string and struct values put a space after `=`: `s = \n\n`.
// - double/single body: the element rows (`     3`, `    0.5000`, `   1.0000e-03`).
// - integer classes: a class line first (`  int8` for a scalar, `  1×3 int8 row vector`,
//   `  3×1 int8 column vector`, `  2×2 int8 matrix`) and a blank line; logical likewise
//   (`  logical`, `  1×3 logical array`).
// - char: a row is `    'text'`; several rows get `  2×3 char array` and one quoted row a line.
// - empties: `     []` for the 0×0 double; otherwise `  1×0 empty double row vector`,
//   `  0×1 empty double column vector`, `  0×3 empty double matrix`, `  0×0 empty char array`,
//   `  0×3 empty logical array`, `  0×0 empty cell array`, `  2×0×3 empty double array`.
// - N-D arrays: one `x(:,:,k) =\n\n` + page display + `\n` per page, a blank line between pages.
// - strings: a scalar `    "abc"` (`    <missing>`); arrays `  1×2 string array`, then rows of
//   `    "a"    "bc"` with each column as wide as its widest element.
// - cells: `  1×2 cell array`, then rows of `    {[1]}    {'abc'}`; within a column a
//   bracketed number is right-aligned inside its brackets, anything else padded after it.
// - structs: `  struct with fields:` then `    name: summary` with names right-aligned;
//   arrays `  1×2 struct array with fields:` then one field name a line.
// - function handles: `  function_handle with value:` then `    @(x)x.^2`.
// Wide string and cell arrays split into `Columns` blocks like numbers do.

import { charRows, hostOnly, isIntClass, numelOf, Tensor, type Value } from '../values/index.ts';
import { columnsHeader, layoutCells, pageCells, scalarText, TERMINAL_WIDTH, type NumberFormat } from './numberColumns.ts';
import { cellElementText, formatValueSummary, handleText, sizeText } from './summary.ts';

export type { NumberFormat } from './numberColumns.ts';

/** The command-window text of `name = value` (no semicolon). */
export function displayValue(name: string, value: Value, format: NumberFormat): string {
  if (value.type === 'tensor' && value.shape.length > 2 && value.numel > 0) {
    return pagesText(name, value, format);
  }
  // Floating-point scalars print on the name's line, as in current MATLAB: `x = 3`.
  if (value.type === 'tensor' && value.numel === 1 && (value.cls === 'double' || value.cls === 'single')) {
    return `${name} = ${scalarText(value.cls, value.re[0], value.im ? value.im[0] : null, format)}\n\n`;
  }
  const spaced = value.type === 'string' || value.type === 'struct';
  return `${name} =${spaced ? ' ' : ''}\n\n${bodyText(value, format)}\n`;
}

/** What `disp(value)` prints. */
export function dispText(value: Value, format: NumberFormat): string {
  switch (value.type) {
    case 'gpu':
      return hostOnly('disp');
    case 'tensor': {
      const t = value;
      if (t.cls === 'char' && t.shape.length === 2) {
        if (t.numel === 0) return t.rows === 0 && t.cols === 0 ? '\n' : '';
        return charRows(t).map((r) => `${r}\n`).join('');
      }
      if (t.numel === 0) return '';
      if (t.shape.length > 2) return pagesText('', t, format);
      return numericRows(t, format);
    }
    case 'string':
      if (value.numel === 1) return `${value.items[0] ?? '<missing>'}\n`;
      if (value.numel === 0) return '';
      return gridText(value.shape, value.items.map(stringCell));
    case 'cell':
      if (value.numel === 0) return '';
      return gridText(value.shape, value.items.map((v) => cellCell(v, format)));
    case 'struct':
      if (value.numel === 1) return structFieldsText(value.fields, value.items[0], format);
      return bodyText(value, format);
    case 'function_handle':
      return `    ${handleText(value)}\n`;
  }
}

/** Everything after `name =` and its blank line, up to (not including) the final blank line. */
function bodyText(value: Value, format: NumberFormat): string {
  switch (value.type) {
    case 'gpu':
      return hostOnly('display');
    case 'tensor':
      return tensorBody(value, format);
    case 'string':
      if (value.numel === 0) return `  ${sizeText(value.shape)} empty string array\n`;
      if (value.numel === 1) return `    ${stringCell(value.items[0]).text}\n`;
      return `  ${sizeText(value.shape)} string array\n\n${gridText(value.shape, value.items.map(stringCell))}`;
    case 'cell':
      if (value.numel === 0) return `  ${sizeText(value.shape)} empty cell array\n`;
      return `  ${sizeText(value.shape)} cell array\n\n${gridText(
        value.shape,
        value.items.map((v) => cellCell(v, format)),
      )}`;
    case 'struct': {
      const fieldList = value.fields.map((f) => `    ${f}\n`).join('');
      if (value.numel === 1) {
        if (value.fields.length === 0) return '  struct with no fields.\n';
        return `  struct with fields:\n\n${structFieldsText(value.fields, value.items[0], format)}`;
      }
      const what = value.numel === 0 ? `${sizeText(value.shape)} empty struct array` : `${sizeText(value.shape)} struct array`;
      if (value.fields.length === 0) return `  ${what} with no fields.\n`;
      return `  ${what} with fields:\n\n${fieldList}`;
    }
    case 'function_handle':
      return `  function_handle with value:\n\n    ${handleText(value)}\n`;
  }
}

function tensorBody(t: Tensor, format: NumberFormat): string {
  const [rows, cols] = t.shape;
  if (t.numel === 0) return `${emptyText(t)}\n`;
  if (t.cls === 'char') {
    const lines = charRows(t).map((r) => `    '${r}'\n`).join('');
    return rows === 1 ? lines : `  ${sizeText(t.shape)} char array\n\n${lines}`;
  }
  const body = numericRows(t, format);
  if (t.cls === 'logical') {
    return `${t.numel === 1 ? '  logical' : `  ${sizeText(t.shape)} logical array`}\n\n${body}`;
  }
  if (isIntClass(t.cls)) {
    const header = t.numel === 1 ? `  ${t.cls}` : `  ${sizeText(t.shape)} ${t.cls} ${vectorWord(rows, cols)}`;
    return `${header}\n\n${body}`;
  }
  return body;
}

function vectorWord(rows: number, cols: number): string {
  return rows === 1 ? 'row vector' : cols === 1 ? 'column vector' : 'matrix';
}

function emptyText(t: Tensor): string {
  const [rows, cols] = t.shape;
  if (t.cls === 'double' && t.shape.length === 2 && rows === 0 && cols === 0) return '     []';
  const size = sizeText(t.shape);
  if (t.shape.length > 2 || t.cls === 'char' || t.cls === 'logical') return `  ${size} empty ${t.cls} array`;
  return `  ${size} empty ${t.cls} ${vectorWord(rows, cols)}`;
}

/** The rows of a non-empty 2-D numeric or logical tensor (no header). */
function numericRows(t: Tensor, format: NumberFormat): string {
  const cells = pageCells(t.cls, t.re, t.im, format);
  return layoutCells(cells, t.shape[0], t.cols);
}

/** `name(:,:,k) =` pages of an N-D array, each displayed as the 2-D page alone would be. */
function pagesText(name: string, t: Tensor, format: NumberFormat): string {
  const [rows, cols] = t.shape;
  const pageSize = rows * cols;
  const higher = t.shape.slice(2);
  const pages = numelOf(higher);
  const index = higher.map(() => 1);
  const out: string[] = [];
  for (let p = 0; p < pages; p++) {
    const start = p * pageSize;
    const re = t.re.subarray(start, start + pageSize);
    const im = t.im === null ? null : t.im.subarray(start, start + pageSize);
    const page = new Tensor(t.cls, [rows, cols], re, im);
    out.push(`${name}(:,:,${index.join(',')}) =\n\n${tensorBody(page, format)}\n`);
    for (let k = 0; k < index.length; k++) {
      if (++index[k] <= higher[k]) break;
      index[k] = 1;
    }
  }
  return out.join('\n');
}

/** A grid cell: its text and how it pads to the column width. */
interface GridCell {
  text: string;
  pad: (text: string, width: number) => string;
}

const padAfter = (text: string, width: number): string => text.padEnd(width);

function stringCell(s: string | null): GridCell {
  return { text: s === null ? '<missing>' : `"${s}"`, pad: padAfter };
}

/** `{[1]}` right-aligns inside the brackets; `{'abc'}`, `{2×3 double}` pad before the brace. */
function cellCell(v: Value, format: NumberFormat): GridCell {
  const inner = cellElementText(v, format);
  if (v.type === 'tensor' && v.cls !== 'char' && inner.startsWith('[')) {
    return {
      text: `{${inner}}`,
      pad: (text, width) => `{[${text.slice(2, -2).padStart(width - 4)}]}`,
    };
  }
  return { text: `{${inner}}`, pad: (text, width) => `${text.slice(0, -1).padEnd(width - 1)}}` };
}

/** Rows of a 2-D grid of text cells: 4 spaces before each column, split into column blocks. */
function gridText(shape: readonly number[], cells: GridCell[]): string {
  const rows = shape[0];
  const cols = cells.length / Math.max(rows, 1);
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    let w = 0;
    for (let r = 0; r < rows; r++) w = Math.max(w, cells[c * rows + r].text.length);
    widths.push(w);
  }
  const blocks: [number, number][] = [];
  for (let c0 = 0; c0 < cols; ) {
    let c1 = c0 + 1;
    let used = 4 + widths[c0];
    while (c1 < cols && used + 4 + widths[c1] <= TERMINAL_WIDTH) used += 4 + widths[c1++];
    blocks.push([c0, c1]);
    c0 = c1;
  }
  let out = '';
  blocks.forEach(([c0, c1], b) => {
    if (blocks.length > 1) out += `${columnsHeader(c0 + 1, c1)}\n\n`;
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = c0; c < c1; c++) {
        const cell = cells[c * rows + r];
        line += `    ${cell.pad(cell.text, widths[c])}`;
      }
      out += `${line.trimEnd()}\n`;
    }
    if (b < blocks.length - 1) out += '\n';
  });
  return out;
}

/** `    name: summary` lines with the names right-aligned. */
function structFieldsText(fields: readonly string[], item: ReadonlyMap<string, Value>, format: NumberFormat): string {
  const width = Math.max(0, ...fields.map((f) => f.length));
  return fields
    .map((f) => {
      const v = item.get(f);
      const text = v === undefined ? '[]' : formatValueSummary(v, format);
      return `    ${f.padStart(width)}: ${text}\n`;
    })
    .join('');
}
