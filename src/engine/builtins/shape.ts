// Shape queries and reshaping: size, numel, length, ndims, the is* shape predicates, reshape.

import { raise } from '../errors.ts';
import { logicalScalar, numelOf, scalar, Tensor, type Value } from '../runtime/values/index.ts';
import { numelOfValue } from '../runtime/indexing/index.ts';
import { gatherAll } from './reshapeValue.ts';
import { dimArg } from './args.ts';
import { tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

function needArg(args: Value[]): Value {
  return args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.');
}

function predicate(name: string, test: (shape: readonly number[], n: number) => boolean, doc: string): BuiltinSpec {
  return {
    family: 'shape',
    signatures: [`tf = ${name}(A)`],
    doc,
    impl: (args) => {
      const v = needArg(args);
      return logicalScalar(test(v.shape, numelOfValue(v)));
    },
  };
}

registerFamily({
  size: {
    family: 'shape',
    signatures: ['sz = size(A)', 'szdim = size(A, dim)', '[m, n] = size(A)', '[sz1, ..., szN] = size(A)'],
    doc: 'The dimensions of A. With several outputs, the last one collects the product of the remaining dimensions. Example: [m, n] = size(zeros(2, 3, 4)) gives m = 2, n = 12.',
    impl: (args, ctx) => {
      const v = needArg(args);
      const shape = v.shape;
      if (args.length >= 2) {
        const dims = args.slice(1).flatMap((a) => Array.from(tensorArg(a, 'size', 2).re));
        for (const d of dims) if (!(d >= 1) || d !== Math.floor(d)) dimArg(scalar(d), 'size');
        const out = dims.map((d) => shape[d - 1] ?? 1);
        return new Tensor('double', [1, out.length], Float64Array.from(out));
      }
      if (ctx.nargout <= 1) return new Tensor('double', [1, shape.length], Float64Array.from(shape));
      const out: Value[] = [];
      for (let k = 0; k < ctx.nargout; k++) {
        if (k < ctx.nargout - 1) out.push(scalar(shape[k] ?? 1));
        else out.push(scalar(k < shape.length ? shape.slice(k).reduce((a, b) => a * b, 1) : 1));
      }
      return out;
    },
  },
  numel: {
    family: 'shape',
    signatures: ['n = numel(A)'],
    doc: 'The number of elements. Example: numel(zeros(3, 4)) is 12.',
    impl: (args) => scalar(numelOfValue(needArg(args))),
  },
  length: {
    family: 'shape',
    signatures: ['L = length(X)'],
    doc: 'The largest dimension, or 0 for an empty array. Example: length(zeros(3, 7)) is 7.',
    impl: (args) => {
      const v = needArg(args);
      return scalar(numelOfValue(v) === 0 ? 0 : Math.max(...v.shape));
    },
  },
  ndims: {
    family: 'shape',
    signatures: ['N = ndims(A)'],
    doc: 'The number of dimensions, at least 2. Example: ndims(ones(2, 3, 4)) is 3.',
    impl: (args) => scalar(needArg(args).shape.length),
  },
  isempty: predicate('isempty', (_s, n) => n === 0, 'True when A has no elements. Example: isempty([]) is true, isempty(zeros(0, 3)) is true.'),
  isscalar: predicate('isscalar', (_s, n) => n === 1, 'True when A is 1×1. Example: isscalar(5) is true.'),
  isvector: predicate('isvector', (s) => s.length === 2 && (s[0] === 1 || s[1] === 1), 'True for a 1×n or n×1 array. Example: isvector([1 2 3]) is true.'),
  isrow: predicate('isrow', (s) => s.length === 2 && s[0] === 1, 'True for a 1×n array. Example: isrow([1 2 3]) is true.'),
  iscolumn: predicate('iscolumn', (s) => s.length === 2 && s[1] === 1, 'True for an n×1 array. Example: iscolumn([1; 2]) is true.'),
  ismatrix: predicate('ismatrix', (s) => s.length === 2, 'True when A has two dimensions. Example: ismatrix(ones(2, 3, 4)) is false.'),
  reshape: {
    family: 'shape',
    signatures: ['B = reshape(A, sz)', 'B = reshape(A, sz1, ..., szN)'],
    doc: 'Same elements in column-major order, new dimensions; one size may be [] to be computed. Example: reshape(1:6, 2, 3) is [1 3 5; 2 4 6].',
    impl: (args) => {
      const v = needArg(args);
      const n = numelOfValue(v);
      let dims: (number | null)[];
      if (args.length === 2) dims = Array.from(tensorArg(args[1], 'reshape', 2).re);
      else dims = args.slice(1).map((a, i) => (a.type === 'tensor' && a.re.length === 0 ? null : tensorArg(a, 'reshape', i + 2).re[0]));
      const unknown = dims.filter((d) => d === null).length;
      if (unknown > 1) raise('MATLAB:getReshapeDims:unknownDim', 'Size can only have one unknown dimension.');
      const known = dims.reduce<number>((p, d) => p * (d ?? 1), 1);
      const shape = dims.map((d) => (d === null ? (known === 0 ? 0 : n / known) : d));
      if (shape.some((d) => d !== Math.floor(d)) || numelOf(shape) !== n) {
        raise('MATLAB:getReshapeDims:notSameNumel', 'Number of elements must not change. Use [] as one of the size inputs to automatically calculate the appropriate size for that dimension.');
      }
      return gatherAll(v, shape);
    },
  },
});
