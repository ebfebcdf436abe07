// Value constructors for the display tables.
import { CellArray, charRow, FunctionHandle, StringArray, StructArray, Tensor, type ArrayClass, type Value } from '../../../src/engine/runtime/values/index.ts';

export const num = (x: number): Tensor => new Tensor('double', [1, 1], Float64Array.of(x));
export const cx = (re: number, im: number): Tensor => new Tensor('double', [1, 1], Float64Array.of(re), Float64Array.of(im));
export const chars = (s: string): Tensor => charRow(s);
export const empty = (rows = 0, cols = 0, cls: ArrayClass = 'double'): Tensor => new Tensor(cls, [rows, cols], new Float64Array(0));
export const bool = (b: boolean): Tensor => new Tensor('logical', [1, 1], Float64Array.of(b ? 1 : 0));

/** A matrix from rows (row-major literal, stored column-major). */
export function mat(rows: number[][], cls: ArrayClass = 'double'): Tensor {
  const r = rows.length;
  const c = rows[0].length;
  const re = new Float64Array(r * c);
  rows.forEach((row, i) => row.forEach((v, j) => (re[i + j * r] = v)));
  return new Tensor(cls, [r, c], re);
}

export const bools = (row: boolean[]): Tensor => mat([row.map((b) => (b ? 1 : 0))], 'logical');

/** A complex matrix from rows of complex scalars. */
export function cmat(rows: Tensor[][]): Tensor {
  const r = rows.length;
  const c = rows[0].length;
  const re = new Float64Array(r * c);
  const im = new Float64Array(r * c);
  rows.forEach((row, i) =>
    row.forEach((v, j) => {
      re[i + j * r] = v.re[0];
      im[i + j * r] = v.im ? v.im[0] : 0;
    }),
  );
  return new Tensor('double', [r, c], re, im);
}

export const cast = (cls: ArrayClass, t: Tensor): Tensor =>
  new Tensor(cls, t.shape, cls === 'single' ? t.re.map(Math.fround) : t.re, t.im);

export const strs = (shape: number[], items: (string | null)[]): StringArray => new StringArray(shape, items);
export const cell = (shape: number[], items: Value[]): CellArray => new CellArray(shape, items);
export const struct = (fields: Record<string, Value>): StructArray =>
  new StructArray([1, 1], Object.keys(fields), [new Map(Object.entries(fields))]);
export const structArray = (shape: number[], fields: string[], items: Record<string, Value>[]): StructArray =>
  new StructArray(shape, fields, items.map((o) => new Map(Object.entries(o))));
export const named = (name: string): FunctionHandle => new FunctionHandle(name, null);
/** An anonymous handle; display reads only its text, so the body is a placeholder. */
export const anon = (text: string): FunctionHandle =>
  new FunctionHandle(null, { params: [], body: null as never, captures: new Map(), text, source: text });
