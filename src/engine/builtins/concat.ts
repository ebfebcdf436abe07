// Concatenation: `[a, b; c, d]`, horzcat, vertcat and cat(dim, …) for every value class, with
// MATLAB's result-class rules (char wins, then integers, then single; logical only if all are)
// and its rule that [] (0×0) operands are skipped.

import { checkArraySize } from '../limits.ts';
import { raise } from '../errors.ts';
import {
  castScalar,
  CellArray,
  charText,
  isIntClass,
  StringArray,
  StructArray,
  Tensor,
  type ArrayClass,
  type Value,
} from '../runtime/values/index.ts';
import { registerFamily } from './registry.ts';
import { scalarArg } from './numeric.ts';

function isEmpty00(v: Value): boolean {
  return v.shape.length === 2 && v.shape[0] === 0 && v.shape[1] === 0;
}

function concatClass(ts: Tensor[]): ArrayClass {
  if (ts.some((t) => t.cls === 'char')) return 'char';
  for (const t of ts) if (isIntClass(t.cls)) return t.cls;
  if (ts.some((t) => t.cls === 'single')) return 'single';
  if (ts.every((t) => t.cls === 'logical')) return 'logical';
  return 'double';
}

function dimensionMismatch(): never {
  raise('MATLAB:catenate:dimensionMismatch', 'Dimensions of arrays being concatenated are not consistent.');
}

/** Result shape of concatenating `shapes` along 0-based `dim`. */
function catShape(shapes: (readonly number[])[], dim: number): number[] {
  // A loop, not Math.max(...): repmat concatenates millions of parts, and a spread that long
  // overflows the JS stack.
  let rank = dim + 1;
  for (const s of shapes) rank = Math.max(rank, s.length);
  const out: number[] = [];
  for (let d = 0; d < rank; d++) {
    if (d === dim) out.push(shapes.reduce((acc, s) => acc + (s[d] ?? 1), 0));
    else {
      const size = shapes[0][d] ?? 1;
      for (const s of shapes) if ((s[d] ?? 1) !== size) dimensionMismatch();
      out.push(size);
    }
  }
  return out;
}

/** Column-major block copy: each operand contributes `pre*size_d` elements per outer index. */
function catOrder(shapes: (readonly number[])[], dim: number, total: number): { src: number; at: number }[] {
  const order: { src: number; at: number }[] = new Array(total);
  const pre = shapes.map((s) => s.slice(0, dim).reduce((a, b) => a * b, 1) * (s[dim] ?? 1));
  const post = shapes[0].slice(dim + 1).reduce((a, b) => a * b, 1);
  let k = 0;
  for (let p = 0; p < post; p++) {
    for (let i = 0; i < shapes.length; i++) {
      for (let e = 0; e < pre[i]; e++) order[k++] = { src: i, at: p * pre[i] + e };
    }
  }
  return order;
}

export function concatenate(values: Value[], dim: number): Value {
  const parts = values.filter((v) => !isEmpty00(v));
  if (parts.length === 0) {
    const firstTensor = values.find((v): v is Tensor => v.type === 'tensor');
    if (values.some((v) => v.type === 'cell')) return new CellArray([0, 0], []);
    return firstTensor ?? new Tensor('double', [0, 0], new Float64Array(0));
  }
  if (parts.length === 1) return parts[0];
  const kinds = new Set(parts.map((v) => v.type));
  if (kinds.has('string')) {
    const strs = parts.map((v) => toStringArray(v));
    return concatItems(strs, dim, (shape, items) => new StringArray(shape, items as (string | null)[]));
  }
  if (kinds.has('cell')) {
    const cells = parts.map((v) => (v.type === 'cell' ? v : raise('MATLAB:invalidConversion', `Conversion to cell from ${v.type === 'tensor' ? v.cls : v.type} is not possible.`)));
    return concatItems(cells, dim, (shape, items) => new CellArray(shape, items as Value[]));
  }
  if (kinds.has('struct')) {
    const structs = parts.map((v) => (v.type === 'struct' ? v : raise('MATLAB:invalidConversion', 'Conversion to struct from ' + v.type + ' is not possible.')));
    const fields = structs[0].fields;
    for (const s of structs) {
      if (s.fields.length !== fields.length || s.fields.some((f) => !fields.includes(f))) {
        raise('MATLAB:catenate:structFieldBad', 'Concatenation of structures requires that they have the same field names.');
      }
    }
    return concatItems(structs, dim, (shape, items) => new StructArray(shape, fields, items as Map<string, Value>[]));
  }
  if (kinds.has('function_handle')) raise('MATLAB:catenate:fhandle', 'Nonscalar arrays of function handles are not allowed; use cell arrays instead.');
  const ts = parts as Tensor[];
  const shape = catShape(ts.map((t) => t.shape), dim);
  const total = shape.reduce((a, b) => a * b, 1);
  checkArraySize(shape, ts.some((t) => t.im));
  const cls = concatClass(ts);
  const order = catOrder(ts.map((t) => t.shape), dim, total);
  const re = new Float64Array(total);
  const anyComplex = ts.some((t) => t.im);
  const im = anyComplex ? new Float64Array(total) : null;
  for (let k = 0; k < total; k++) {
    const { src, at } = order[k];
    const t = ts[src];
    re[k] = t.cls === cls ? t.re[at] : castScalar(t.re[at], cls);
    if (im && t.im) im[k] = t.im[at];
  }
  return new Tensor(cls, shape, re, im);
}

function concatItems<T extends CellArray | StringArray | StructArray>(
  parts: T[],
  dim: number,
  make: (shape: number[], items: unknown[]) => Value,
): Value {
  const shape = catShape(parts.map((p) => p.shape), dim);
  const total = shape.reduce((a, b) => a * b, 1);
  const order = catOrder(parts.map((p) => p.shape), dim, total);
  const items = order.map(({ src, at }) => parts[src].items[at] as unknown);
  return make(shape, items);
}

function toStringArray(v: Value): StringArray {
  if (v.type === 'string') return v;
  if (v.type === 'tensor') {
    if (v.cls === 'char') return new StringArray([1, 1], [charText(v)]);
    return new StringArray(v.shape, Array.from(v.re, (x) => String(x)));
  }
  if (v.type === 'cell') return new StringArray(v.shape, v.items.map((x) => (x.type === 'tensor' && x.cls === 'char' ? charText(x) : String(x))));
  raise('MATLAB:invalidConversion', `Conversion to string from ${v.type} is not possible.`);
}

/** The largest `dim` cat takes: the result has that many dimensions. */
const MAX_CAT_DIMENSION = 4096;

registerFamily({
  horzcat: {
    family: 'construction',
    signatures: ['C = [A, B]', 'C = horzcat(A1, A2, ...)'],
    doc: 'Concatenates side by side; operands need the same number of rows. Example: horzcat([1; 2], [3; 4]) is [1 3; 2 4].',
    impl: (args) => concatenate(args, 1),
  },
  vertcat: {
    family: 'construction',
    signatures: ['C = [A; B]', 'C = vertcat(A1, A2, ...)'],
    doc: 'Concatenates top to bottom; operands need the same number of columns. Example: vertcat([1 2], [3 4]) is [1 2; 3 4].',
    impl: (args) => concatenate(args, 0),
  },
  cat: {
    family: 'construction',
    signatures: ['C = cat(dim, A1, A2, ...)'],
    doc: 'Concatenates along dimension dim (3 stacks matrices into pages). Example: size(cat(3, ones(2), zeros(2))) is [2 2 2].',
    impl: (args) => {
      const dim = scalarArg(args[0], 'cat');
      if (!(dim >= 1) || !Number.isInteger(dim)) raise('MATLAB:catenate:invalidDimension', 'Dimension argument must be a real, positive, integer scalar.');
      // The result has `dim` dimensions: past a few thousand no shape can be built (cat(1e300, …)
      // once grew a JS array until V8 aborted the worker).
      if (dim > MAX_CAT_DIMENSION) raise('MATLAB:catenate:invalidDimension', 'Dimension argument must be a positive integer scalar within indexing range.');
      return concatenate(args.slice(1), dim - 1);
    },
  },
});
