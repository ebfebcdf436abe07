// Element stores behind indexing: every array value is a shape plus column-major elements, so
// gather (read), scatter (write), resize (growth) and keep (deletion) are written once here for
// the two storage forms — Float64Array pairs for tensors, item arrays for cell/string/struct.

import { raise } from '../../errors.ts';
import { checkArraySize } from '../../limits.ts';
import {
  CellArray,
  charText,
  hostOnly,
  castScalar,
  emptyDouble,
  numelOf,
  StringArray,
  StructArray,
  Tensor,
  type ArrayClass,
  type Value,
} from '../values/index.ts';

export function numelOfValue(v: Value): number {
  return v.type === 'tensor' ? v.re.length : v.numel;
}

/** The fill element used when an array grows: 0, '' (char 0), {[]}, "" missing→"" , struct with [] fields. */
function fillItem(v: Value): unknown {
  switch (v.type) {
    case 'cell':
      return emptyDouble();
    case 'string':
      return '';
    case 'struct':
      return new Map(v.fields.map((f) => [f, emptyDouble()] as const));
    default:
      return 0;
  }
}

function itemsOf(v: CellArray | StringArray | StructArray): readonly unknown[] {
  return v.items;
}

function rebuild(v: Value, shape: readonly number[], items: unknown[]): Value {
  switch (v.type) {
    case 'cell':
      return new CellArray(shape, items as Value[]);
    case 'string':
      return new StringArray(shape, items as (string | null)[]);
    case 'struct':
      return new StructArray(shape, v.fields, items as Map<string, Value>[]);
    default:
      raise('MATLAB:internal', `cannot index a ${v.type}`);
  }
}

/** Elements at `positions` (0-based linear), arranged in `shape`. */
export function gather(v: Value, positions: ArrayLike<number>, shape: readonly number[]): Value {
  const n = positions.length;
  if (v.type === 'tensor') {
    const re = new Float64Array(n);
    const src = v.re;
    for (let i = 0; i < n; i++) re[i] = src[positions[i]];
    let im: Float64Array | null = null;
    if (v.im) {
      im = new Float64Array(n);
      for (let i = 0; i < n; i++) im[i] = v.im[positions[i]];
    }
    return new Tensor(v.cls, shape, re, im);
  }
  if (v.type === 'function_handle') {
    if (n === 1 && positions[0] === 0) return v;
    raise('MATLAB:badsubscript', 'Index exceeds the number of array elements. Index must not exceed 1.');
  }
  if (v.type === 'gpu') return hostOnly('gather');
  const src = itemsOf(v);
  const items = new Array<unknown>(n);
  for (let i = 0; i < n; i++) items[i] = src[positions[i]];
  return rebuild(v, shape, items);
}

/** A copy of `v` grown (never shrunk) to `shape`, old elements kept at their subscripts. */
export function resize(v: Value, shape: readonly number[]): Value {
  const oldShape = v.shape;
  checkArraySize(shape, v.type === 'tensor' && v.im !== null);
  const total = numelOf(shape);
  const oldN = numelOfValue(v);
  const map = (k: number): number => {
    // old linear index k → new linear index, through subscripts
    let rem = k;
    let pos = 0;
    let stride = 1;
    for (let d = 0; d < shape.length; d++) {
      const od = d < oldShape.length ? oldShape[d] : 1;
      const sub = d === shape.length - 1 ? rem : rem % od;
      rem = d === shape.length - 1 ? 0 : Math.floor(rem / od);
      pos += sub * stride;
      stride *= shape[d];
    }
    return pos;
  };
  if (v.type === 'tensor') {
    const re = new Float64Array(total);
    const im = v.im ? new Float64Array(total) : null;
    for (let k = 0; k < oldN; k++) {
      const p = map(k);
      re[p] = v.re[k];
      if (im && v.im) im[p] = v.im[k];
    }
    return new Tensor(v.cls, shape, re, im);
  }
  if (v.type === 'function_handle') raise('MATLAB:badsubscript', 'Function handle arrays are not supported.');
  if (v.type === 'gpu') return hostOnly('resize');
  const items = new Array<unknown>(total);
  const fill = fillItem(v);
  for (let i = 0; i < total; i++) items[i] = fill;
  const src = itemsOf(v);
  for (let k = 0; k < oldN; k++) items[map(k)] = src[k];
  return rebuild(v, shape, items);
}

/** The class a tensor takes when `rhs` is written into part of it. */
function assignedClass(target: Tensor, rhs: Tensor): ArrayClass {
  // The target keeps its class, except that a logical array written with numbers becomes numeric.
  if (target.cls === 'logical' && rhs.cls !== 'logical') return rhs.cls === 'char' ? 'double' : rhs.cls;
  return target.cls;
}

/**
 * Writes rhs (scalar or matching count) at `positions` of a target of the same storage form.
 * With `inPlace`, an exclusive tensor target whose class does not change is written directly.
 */
export function scatter(target: Value, positions: ArrayLike<number>, rhs: Value, inPlace = false): Value {
  const n = positions.length;
  const rn = numelOfValue(rhs);
  if (rn !== 1 && rn !== n) {
    raise('MATLAB:subsassignnumelmismatch', 'Unable to perform assignment because the left and right sides have different number of elements.');
  }
  if (target.type === 'tensor') {
    if (rhs.type !== 'tensor') raise('MATLAB:invalidConversion', `Conversion to ${target.cls} from ${rhs.type} is not possible.`);
    const cls = assignedClass(target, rhs);
    if (inPlace && target.exclusive && cls === target.cls && (rhs.im === null || target.im !== null)) {
      const re = target.re;
      const im = target.im;
      for (let i = 0; i < n; i++) {
        const j = rn === 1 ? 0 : i;
        re[positions[i]] = cls === 'double' ? rhs.re[j] : castScalar(rhs.re[j], cls);
        if (im) im[positions[i]] = rhs.im ? rhs.im[j] : 0;
      }
      return target;
    }
    const re = Float64Array.from(target.re, cls === target.cls ? (x) => x : (x) => castScalar(x, cls));
    let im = target.im ? Float64Array.from(target.im) : null;
    if (rhs.im && !im) im = new Float64Array(re.length);
    for (let i = 0; i < n; i++) {
      const j = rn === 1 ? 0 : i;
      re[positions[i]] = castScalar(rhs.re[j], cls);
      if (im) im[positions[i]] = rhs.im ? rhs.im[j] : 0;
    }
    const out = new Tensor(cls, target.shape, re, im && im.some((x) => x !== 0) ? im : null);
    out.exclusive = inPlace;
    return out;
  }
  if (target.type === 'function_handle') raise('MATLAB:badsubscript', 'Function handle arrays are not supported.');
  if (target.type === 'struct') {
    if (rhs.type !== 'struct') raise('MATLAB:invalidConversion', 'Conversion to struct from ' + rhs.type + ' is not possible.');
    const fields = [...target.fields];
    for (const f of rhs.fields) if (!fields.includes(f)) fields.push(f);
    const widen = (m: ReadonlyMap<string, Value>): Map<string, Value> => {
      const out = new Map<string, Value>();
      for (const f of fields) out.set(f, m.get(f) ?? emptyDouble());
      return out;
    };
    const items = target.items.map(widen);
    for (let i = 0; i < n; i++) items[positions[i]] = widen(rhs.items[rn === 1 ? 0 : i]);
    return new StructArray(target.shape, fields, items);
  }
  if (target.type !== rhs.type) {
    if (target.type === 'string' && rhs.type === 'tensor' && rhs.cls === 'char') {
      return scatter(target, positions, new StringArray([1, 1], [charText(rhs)]));
    }
    raise('MATLAB:invalidConversion', `Conversion to ${target.type} from ${rhs.type === 'tensor' ? rhs.cls : rhs.type} is not possible.`);
  }
  if (target.type === 'gpu') return hostOnly('scatter');
  const items = [...itemsOf(target)];
  const src = itemsOf(rhs as CellArray | StringArray);
  for (let i = 0; i < n; i++) items[positions[i]] = src[rn === 1 ? 0 : i];
  return rebuild(target, target.shape, items);
}

/** Keeps only `positions`, arranged in `shape` (deletion). */
export const keep = gather;

/** An empty array of the same kind as `v` (what an undefined variable starts as when indexed). */
export function emptyLike(v: Value): Value {
  switch (v.type) {
    case 'gpu':
      return hostOnly('emptyLike');
    case 'tensor':
      return new Tensor(v.cls === 'logical' ? 'logical' : v.cls, [0, 0], new Float64Array(0));
    case 'cell':
      return new CellArray([0, 0], []);
    case 'string':
      return new StringArray([0, 0], []);
    case 'struct':
      return new StructArray([0, 0], v.fields, []);
    case 'function_handle':
      return v;
  }
}
