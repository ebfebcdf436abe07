// Descriptive statistics along a dimension: median, mode, var, std, bounds, range; and across
// variables: cov, corrcoef. Options follow MATLAB: dim, vecdim or 'all', 'omitnan', and for
// var/std the weight (0: n-1, 1: n, or a weight vector). An empty 0×0 input gives NaN, as
// mean([]) does. Binning, integration, moving windows and rescaling live in `dataAnalysis.ts`.

import { raise } from '../errors.ts';
import { castScalar, isIntClass, Tensor, type ArrayClass, type Value } from '../runtime/values/index.ts';
import { dimArg, firstNonSingleton } from './args.ts';
import { badOption, splitOptions } from './fibres.ts';
import { tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

export interface StatOptions {
  dims: number[] | 'all';
  omitNaN: boolean;
}

/** Reads dim / vecdim / 'all' and the NaN flag from `args` (already split into positional and words). */
export function statOptions(dimValue: Value | undefined, words: string[], shape: readonly number[], fname: string, omitByDefault = false): StatOptions {
  let omitNaN = omitByDefault;
  let dims: number[] | 'all' | null = null;
  for (const w of words) {
    if (w === 'omitnan' || w === 'omitmissing') omitNaN = true;
    else if (w === 'includenan' || w === 'includemissing') omitNaN = false;
    else if (w === 'all') dims = 'all';
    else badOption(fname, w);
  }
  if (dims === null && dimValue !== undefined && !(dimValue.type === 'tensor' && dimValue.re.length === 0)) {
    const t = tensorArg(dimValue, fname, 2);
    dims = t.re.length === 1 ? [dimArg(dimValue, fname)] : Array.from(t.re, (d) => {
      if (!(d >= 1) || !Number.isInteger(d)) raise('MATLAB:getdimarg:invalidVecdim', 'Vector of dimensions must contain positive integers.');
      return d;
    });
  }
  return { dims: dims ?? [firstNonSingleton(shape)], omitNaN };
}

/** Collects the elements reduced into each output position; returns the output shape. */
export function reduceGroups(t: Tensor, opts: StatOptions, f: (x: Float64Array) => number): { shape: number[]; data: Float64Array } {
  const keep = (x: number) => !(opts.omitNaN && Number.isNaN(x));
  if (opts.dims === 'all') return { shape: [1, 1], data: Float64Array.of(f(t.re.filter(keep))) };
  const rank = Math.max(t.shape.length, ...opts.dims);
  const shape = Array.from({ length: rank }, (_, d) => t.shape[d] ?? 1);
  const reduced = new Set(opts.dims.map((d) => d - 1));
  const outShape = shape.map((s, d) => (reduced.has(d) ? 1 : s));
  const outStrides: number[] = [];
  let acc = 1;
  for (const s of outShape) {
    outStrides.push(acc);
    acc *= s;
  }
  const groups: number[][] = Array.from({ length: acc }, () => []);
  const sub = new Array<number>(rank).fill(0);
  for (let k = 0; k < t.re.length; k++) {
    let o = 0;
    for (let d = 0; d < rank; d++) if (!reduced.has(d)) o += sub[d] * outStrides[d];
    if (keep(t.re[k])) groups[o].push(t.re[k]);
    for (let d = 0; d < rank; d++) {
      if (++sub[d] < shape[d]) break;
      sub[d] = 0;
    }
  }
  return { shape: outShape, data: Float64Array.from(groups, (g) => f(Float64Array.from(g))) };
}

function is00(t: Tensor): boolean {
  return t.shape.length === 2 && t.shape[0] === 0 && t.shape[1] === 0;
}

function realArg(v: Value | undefined, fname: string): Tensor {
  const t = tensorArg(v, fname);
  if (t.im) raise('MATLAB:notImplemented', `${fname} of complex arrays is not supported yet.`);
  return t;
}

function floatResult(cls: ArrayClass, shape: number[], data: Float64Array): Tensor {
  if (cls === 'single') return new Tensor('single', shape, data.map(Math.fround));
  return new Tensor('double', shape, data);
}

export function medianOf(x: Float64Array): number {
  if (x.length === 0) return NaN;
  for (const v of x) if (Number.isNaN(v)) return NaN;
  const s = Float64Array.from(x).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : s[h - 1] === s[h] ? s[h] : s[h - 1] + (s[h] - s[h - 1]) / 2;
}

function meanOf(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Weighted variance: w = 0 (n-1), 1 (n) or a weight vector matching the fibre. */
function varianceOf(x: Float64Array, w: number | Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  if (typeof w !== 'number') {
    if (w.length !== n) raise('MATLAB:var:invalidSizeWgts', 'The length of the weight vector must equal the length of the dimension being operated on.');
    let sw = 0;
    let swx = 0;
    for (let i = 0; i < n; i++) {
      sw += w[i];
      swx += w[i] * x[i];
    }
    const mu = swx / sw;
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * (x[i] - mu) ** 2;
    return s / sw;
  }
  const mu = meanOf(x);
  if (!Number.isFinite(mu)) return NaN;
  let s = 0;
  for (const v of x) s += (v - mu) ** 2;
  return n === 1 ? 0 : s / (w === 1 ? n : n - 1);
}

function varianceBuiltin(name: 'var' | 'std'): BuiltinSpec {
  const root = name === 'std';
  return {
    family: 'statistics',
    lowering: { composite: name },
    signatures: [`${root ? 'S' : 'V'} = ${name}(A)`, `${root ? 'S' : 'V'} = ${name}(A, w)`, `${root ? 'S' : 'V'} = ${name}(A, w, dim)`, `${root ? 'S' : 'V'} = ${name}(A, w, 'all')`, `${root ? 'S' : 'V'} = ${name}(..., 'omitnan')`, `[${root ? 'S' : 'V'}, M] = ${name}(...)`],
    doc: `The ${root ? 'standard deviation' : 'variance'} along the first non-singleton dimension (or dim, vecdim, 'all'), normalized by n-1 (w = 0, the default) or n (w = 1), or weighted by a vector w; a single observation gives 0. M is the mean. Example: ${name}([2 4 4 4 5 5 7 9]) is ${root ? '2.1381' : '4.5714'}; ${name}([2 4 4 4 5 5 7 9], 1) is ${root ? '2' : '4'}.`,
    impl: (args) => {
      const a = realArg(args[0], name);
      if (isIntClass(a.cls)) raise(`MATLAB:${name}:integerClass`, `${name} does not support integer classes; convert with double first.`);
      const { positional, words } = splitOptions(args, 1, name);
      let w: number | Float64Array = 0;
      if (positional[0] && !(positional[0].type === 'tensor' && positional[0].re.length === 0)) {
        const wt = tensorArg(positional[0], name, 2);
        if (wt.re.length === 1) {
          if (wt.re[0] !== 0 && wt.re[0] !== 1) raise(`MATLAB:${name}:invalidWgts`, 'W must be a vector of nonnegative weights, or a scalar 0 or 1.');
          w = wt.re[0];
        } else {
          if (wt.re.some((x) => x < 0 || Number.isNaN(x))) raise(`MATLAB:${name}:invalidWgts`, 'W must be a vector of nonnegative weights, or a scalar 0 or 1.');
          w = wt.re;
        }
      }
      const cls = a.cls === 'single' ? 'single' : 'double';
      if (is00(a) && positional.length <= 1 && words.length === 0) return [floatResult(cls, [1, 1], Float64Array.of(NaN)), floatResult(cls, [1, 1], Float64Array.of(NaN))];
      const opts = statOptions(positional[1], words, a.shape, name);
      const v = reduceGroups(a, opts, (x) => varianceOf(x, w));
      const m = reduceGroups(a, opts, (x) => (typeof w === 'number' ? meanOf(x) : x.reduce((s, xi, i) => s + w[i] * xi, 0) / w.reduce((s, wi) => s + wi, 0)));
      const data = root ? v.data.map(Math.sqrt) : v.data;
      return [floatResult(cls, v.shape, data), floatResult(cls, m.shape, m.data)];
    },
  };
}

/** Column-centred covariance of an m×n matrix of observations (rows) by variables (columns). */
function covariance(x: Float64Array, m: number, n: number, w: number): Float64Array {
  const c = new Float64Array(n * n);
  const mu = new Float64Array(n);
  for (let j = 0; j < n; j++) mu[j] = meanOf(x.subarray(j * m, (j + 1) * m));
  const denom = m === 1 ? 1 : w === 1 ? m : m - 1;
  for (let j = 0; j < n; j++) {
    for (let k = j; k < n; k++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += (x[i + j * m] - mu[j]) * (x[i + k * m] - mu[k]);
      c[j + k * n] = c[k + j * n] = m === 0 ? NaN : s / denom;
    }
  }
  return c;
}

/** The observation matrix of cov/corrcoef: one argument (a vector is one variable) or x and y as two variables. */
function observations(args: Value[], fname: string): { x: Float64Array; m: number; n: number; w: number; cls: ArrayClass } {
  const a = realArg(args[0], fname);
  let rest = args.slice(1);
  let x: Float64Array;
  let m: number;
  let n: number;
  let cls: ArrayClass = a.cls === 'single' ? 'single' : 'double';
  const b = rest[0]?.type === 'tensor' && !(fname === 'cov' && rest[0].re.length === 1 && a.re.length !== 1) ? rest[0] : undefined;
  if (b && b.type === 'tensor' && b.cls !== 'char') {
    rest = rest.slice(1);
    if (b.re.length !== a.re.length) raise(`MATLAB:${fname}:XYlengthMismatch`, 'The number of elements in x and y must match.');
    if (b.cls === 'single') cls = 'single';
    m = a.re.length;
    n = 2;
    x = new Float64Array(2 * m);
    x.set(a.re);
    x.set(b.re, m);
  } else {
    if (a.shape.length > 2) raise(`MATLAB:${fname}:InputDim`, 'Inputs must be 2-D.');
    const vector = a.shape[0] === 1 || a.shape[1] === 1;
    m = vector ? a.re.length : a.shape[0];
    n = vector ? 1 : a.shape[1];
    x = a.re;
  }
  let w = 0;
  for (const r of rest) {
    if (r.type === 'tensor' && r.cls !== 'char') w = tensorArg(r, fname).re[0];
  }
  if (w !== 0 && w !== 1) raise(`MATLAB:${fname}:invalidWgts`, 'W must be 0 or 1.');
  return { x, m, n, w, cls };
}

function extremes(t: Tensor, opts: StatOptions): { lo: { shape: number[]; data: Float64Array }; hi: { shape: number[]; data: Float64Array } } {
  const pick = (better: (a: number, b: number) => boolean) => (x: Float64Array) => {
    let best = NaN;
    for (const v of x) if (!Number.isNaN(v) && (Number.isNaN(best) || better(v, best))) best = v;
    return best;
  };
  return { lo: reduceGroups(t, opts, pick((a, b) => a < b)), hi: reduceGroups(t, opts, pick((a, b) => a > b)) };
}

function keepClass(cls: ArrayClass, shape: number[], data: Float64Array): Tensor {
  const out: ArrayClass = cls === 'char' || cls === 'logical' ? 'double' : cls;
  if (out !== 'double') for (let i = 0; i < data.length; i++) data[i] = castScalar(data[i], out);
  return new Tensor(out, shape, data);
}

registerFamily({
  median: {
    family: 'statistics',
    signatures: ['M = median(A)', 'M = median(A, dim)', "M = median(A, 'all')", 'M = median(A, vecdim)', "M = median(..., 'omitnan')"],
    doc: "The middle value along the first non-singleton dimension (or dim, vecdim, 'all'): the mean of the two middle values for an even count; NaN if any element is NaN unless 'omitnan'. Example: median([3 1 4 1 5]) is 3; median([1 2; 3 4]) is [2 3].",
    impl: (args) => {
      const a = realArg(args[0], 'median');
      const { positional, words } = splitOptions(args, 1, 'median');
      if (is00(a) && positional.length === 0 && words.length === 0) return keepClass(a.cls, [1, 1], Float64Array.of(NaN));
      const { shape, data } = reduceGroups(a, statOptions(positional[0], words, a.shape, 'median'), medianOf);
      return keepClass(a.cls, shape, data);
    },
  },
  mode: {
    family: 'statistics',
    signatures: ['M = mode(A)', 'M = mode(A, dim)', "M = mode(A, 'all')", '[M, F] = mode(...)'],
    doc: 'The most frequent value along the first non-singleton dimension (or dim, vecdim, \'all\'), the smallest one when several are equally frequent; NaN values are ignored. F counts its occurrences. Example: mode([1 2 2 3 3]) is 2; [m, f] = mode([4 4 1]) gives m = 4, f = 2.',
    impl: (args) => {
      const a = realArg(args[0], 'mode');
      const { positional, words } = splitOptions(args, 1, 'mode');
      const opts = statOptions(positional[0], words, a.shape, 'mode', true);
      const freq = new Map<Float64Array, number>();
      const modeOf = (x: Float64Array) => {
        const s = Float64Array.from(x).filter((v) => !Number.isNaN(v)).sort();
        let best = NaN;
        let bestCount = 0;
        for (let i = 0; i < s.length; ) {
          let j = i;
          while (j < s.length && s[j] === s[i]) j++;
          if (j - i > bestCount) {
            bestCount = j - i;
            best = s[i];
          }
          i = j;
        }
        freq.set(x, bestCount);
        return best;
      };
      if (is00(a) && positional.length === 0 && words.length === 0) return [keepClass(a.cls, [1, 1], Float64Array.of(NaN)), new Tensor('double', [1, 1], Float64Array.of(0))];
      const counts: number[] = [];
      const { shape, data } = reduceGroups(a, opts, (x) => {
        const m = modeOf(x);
        counts.push(freq.get(x)!);
        return m;
      });
      return [new Tensor(a.cls, shape, data), new Tensor('double', shape, Float64Array.from(counts))];
    },
  },
  var: varianceBuiltin('var'),
  std: varianceBuiltin('std'),
  cov: {
    family: 'statistics',
    signatures: ['C = cov(A)', 'C = cov(A, w)', 'C = cov(x, y)', 'C = cov(x, y, w)'],
    // A GPU matrix: centred columns, then Xc'*Xc/(m-1), which the planner runs as SYRK.
    lowering: { composite: 'cov' },
    doc: 'Covariance: of a vector, its variance; of a matrix, the matrix of covariances between its columns (variables), rows being observations; of x and y, the 2-by-2 covariance of the two as variables. Normalized by n-1, or n with w = 1. Example: cov([1 2 3 4]) is 1.6667; cov([1 2 3], [1 2 4]) is [1 1.5; 1.5 2.3333].',
    impl: (args) => {
      const { x, m, n, w, cls } = observations(args, 'cov');
      if (m === 0 && n <= 1) return floatResult(cls, [1, 1], Float64Array.of(NaN));
      return floatResult(cls, [n, n], covariance(x, m, n, w));
    },
  },
  corrcoef: {
    family: 'statistics',
    signatures: ['R = corrcoef(A)', 'R = corrcoef(x, y)'],
    doc: 'Pearson correlation coefficients between the columns of A (rows are observations), or between x and y as two variables; the diagonal is exactly 1. Example: corrcoef([1 2 3], [2 4 7]) is [1 0.9934; 0.9934 1].',
    impl: (args) => {
      const { x, m, n, cls } = observations(args, 'corrcoef');
      const c = covariance(x, m, n, 0);
      const d = Array.from({ length: n }, (_, j) => Math.sqrt(c[j + j * n]));
      for (let j = 0; j < n; j++) {
        for (let k = 0; k < n; k++) {
          let r = c[j + k * n] / (d[j] * d[k]);
          if (Math.abs(r) > 1) r = r / Math.abs(r);
          c[j + k * n] = j === k ? Math.sign(r) : r;
        }
      }
      return floatResult(cls, [n, n], c);
    },
  },
  bounds: {
    family: 'statistics',
    signatures: ['[S, L] = bounds(A)', '[S, L] = bounds(A, dim)', "[S, L] = bounds(A, 'all')", "[S, L] = bounds(..., 'includenan')"],
    doc: "The smallest and largest elements along the first non-singleton dimension (or dim, vecdim, 'all') in one call, ignoring NaN unless 'includenan'. Example: [s, l] = bounds([3 9 1 4]) gives s = 1, l = 9.",
    impl: (args) => {
      const a = realArg(args[0], 'bounds');
      const { positional, words } = splitOptions(args, 1, 'bounds');
      const opts = statOptions(positional[0], words, a.shape, 'bounds', true);
      if (is00(a) && positional.length === 0 && words.length === 0) return [keepClass(a.cls, [0, 0], new Float64Array(0)), keepClass(a.cls, [0, 0], new Float64Array(0))];
      const includeNaN = !opts.omitNaN;
      const { lo, hi } = extremes(a, { ...opts, omitNaN: true });
      if (includeNaN) {
        const nan = reduceGroups(a, opts, (x) => (x.some(Number.isNaN) ? 1 : 0));
        nan.data.forEach((f, i) => f && ((lo.data[i] = NaN), (hi.data[i] = NaN)));
      }
      return [new Tensor(a.cls, lo.shape, lo.data), new Tensor(a.cls, hi.shape, hi.data)];
    },
  },
  range: {
    family: 'statistics',
    signatures: ['y = range(X)', 'y = range(X, dim)', "y = range(X, 'all')"],
    doc: "The difference between the largest and smallest elements along the first non-singleton dimension (or dim, vecdim, 'all'), ignoring NaN. Example: range([4 9 1]) is 8; range([1 5; 2 3]) is [1 2].",
    impl: (args) => {
      const a = realArg(args[0], 'range');
      const { positional, words } = splitOptions(args, 1, 'range');
      const opts = statOptions(positional[0], words, a.shape, 'range', true);
      if (is00(a) && positional.length === 0 && words.length === 0) return keepClass(a.cls, [0, 0], new Float64Array(0));
      const { lo, hi } = extremes(a, opts);
      return keepClass(a.cls, lo.shape, hi.data.map((h, i) => h - lo.data[i]));
    },
  },
});
