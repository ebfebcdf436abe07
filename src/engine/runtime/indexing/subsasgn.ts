// Writing with subscripts: `A(i,j) = x` (with growth and class rules), deletion `A(i) = []`,
// `c{i} = x` and `s.f = x`, and chains such as `s.a(3).b{2} = x` built from those three.

import { raise } from '../../errors.ts';
import { CellArray, emptyDouble, StructArray, type Value } from '../values/index.ts';
import { emptyLike, gather, numelOfValue, resize, scatter } from './elements.ts';
import { gridPositions, range } from './subsref.ts';
import { addressedShape, isColonArg, readSubscript, subscriptLength, subscriptMax, type Subscript } from './subscripts.ts';

/** `[]` as the right side of a paren assignment means deletion. */
export function isDeletion(rhs: Value): boolean {
  return rhs.type === 'tensor' && rhs.cls === 'double' && rhs.shape.length === 2 && rhs.shape[0] === 0 && rhs.shape[1] === 0;
}

/** The value an undefined variable or missing field starts from, given what is assigned into it. */
function startFrom(base: Value | undefined, rhs: Value): Value {
  if (base !== undefined) {
    if (numelOfValue(base) === 0 && base.type !== rhs.type && !(base.type === 'tensor' && rhs.type === 'tensor')) return emptyLike(rhs);
    if (base.type === 'tensor' && rhs.type === 'tensor' && numelOfValue(base) === 0 && base.cls === 'double') return emptyLike(rhs);
    return base;
  }
  return emptyLike(rhs);
}

/**
 * `base(args…) = rhs`. `inPlace` is set only for a workspace variable written directly
 * (`A(i) = x`, not `s.a(i) = x`): see Tensor.exclusive.
 */
export function parenAssign(base: Value | undefined, args: readonly Value[], rhs: Value, inPlace = false): Value {
  if (base !== undefined && isDeletion(rhs)) return deleteElements(base, args);
  let target = startFrom(base, rhs);
  if (target.type === 'tensor' && rhs.type === 'cell' && numelOfValue(target) === 0) target = emptyLike(rhs);
  if (args.length === 1) {
    const n = numelOfValue(target);
    const s = readSubscript(args[0], n, 1, 1);
    const max = subscriptMax(s);
    if (max >= n) {
      const shape = target.shape;
      let grown: number[];
      if (n === 0 && shape.length === 2 && !(shape[1] === 1 && shape[0] === 0)) grown = [1, max + 1];
      else if (shape.length === 2 && shape[0] === 1) grown = [1, max + 1];
      else if (shape.length === 2 && shape[1] === 1) grown = [max + 1, 1];
      else raise('MATLAB:indexed:matrixGrowth', 'Attempt to grow array along ambiguous dimension.');
      target = resize(target, grown);
      if (target.type === 'tensor') target.exclusive = inPlace;
    }
    const positions = s.all ? range(numelOfValue(target)) : s.list;
    return scatter(target, positions, rhs, inPlace);
  }
  const dims = addressedShape(target.shape, args.length);
  const rhsShape = rhs.shape;
  let rhsDim = 0;
  const subs: Subscript[] = args.map((a, k) => {
    if (isColonArg(a) && dims[k] === 0 && numelOfValue(target) === 0) {
      // `A(:,1) = v` on an empty A: the colon takes its length from the right side.
      while (rhsDim < rhsShape.length - 1 && rhsShape[rhsDim] === 1) rhsDim++;
      const len = numelOfValue(rhs) === 1 ? 1 : rhsShape[rhsDim++] ?? 1;
      return { all: false, list: range(len), shape: [1, len], logical: false };
    }
    return readSubscript(a, dims[k], k + 1, args.length);
  });
  const newDims = dims.map((d, k) => Math.max(d, subscriptMax(subs[k]) + 1));
  if (newDims.some((d, k) => d !== dims[k])) {
    if (args.length < target.shape.length && newDims[args.length - 1] !== dims[args.length - 1]) {
      raise('MATLAB:indexed:matrixGrowth', 'Attempt to grow array along ambiguous dimension.');
    }
    target = resize(target, args.length >= target.shape.length ? newDims : [...newDims.slice(0, -1), ...target.shape.slice(args.length - 1)]);
    if (target.type === 'tensor') target.exclusive = inPlace;
  }
  const finalDims = addressedShape(target.shape, args.length);
  const fixed = subs.map((s, k) => (s.all ? { all: true as const, count: finalDims[k] } : s));
  return scatter(target, gridPositions(fixed, finalDims), rhs, inPlace);
}

function deleteElements(base: Value, args: readonly Value[]): Value {
  const n = numelOfValue(base);
  if (args.length === 1) {
    const s = readSubscript(args[0], n, 1, 1);
    if (s.all) return gather(base, [], [0, 0]);
    const drop = new Set(s.list);
    for (const d of drop) if (d >= n) raise('MATLAB:badsubscript', `Index exceeds the number of array elements. Index must not exceed ${n}.`);
    const kept = range(n).filter((i) => !drop.has(i));
    const column = base.shape.length === 2 && base.shape[1] === 1;
    return gather(base, kept, column ? [kept.length, 1] : [1, kept.length]);
  }
  const dims = addressedShape(base.shape, args.length);
  const subs = args.map((a, k) => readSubscript(a, dims[k], k + 1, args.length));
  const partial = subs
    .map((s, k) => ({ s, k }))
    .filter(({ s, k }) => !(s.all || (new Set(s.list).size === dims[k] && subscriptLength(s) >= dims[k])));
  if (partial.length === 0) {
    const shape = [...dims];
    shape[0] = 0;
    return gather(base, [], shape);
  }
  if (partial.length > 1) raise('MATLAB:nullAssignment', 'A null assignment can have only one non-colon index.');
  const { s, k } = partial[0];
  const drop = new Set((s as { list: number[] }).list);
  const keptAlong = range(dims[k]).filter((i) => !drop.has(i));
  const keepSubs: Subscript[] = dims.map((d, j) =>
    j === k ? { all: false, list: keptAlong, shape: [1, keptAlong.length], logical: false } : { all: true, count: d },
  );
  const shape = dims.map((d, j) => (j === k ? keptAlong.length : d));
  return gather(base, gridPositions(keepSubs, dims), shape);
}

/** `base{args…} = rhs` */
export function braceAssign(base: Value | undefined, args: readonly Value[], rhs: Value): Value {
  let target: Value = base ?? new CellArray([0, 0], []);
  if (target.type !== 'cell') {
    if (numelOfValue(target) === 0) target = new CellArray([0, 0], []);
    else raise('MATLAB:cellAssToNonCell', 'Unable to perform assignment because brace indexing is not supported for variables of this type.');
  }
  return parenAssign(target, args, new CellArray([1, 1], [rhs]));
}

/** `base.name = rhs` for every element of a struct (array) base. */
export function fieldAssign(base: Value | undefined, name: string, rhs: Value): Value {
  let target: Value = base ?? new StructArray([1, 1], [], [new Map()]);
  if (target.type !== 'struct') {
    if (numelOfValue(target) === 0 && target.type === 'tensor') target = new StructArray([1, 1], [], [new Map()]);
    else raise('MATLAB:invalidStructAssignment', 'Unable to perform assignment because dot indexing is not supported for variables of this type.');
  }
  const s = target as StructArray;
  const fields = s.fields.includes(name) ? s.fields : [...s.fields, name];
  const items = s.items.map((m) => {
    const out = new Map(m);
    if (!out.has(name)) out.set(name, emptyDouble());
    return out;
  });
  if (items.length !== 1) {
    if (items.length === 0) {
      return new StructArray([1, 1], fields, [new Map(fields.map((f) => [f, f === name ? rhs : emptyDouble()] as const))]);
    }
    raise('MATLAB:index:expected_one_output_from_expression', 'Scalar structure required for this assignment.');
  }
  items[0].set(name, rhs);
  return new StructArray(s.shape, fields, items);
}
