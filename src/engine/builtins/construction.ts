// Array construction: zeros, ones, eye, rand, randn, randi, true, false, constants (pi, Inf,
// NaN, eps, i/j), linspace and repmat. Size arguments follow MATLAB (`zeros(3)` is 3×3).

import { raise } from '../errors.ts';
import { castScalar, complexScalar, numelOf, scalar, Tensor, type ArrayClass, type Value } from '../runtime/values/index.ts';
import { concatenate } from './concat.ts';
import { sizeAndClass } from './args.ts';
import { checkArraySize } from '../limits.ts';
import { scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import { andThen, type Async } from '../runtime/interpreter/async.ts';
import type { BuiltinSpec, CallContext } from './types.ts';

/**
 * `zeros(..., 'gpuArray')` and friends: the array goes through gpuArray, so it lands on the
 * device exactly as gpuArray(zeros(...)) would (and stays on the host when there is no GPU).
 */
function placed(t: Tensor, onGpu: boolean, ctx: CallContext): Async<Value> {
  return onGpu ? andThen(ctx.call('gpuArray', [t], 1), (out) => out[0]) : t;
}

function filled(name: string, value: number, doc: string, defaultClass: ArrayClass = 'double'): BuiltinSpec {
  return {
    family: 'construction',
    signatures: [`X = ${name}(n)`, `X = ${name}(sz1, ..., szN)`, `X = ${name}([sz1 ... szN])`, `X = ${name}(..., classname)`, `X = ${name}(..., 'like', p)`, `X = ${name}(..., 'gpuArray')`],
    doc,
    impl: (args, ctx) => {
      const { shape, cls, gpuArray } = sizeAndClass(args, name, defaultClass);
      const n = numelOf(shape);
      const re = new Float64Array(n);
      const v = castScalar(value, cls);
      if (v !== 0) re.fill(v);
      return placed(new Tensor(cls, shape, re), gpuArray, ctx);
    },
  };
}

function constant(name: string, value: number, doc: string): BuiltinSpec {
  return {
    family: 'construction',
    signatures: [`x = ${name}`, `X = ${name}(n)`, `X = ${name}(sz1, ..., szN)`, `X = ${name}(..., 'single')`, `X = ${name}(..., 'gpuArray')`],
    doc,
    impl: (args, ctx) => {
      if (args.length === 0) return scalar(value);
      const { shape, cls, gpuArray } = sizeAndClass(args, name);
      const re = new Float64Array(numelOf(shape)).fill(castScalar(value, cls));
      return placed(new Tensor(cls, shape, re), gpuArray, ctx);
    },
  };
}

function drawUniform(ctx: CallContext): number {
  return ctx.random.uniform();
}

function drawNormal(ctx: CallContext): number {
  return ctx.random.normal();
}

function random(name: string, dist: 'uniform' | 'normal', draw: (ctx: CallContext) => number, doc: string): BuiltinSpec {
  return {
    family: 'construction',
    // On the GPU (single class, or 'like' a GPU value) a Philox stream fills the array instead.
    lowering: { random: dist },
    signatures: [`X = ${name}`, `X = ${name}(n)`, `X = ${name}(sz1, ..., szN)`, `X = ${name}(..., 'single')`, `X = ${name}(..., 'gpuArray')`],
    doc,
    impl: (args, ctx) => {
      const { shape, cls, gpuArray } = sizeAndClass(args, name);
      if (cls !== 'double' && cls !== 'single') raise('MATLAB:rand:invalidClass', `${name} supports only 'double' and 'single'.`);
      const n = numelOf(shape);
      const re = new Float64Array(n);
      for (let i = 0; i < n; i++) re[i] = draw(ctx);
      if (cls === 'single') for (let i = 0; i < n; i++) re[i] = Math.fround(re[i]);
      return placed(new Tensor(cls, shape, re), gpuArray, ctx);
    },
  };
}

registerFamily({
  zeros: filled('zeros', 0, 'An array of zeros. Example: zeros(2, 3) is a 2×3 matrix of 0; zeros(2, "single") is single.'),
  ones: filled('ones', 1, 'An array of ones. Example: ones(2) is [1 1; 1 1].'),
  true: filled('true', 1, 'A logical array of true. Example: true(1, 3) is [1 1 1] (logical).', 'logical'),
  false: filled('false', 0, 'A logical array of false. Example: false(2) is a 2×2 logical zero matrix.', 'logical'),
  pi: constant('pi', Math.PI, 'The ratio of a circle\'s circumference to its diameter, 3.1416. Example: cos(pi) is -1.'),
  Inf: constant('Inf', Infinity, 'Positive infinity. Example: 1/0 is Inf; -Inf < 0.'),
  inf: constant('inf', Infinity, 'Positive infinity (same as Inf). Example: inf(1, 2) is [Inf Inf].'),
  NaN: constant('NaN', NaN, 'Not-a-Number. NaN ~= NaN is true; use isnan. Example: 0/0 is NaN.'),
  nan: constant('nan', NaN, 'Not-a-Number (same as NaN). Example: nan(2, 1).'),
  eps: {
    family: 'construction',
    signatures: ['d = eps', 'd = eps(x)', "d = eps('single')"],
    doc: "Floating-point relative accuracy: the distance from 1 to the next double, 2.2204e-16; eps(x) is the spacing at x. Example: eps('single') is 1.1921e-07.",
    impl: (args) => {
      if (args.length === 0) return scalar(Number.EPSILON);
      const a = args[0];
      if (a.type === 'tensor' && a.cls === 'char') {
        const word = String.fromCharCode(...a.re);
        return word === 'single' ? new Tensor('single', [1, 1], Float64Array.of(2 ** -23)) : scalar(Number.EPSILON);
      }
      const t = tensorArg(a, 'eps');
      const single = t.cls === 'single';
      return new Tensor(single ? 'single' : 'double', t.shape, t.re.map((x) => {
        const ax = Math.abs(x);
        if (!Number.isFinite(ax)) return NaN;
        if (single) return ax < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(ax)) - 23);
        return ax < 2 ** -1022 ? 2 ** -1074 : 2 ** (Math.floor(Math.log2(ax)) - 52);
      }));
    },
  },
  i: { family: 'construction', signatures: ['z = i'], doc: 'The imaginary unit. Example: (1 + 2*i) * i is -2 + 1i.', impl: () => complexScalar(0, 1) },
  j: { family: 'construction', signatures: ['z = j'], doc: 'The imaginary unit (same as i). Example: abs(3 + 4*j) is 5.', impl: () => complexScalar(0, 1) },
  eye: {
    family: 'construction',
    signatures: ['I = eye(n)', 'I = eye(m, n)', 'I = eye(..., classname)', "I = eye(..., 'gpuArray')"],
    doc: 'An identity matrix. Example: eye(2) is [1 0; 0 1]; eye(2, 3) has ones on the main diagonal.',
    impl: (args, ctx) => {
      const { shape, cls, gpuArray } = sizeAndClass(args, 'eye');
      if (shape.length > 2) raise('MATLAB:eye:tooManyDims', 'N-dimensional arrays are not supported.');
      const [m, n] = shape;
      const re = new Float64Array(m * n);
      for (let k = 0; k < Math.min(m, n); k++) re[k + k * m] = 1;
      return placed(new Tensor(cls, shape, re), gpuArray, ctx);
    },
  },
  rand: random('rand', 'uniform', drawUniform, 'Uniform random numbers in (0, 1); reproducible after rng(seed). Example: rng(0); rand is 0.8147.'),
  randn: random('randn', 'normal', drawNormal, 'Standard normal random numbers. Example: x = randn(1000, 1); std(x) is about 1.'),
  randi: {
    family: 'construction',
    signatures: ['X = randi(imax)', 'X = randi(imax, n)', 'X = randi([imin imax], sz1, ..., szN)', "X = randi(..., classname)", "X = randi(..., 'gpuArray')"],
    doc: 'Uniform random integers. Example: randi(6, 1, 5) rolls five dice; randi([-1 1], 3) is 3×3 in {-1, 0, 1}.',
    impl: (args, ctx) => {
      const lim = tensorArg(args[0], 'randi');
      const [lo, hi] = lim.re.length >= 2 ? [lim.re[0], lim.re[1]] : [1, lim.re[0]];
      if (!(hi >= lo) || !Number.isInteger(lo) || !Number.isInteger(hi)) raise('MATLAB:randi:invalidLimits', 'The first input must be a positive integer scalar or a vector of two integers.');
      const { shape, cls, gpuArray } = sizeAndClass(args.slice(1), 'randi');
      const n = numelOf(shape);
      const re = new Float64Array(n);
      for (let k = 0; k < n; k++) re[k] = castScalar(lo + Math.floor(drawUniform(ctx) * (hi - lo + 1)), cls);
      return placed(new Tensor(cls, shape, re), gpuArray, ctx);
    },
  },
  linspace: {
    family: 'construction',
    signatures: ['y = linspace(x1, x2)', 'y = linspace(x1, x2, n)'],
    doc: 'n evenly spaced points from x1 to x2 (default 100), ending exactly at x2; n = 1 gives x2, n < 1 an empty 1×0 row. Single if either end is single. Example: linspace(0, 1, 5) is [0 0.25 0.5 0.75 1].',
    impl: (args) => {
      const a = scalarArg(args[0], 'linspace', 1);
      const b = scalarArg(args[1], 'linspace', 2);
      const n = Math.max(0, Math.floor(args.length > 2 ? scalarArg(args[2], 'linspace', 3) : 100));
      const single = [args[0], args[1]].some((v) => v?.type === 'tensor' && v.cls === 'single');
      const re = new Float64Array(n);
      for (let k = 0; k < n; k++) re[k] = n === 1 ? b : a + (b - a) * (k / (n - 1));
      if (n > 1) re[n - 1] = b;
      if (single) for (let k = 0; k < n; k++) re[k] = Math.fround(re[k]);
      return new Tensor(single ? 'single' : 'double', [1, n], re);
    },
  },
  repmat: {
    family: 'construction',
    signatures: ['B = repmat(A, n)', 'B = repmat(A, r1, ..., rN)', 'B = repmat(A, [r1 ... rN])'],
    doc: 'Tiles A. Example: repmat([1 2], 2, 2) is [1 2 1 2; 1 2 1 2].',
    impl: (args) => {
      const a = args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.');
      const { shape: reps } = sizeAndClass(args.slice(1), 'repmat', 'double', false);
      const tiled = Array.from({ length: Math.max(reps.length, a.shape.length) }, (_, d) => (a.shape[d] ?? 1) * (reps[d] ?? 1));
      checkArraySize(tiled, a.type === 'tensor' && a.im !== null);
      // An empty result needs no copies (repmat(1, 1e9, 0) is 1e9×0); otherwise each dimension's
      // list of copies must fit too.
      if (a.type === 'tensor' && tiled.some((d) => d === 0)) return new Tensor(a.cls, tiled, new Float64Array(0));
      for (const r of reps) checkArraySize([1, r]);
      let out: Value = a;
      for (let d = 0; d < reps.length; d++) {
        const copies = Array.from({ length: reps[d] }, () => out);
        out = copies.length === 0 ? emptyAlong(out, d) : concatenate(copies, d);
      }
      return out;
    },
  },
});

function emptyAlong(v: Value, d: number): Value {
  const shape = [...v.shape];
  while (shape.length <= d) shape.push(1);
  shape[d] = 0;
  if (v.type === 'tensor') return new Tensor(v.cls, shape, new Float64Array(0));
  return concatenate([], d);
}
