// Rearranging elements without computing on them: squeeze, permute/ipermute, circshift, flip,
// fliplr/flipud, rot90, repelem and the grids (meshgrid, ndgrid). Every one is an index map run
// through `gather`, so cells, strings and structs move like numbers. Matrix structure (diag,
// tril, triu, kron, magic) lives in `matrices.ts`.

import { raise } from '../errors.ts';
import { checkArraySize } from '../limits.ts';
import { numelOf, Tensor, type Value } from '../runtime/values/index.ts';
import { firstNonSingleton } from './args.ts';
import { dimOrDefault, gatherValue, mapSubscripts, needValue, permutePositions, selectPositions } from './fibres.ts';
import { scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import { gatherAll } from './reshapeValue.ts';

function integerVector(v: Value | undefined, fname: string, position: number): number[] {
  const t = tensorArg(v, fname, position);
  const out = Array.from(t.re);
  if (out.some((x) => !Number.isInteger(x))) raise('MATLAB:expectedInteger', `Argument ${position} of ${fname} must contain integer values.`);
  return out;
}

/** 0-based permutation from a MATLAB order vector, checked against the array's rank. */
function orderArg(v: Value | undefined, shape: readonly number[], fname: string): number[] {
  const order = integerVector(v, fname, 2);
  const seen = new Set<number>();
  for (const d of order) {
    if (d < 1 || d > order.length || seen.has(d)) raise('MATLAB:permute:badIndex', 'ORDER contains an invalid permutation index.');
    seen.add(d);
  }
  if (order.length < shape.length) raise('MATLAB:permute:tooFewIndices', 'ORDER must have at least N elements for an N-D array.');
  return order.map((d) => d - 1);
}

export function permuteValue(v: Value, order: readonly number[]): Value {
  const { positions, shape } = permutePositions(v.shape, order);
  return gatherValue(v, positions, shape);
}

/** Reverses dimension `dim` (1-based); a dim past ndims leaves A as it is. */
export function flipValue(v: Value, dim: number): Value {
  if (dim > v.shape.length) return v;
  const positions = mapSubscripts(v.shape, (d, i, size) => (d === dim - 1 ? size - 1 - i : i));
  return gatherValue(v, positions, v.shape);
}

function transposeValue(v: Value): Value {
  return permuteValue(v, [1, 0, ...v.shape.slice(2).map((_, i) => i + 2)]);
}

function flipSpec(name: 'fliplr' | 'flipud', dim: number, example: string) {
  return {
    family: 'shape' as const,
    signatures: [`B = ${name}(A)`],
    doc: `Reverses the ${dim === 2 ? 'columns (left to right)' : 'rows (up to down)'} of A; the same as flip(A, ${dim}). Example: ${example}.`,
    impl: (args: Value[]) => flipValue(needValue(args), dim),
  };
}

/** One grid output: vector `x` laid along dimension `dim` of an array of `shape`. */
function gridOutput(x: Tensor, shape: readonly number[], dim: number): Tensor {
  const n = numelOf(shape);
  const re = new Float64Array(n);
  const im = x.im ? new Float64Array(n) : null;
  let stride = 1;
  for (let d = 0; d < dim; d++) stride *= shape[d];
  const len = shape[dim];
  for (let k = 0; k < n; k++) {
    const i = Math.floor(k / stride) % len;
    re[k] = x.re[i];
    if (im) im[k] = x.im![i];
  }
  return new Tensor(x.cls, shape, re, im);
}

function gridVectors(args: Value[], fname: string): Tensor[] {
  if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  return args.map((a, i) => tensorArg(a, fname, i + 1));
}

registerFamily({
  squeeze: {
    family: 'shape',
    signatures: ['B = squeeze(A)'],
    doc: 'Removes dimensions of length 1; a 2-D array is returned as it is. Example: size(squeeze(ones(1, 1, 3))) is [3 1].',
    impl: (args) => {
      const v = needValue(args);
      if (v.shape.length <= 2) return v;
      const kept = v.shape.filter((d) => d !== 1);
      const shape = kept.length === 0 ? [1, 1] : kept.length === 1 ? [kept[0], 1] : kept;
      return gatherAll(v, shape);
    },
  },
  permute: {
    family: 'shape',
    signatures: ['B = permute(A, dimorder)'],
    doc: 'Rearranges dimensions: dimension k of B is dimension dimorder(k) of A. Example: size(permute(ones(2, 3, 4), [3 1 2])) is [4 2 3].',
    impl: (args) => {
      const v = needValue(args);
      return permuteValue(v, orderArg(args[1], v.shape, 'permute'));
    },
  },
  ipermute: {
    family: 'shape',
    signatures: ['A = ipermute(B, dimorder)'],
    doc: 'Undoes permute: ipermute(permute(A, order), order) is A. Example: size(ipermute(ones(4, 2, 3), [3 1 2])) is [2 3 4].',
    impl: (args) => {
      const v = needValue(args);
      const order = orderArg(args[1], v.shape, 'ipermute');
      const inverse = new Array<number>(order.length);
      order.forEach((d, k) => (inverse[d] = k));
      return permuteValue(v, inverse);
    },
  },
  circshift: {
    family: 'shape',
    signatures: ['Y = circshift(A, K)', 'Y = circshift(A, K, dim)'],
    doc: 'Shifts elements circularly: a scalar K along the first non-singleton dimension (or dim), a vector K by K(d) along each dimension d. Positive K moves elements down or right. Example: circshift([1 2 3 4], 1) is [4 1 2 3].',
    impl: (args) => {
      const v = needValue(args);
      const k = integerVector(args[1], 'circshift', 2);
      const shifts = new Array<number>(Math.max(v.shape.length, k.length)).fill(0);
      if (args.length >= 3) {
        const dim = dimOrDefault(args[2], v.shape, 'circshift');
        if (k.length !== 1) raise('MATLAB:circshift:nonScalarShift', 'Shift amount must be a scalar when a dimension is given.');
        if (dim > v.shape.length) return v;
        shifts[dim - 1] = k[0];
      } else if (k.length === 1) shifts[firstNonSingleton(v.shape) - 1] = k[0];
      else k.forEach((s, d) => (shifts[d] = s));
      const positions = mapSubscripts(v.shape, (d, i, size) => {
        const s = shifts[d] ?? 0;
        return s === 0 ? i : (((i - s) % size) + size) % size;
      });
      return gatherValue(v, positions, v.shape);
    },
  },
  flip: {
    family: 'shape',
    signatures: ['B = flip(A)', 'B = flip(A, dim)'],
    doc: 'Reverses the order of elements along the first non-singleton dimension, or along dim. Example: flip([1 2 3]) is [3 2 1]; flip([1 2; 3 4], 2) is [2 1; 4 3].',
    impl: (args) => {
      const v = needValue(args);
      return flipValue(v, dimOrDefault(args[1], v.shape, 'flip'));
    },
  },
  fliplr: flipSpec('fliplr', 2, 'fliplr([1 2 3]) is [3 2 1]'),
  flipud: flipSpec('flipud', 1, 'flipud([1; 2]) is [2; 1]'),
  rot90: {
    family: 'shape',
    signatures: ['B = rot90(A)', 'B = rot90(A, k)'],
    doc: 'Rotates A counterclockwise by k*90 degrees (k may be negative), in the plane of the first two dimensions. Example: rot90([1 2; 3 4]) is [2 4; 1 3].',
    impl: (args) => {
      const v = needValue(args);
      const k = args.length > 1 ? scalarArg(args[1], 'rot90', 2) : 1;
      if (!Number.isInteger(k)) raise('MATLAB:rot90:kNonInteger', 'k must be an integer.');
      switch (((k % 4) + 4) % 4) {
        case 1:
          return flipValue(transposeValue(v), 1);
        case 2:
          return flipValue(flipValue(v, 1), 2);
        case 3:
          return flipValue(transposeValue(v), 2);
        default:
          return v;
      }
    },
  },
  repelem: {
    family: 'shape',
    signatures: ['u = repelem(v, n)', 'B = repelem(A, r1, ..., rN)'],
    doc: 'Repeats elements: each element of vector v n times (n scalar or one count per element), or each element of A r1 times down, r2 times across, and so on (each r scalar or one count per row/column). Example: repelem([1 2], [2 3]) is [1 1 2 2 2]; repelem([1 2; 3 4], 1, 2) is [1 1 2 2; 3 3 4 4].',
    impl: (args) => {
      const v = needValue(args);
      if (args.length < 2) raise('MATLAB:minrhs', 'Not enough input arguments.');
      const counts = args.slice(1).map((a, i) => integerVector(a, 'repelem', i + 2));
      if (counts.some((c) => c.some((x) => x < 0))) raise('MATLAB:repelem:negativeReplications', 'Replication factors must be nonnegative integers.');
      let perDim: number[][];
      const shape = [...v.shape];
      if (counts.length === 1) {
        const isVector = shape.length === 2 && (shape[0] === 1 || shape[1] === 1);
        if (!isVector) raise('MATLAB:repelem:invalidReplications', 'Input must be a vector when there is one replication factor.');
        const dim = shape[0] === 1 ? 1 : 0;
        checkRepeated(shape.map((n, d) => (d === dim ? repeatedLength(counts[0], n) : n)));
        perDim = shape.map((n, d) => (d === dim ? expandCounts(counts[0], n) : Array.from({ length: n }, (_, i) => i)));
      } else {
        while (shape.length < counts.length) shape.push(1);
        checkRepeated(shape.map((n, d) => (d < counts.length ? repeatedLength(counts[d], n) : n)));
        perDim = shape.map((n, d) => (d < counts.length ? expandCounts(counts[d], n) : Array.from({ length: n }, (_, i) => i)));
      }
      const { positions, shape: outShape } = selectPositions(shape, perDim);
      return gatherValue(v, positions, outShape);
    },
  },
  meshgrid: {
    family: 'construction',
    signatures: ['[X, Y] = meshgrid(x, y)', '[X, Y] = meshgrid(x)', '[X, Y, Z] = meshgrid(x, y, z)'],
    doc: 'Rectangular grid coordinates: X repeats x along rows and Y repeats y down columns, both length(y)-by-length(x) (and length(z) pages with three vectors). Example: [X, Y] = meshgrid(1:3, 1:2) gives X = [1 2 3; 1 2 3], Y = [1 1 1; 2 2 2].',
    impl: (args, ctx) => {
      const vs = gridVectors(args, 'meshgrid');
      if (vs.length > 3) raise('MATLAB:TooManyInputs', 'Too many input arguments.');
      const [x, y, z] = vs.length === 1 ? (ctx.nargout >= 3 ? [vs[0], vs[0], vs[0]] : [vs[0], vs[0]]) : vs;
      const shape = z ? [y.numel, x.numel, z.numel] : [y.numel, x.numel];
      const out = [gridOutput(x, shape, 1), gridOutput(y, shape, 0)];
      if (z) out.push(gridOutput(z, shape, 2));
      return out;
    },
  },
  ndgrid: {
    family: 'construction',
    signatures: ['[X1, ..., Xn] = ndgrid(x1, ..., xn)', '[X1, ..., Xn] = ndgrid(x)'],
    doc: 'N-D grid coordinates: output k varies along dimension k with the values of xk; the first two are the transpose of meshgrid\'s. Example: [A, B] = ndgrid(1:2, 1:3) gives A = [1 1 1; 2 2 2], B = [1 2 3; 1 2 3].',
    impl: (args, ctx) => {
      const given = gridVectors(args, 'ndgrid');
      const vs = given.length === 1 ? Array.from({ length: Math.max(1, ctx.nargout) }, () => given[0]) : given;
      const shape = vs.length === 1 ? [vs[0].numel, 1] : vs.map((x) => x.numel);
      return vs.map((x, d) => gridOutput(x, shape, d));
    },
  },
});

/** Source indices along one dimension of length n for replication counts (scalar or per element). */
/** The length of a dimension of n elements repeated by `counts` (before building its index list). */
function repeatedLength(counts: number[], n: number): number {
  return counts.length === 1 ? counts[0] * n : counts.reduce((a, b) => a + b, 0);
}

/** The result and each dimension's index list must fit the budget (one may be long while another is 0). */
function checkRepeated(outShape: number[]): void {
  for (const len of outShape) checkArraySize([1, len]);
  checkArraySize(outShape);
}

function expandCounts(counts: number[], n: number): number[] {
  if (counts.length !== 1 && counts.length !== n) {
    raise('MATLAB:repelem:mismatchedReplications', 'Replication vector must be a scalar or have the same length as the corresponding dimension.');
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = counts.length === 1 ? counts[0] : counts[i];
    for (let r = 0; r < c; r++) out.push(i);
  }
  return out;
}
