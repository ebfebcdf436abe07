// Reading with subscripts: `A(i)`, `A(i,j,…)`, `c{…}` (a comma-separated list) and `s.f`.

import { raise } from '../../errors.ts';
import { Tensor, type CellArray, type StructArray, type Value } from '../values/index.ts';
import { gather, numelOfValue } from './elements.ts';
import { addressedShape, isColonArg, outOfRange, readSubscript, subscriptAt, subscriptLength, subscriptMax, type Subscript } from './subscripts.ts';

function isVectorShape(shape: readonly number[]): boolean {
  return shape.length === 2 && (shape[0] === 1 || shape[1] === 1);
}

/**
 * The subscripts of a read of `v`, checked with MATLAB's errors (bad or out-of-range indices),
 * the sizes of the dimensions they address, and the result's shape. The positions read are
 * gridPositions(subs, dims); the GPU path also asks whether they form one contiguous run.
 */
export function readSubscripts(v: Value, args: readonly Value[]): { subs: Subscript[]; dims: number[]; shape: number[] } {
  const n = numelOfValue(v);
  if (args.length === 1) {
    const s = readSubscript(args[0], n, 1, 1);
    if (s.all) return { subs: [s], dims: [n], shape: [n, 1] };
    const max = subscriptMax(s);
    if (max >= n) outOfRange(max + 1, n, 1, 1, s.logical);
    const k = s.list.length;
    let shape: number[];
    const idxShape = s.logical ? (s.shape.length === 2 && s.shape[0] === 1 ? [1, k] : [k, 1]) : [...s.shape];
    if (isVectorShape(v.shape) && n !== 1 && isVectorShape(idxShape)) shape = v.shape[0] === 1 ? [1, k] : [k, 1];
    else shape = idxShape;
    return { subs: [s], dims: [n], shape };
  }
  const dims = addressedShape(v.shape, args.length);
  const subs: Subscript[] = args.map((a, k) => {
    const s = readSubscript(a, dims[k], k + 1, args.length);
    const max = subscriptMax(s);
    if (max >= dims[k]) outOfRange(max + 1, dims[k], k + 1, args.length);
    return s;
  });
  return { subs, dims, shape: subs.map(subscriptLength) };
}

/** Linear positions and result shape for a subscripted read of `v`. */
export function readPositions(v: Value, args: readonly Value[]): { positions: number[]; shape: number[] } {
  const { subs, dims, shape } = readSubscripts(v, args);
  const first = subs[0];
  // One list subscript is the positions already.
  if (subs.length === 1 && !first.all) return { positions: first.list, shape };
  return { positions: gridPositions(subs, dims), shape };
}

/** Column-major walk over the Cartesian product of subscripts, as linear positions in `dims`. */
export function gridPositions(subs: readonly Subscript[], dims: readonly number[]): number[] {
  const lengths = subs.map(subscriptLength);
  let total = 1;
  for (const l of lengths) total *= l;
  const out = new Array<number>(total);
  if (total === 0) return out;
  const strides: number[] = [];
  let acc = 1;
  for (const d of dims) {
    strides.push(acc);
    acc *= d;
  }
  const idx = new Array<number>(subs.length).fill(0);
  for (let k = 0; k < total; k++) {
    let p = 0;
    for (let d = 0; d < subs.length; d++) p += subscriptAt(subs[d], idx[d]) * strides[d];
    out[k] = p;
    for (let d = 0; d < subs.length; d++) {
      if (++idx[d] < lengths[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

export function range(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** `v(args…)` */
export function parenIndex(v: Value, args: readonly Value[]): Value {
  if (args.length === 0) return v;
  if (args.length === 1 && v.type === 'tensor' && isColonArg(args[0])) return columnView(v);
  const { positions, shape } = readPositions(v, args);
  return gather(v, positions, shape);
}

/** `c{args…}`: the selected contents, as a comma-separated list. */
export function braceIndex(v: Value, args: readonly Value[]): Value[] {
  if (v.type !== 'cell') {
    raise('MATLAB:cellRefFromNonCell', `Brace indexing is not supported for variables of this type.`);
  }
  const { positions } = readPositions(v, args);
  return positions.map((p) => (v as CellArray).items[p]);
}

/** `s.name`: the field of every element, as a comma-separated list. */
export function fieldGet(v: Value, name: string): Value[] {
  if (v.type !== 'struct') {
    raise('MATLAB:structRefFromNonStruct', `Dot indexing is not supported for variables of this type.`);
  }
  if (!v.fields.includes(name)) {
    raise('MATLAB:nonExistentField', `Unrecognized field name "${name}".`);
  }
  return (v as StructArray).items.map((m) => m.get(name)!);
}

/**
 * `x(:)` of an array: a column sharing x's elements (no copy, no index list). x may be written
 * in place later only by copying first, so it loses its exclusive mark (see Tensor.exclusive).
 */
function columnView(t: Tensor): Tensor {
  t.exclusive = false;
  return new Tensor(t.cls, [t.numel, 1], t.re, t.im);
}
