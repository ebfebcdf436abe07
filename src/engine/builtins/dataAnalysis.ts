// Data analysis along a dimension: binning (histcounts, with MATLAB's automatic bin picking),
// trapezoidal integration (trapz, cumtrapz), moving windows (movmean, movsum) and rescaling
// (normalize, rescale). Summary statistics (median, var, cov, ...) live in `statistics.ts`.

import { raise } from '../errors.ts';
import { isIntClass, Tensor, type ArrayClass, type Value } from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { badOption, dimOrDefault, doubles, forEachFibre, layout, withDim } from './fibres.ts';
import { scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import { medianOf } from './statistics.ts';
import type { BuiltinSpec } from './types.ts';

function realArg(v: Value | undefined, fname: string, position = 1): Tensor {
  const t = tensorArg(v, fname, position);
  if (t.im) raise('MATLAB:notImplemented', `${fname} of complex arrays is not supported yet.`);
  return t;
}

function floatClass(t: Tensor): ArrayClass {
  return t.cls === 'single' ? 'single' : 'double';
}

function result(cls: ArrayClass, shape: readonly number[], data: Float64Array): Tensor {
  return new Tensor(cls, shape, cls === 'single' ? data.map(Math.fround) : data);
}

/** The spacing of x for each element of a fibre of `n` along the dim: a scalar step or a vector of points. */
function pointsArg(x: Tensor | null, n: number, fname: string): (k: number) => number {
  if (!x) return (k) => k;
  if (x.re.length === 1) return (k) => k * x.re[0];
  if (x.re.length !== n) raise(`MATLAB:${fname}:LengthXMismatchY`, 'Length of X must match the length of the first non-singleton dimension of Y.');
  return (k) => x.re[k];
}

/** trapz/cumtrapz arguments: (Y), (X, Y), (Y, dim) when the second is a scalar, (X, Y, dim). */
function integrationArgs(args: Value[], fname: string): { x: Tensor | null; y: Tensor; dim: number } {
  if (args.length === 1) {
    const y = realArg(args[0], fname);
    return { x: null, y, dim: dimOrDefault(undefined, y.shape, fname) };
  }
  if (args.length === 2 && tensorArg(args[1], fname, 2).re.length === 1 && tensorArg(args[0], fname).re.length !== 1) {
    const y = realArg(args[0], fname);
    return { x: null, y, dim: dimOrDefault(args[1], y.shape, fname) };
  }
  const x = realArg(args[0], fname);
  const y = realArg(args[1], fname, 2);
  const dim = dimOrDefault(args[2], y.shape, fname);
  return { x, y, dim };
}

function integration(name: 'trapz' | 'cumtrapz', doc: string): BuiltinSpec {
  const cumulative = name === 'cumtrapz';
  return {
    family: 'statistics',
    signatures: [`Q = ${name}(Y)`, `Q = ${name}(X, Y)`, `Q = ${name}(..., dim)`],
    doc,
    impl: (args) => {
      const { x, y, dim } = integrationArgs(args, name);
      const { along } = layout(y.shape, dim);
      const at = pointsArg(x, along, name);
      const shape = cumulative ? [...y.shape] : withDim(y.shape, dim, 1);
      const out = new Float64Array(cumulative ? y.re.length : layout(shape, dim).before * layout(shape, dim).after);
      forEachFibre(y.shape, dim, (start, stride, f) => {
        let s = 0;
        if (cumulative && along > 0) out[start] = 0;
        for (let k = 1; k < along; k++) {
          s += ((at(k) - at(k - 1)) * (y.re[start + k * stride] + y.re[start + (k - 1) * stride])) / 2;
          if (cumulative) out[start + k * stride] = s;
        }
        if (!cumulative) out[f] = s;
      });
      return result(floatClass(y), shape, out);
    },
  };
}

/** Window [before, after] from k (scalar or two-element vector), as MATLAB's moving functions read it. */
function windowArg(v: Value | undefined, fname: string): [number, number] {
  const k = realArg(v, fname, 2);
  if (k.re.length === 2) {
    if (k.re[0] < 0 || k.re[1] < 0) raise(`MATLAB:${fname}:invalidWindow`, 'Window length must be a finite, positive scalar or a 2-element vector of nonnegative numbers.');
    return [Math.floor(k.re[0]), Math.floor(k.re[1])];
  }
  const n = k.re[0];
  if (k.re.length !== 1 || !(n > 0) || !Number.isFinite(n)) raise(`MATLAB:${fname}:invalidWindow`, 'Window length must be a finite, positive scalar or a 2-element vector of nonnegative numbers.');
  const w = Math.floor(n);
  return w % 2 ? [(w - 1) / 2, (w - 1) / 2] : [w / 2, w / 2 - 1];
}

function moving(name: 'movmean' | 'movsum', doc: string): BuiltinSpec {
  const mean = name === 'movmean';
  return {
    family: 'statistics',
    signatures: [`M = ${name}(A, k)`, `M = ${name}(A, [kb kf])`, `M = ${name}(..., dim)`, `M = ${name}(..., 'omitnan')`, `M = ${name}(..., 'Endpoints', 'shrink' | 'fill' | 'discard' | value)`],
    doc,
    impl: (args) => {
      const a = realArg(args[0], name);
      const [kb, kf] = windowArg(args[1], name);
      let omitNaN = false;
      let endpoints: 'shrink' | 'discard' | number = 'shrink';
      let dimValue: Value | undefined;
      for (let i = 2; i < args.length; i++) {
        if (!isText(args[i])) {
          dimValue = args[i];
          continue;
        }
        const w = textArg(args[i], name, i + 1).toLowerCase();
        if (w === 'omitnan' || w === 'omitmissing') omitNaN = true;
        else if (w === 'includenan' || w === 'includemissing') omitNaN = false;
        else if (w === 'endpoints') {
          const e = args[++i];
          if (isText(e)) {
            const ew = textArg(e, name, i + 1).toLowerCase();
            if (ew === 'fill') endpoints = NaN;
            else if (ew === 'shrink' || ew === 'discard') endpoints = ew;
            else badOption(name, ew);
          } else endpoints = scalarArg(e, name, i + 1);
        } else badOption(name, w);
      }
      const dim = dimOrDefault(dimValue, a.shape, name);
      const { along } = layout(a.shape, dim);
      const discard = endpoints === 'discard';
      const first = discard ? kb : 0;
      const last = discard ? along - kf : along;
      const len = Math.max(0, last - first);
      const shape = discard ? withDim(a.shape, dim, len) : [...a.shape];
      const out = new Float64Array(shape.reduce((p, d) => p * d, 1));
      forEachFibre(a.shape, dim, (start, stride, f) => {
        const { before } = layout(a.shape, dim);
        const outStart = discard ? (f % before) + Math.floor(f / before) * before * len : start;
        for (let i = first; i < last; i++) {
          const o = outStart + (i - first) * stride;
          if (typeof endpoints === 'number' && (i - kb < 0 || i + kf >= along)) {
            out[o] = endpoints;
            continue;
          }
          let s = 0;
          let n = 0;
          for (let j = Math.max(0, i - kb); j <= Math.min(along - 1, i + kf); j++) {
            const v = a.re[start + j * stride];
            if (omitNaN && Number.isNaN(v)) continue;
            s += v;
            n++;
          }
          out[o] = mean ? (n === 0 ? NaN : s / n) : s;
        }
      });
      return result(isIntClass(a.cls) || a.cls === 'logical' || a.cls === 'char' ? 'double' : floatClass(a), shape, out);
    },
  };
}

/** MATLAB's "nice" bin edges for data in [xmin, xmax] (histcounts' binpicker). */
function binPicker(xmin: number, xmax: number, nbins: number | null, rawWidth: number): number[] {
  const xscale = Math.max(Math.abs(xmin), Math.abs(xmax));
  const xrange = xmax - xmin;
  const epsScale = xscale === 0 ? 2 ** -1074 : 2 ** (Math.floor(Math.log2(xscale)) - 52);
  rawWidth = Math.max(rawWidth, epsScale);
  let left: number;
  let right: number;
  let width: number;
  let count: number;
  if (xrange > Math.max(Math.sqrt(epsScale), 2 ** -1022)) {
    const pow10 = 10 ** Math.floor(Math.log10(rawWidth));
    const rel = rawWidth / pow10;
    width = pow10 * (rel < 1.5 ? 1 : rel < 2.5 ? 2 : rel < 4 ? 3 : rel < 7.5 ? 5 : 10);
    if (nbins === null) {
      left = Math.max(Math.min(width * Math.floor(xmin / width), xmin), -Number.MAX_VALUE);
      count = Math.max(1, Math.ceil((xmax - left) / width));
    } else {
      width = pow10;
      left = Math.max(Math.min(width * Math.floor(xmin / width), xmin), -Number.MAX_VALUE);
      if (nbins > 1) {
        const ll = (xmax - left) / nbins;
        const ul = (xmax - left) / (nbins - 1);
        const p10 = 10 ** Math.floor(Math.log10(ul - ll));
        width = p10 * Math.ceil(ll / p10);
      }
      count = nbins;
    }
    right = Math.min(Math.max(left + count * width, xmax), Number.MAX_VALUE);
  } else {
    count = nbins ?? 1;
    const binRange = Math.max(1, Math.ceil(count * epsScale));
    left = Math.floor(2 * (xmin - binRange / 4)) / 2;
    right = Math.ceil(2 * (xmax + binRange / 4)) / 2;
    width = (right - left) / count;
  }
  if (!Number.isFinite(width)) return Array.from({ length: count + 1 }, (_, k) => left + ((right - left) * k) / count);
  return [left, ...Array.from({ length: count - 1 }, (_, k) => left + (k + 1) * width), right];
}

/** histcounts' automatic edges: integer bins for small-range integer data, else Scott's rule. */
function autoEdges(x: Float64Array, intData: boolean): number[] {
  if (x.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (intData && hi - lo <= 50) {
    // Counted, not stepped: past 2^53, e++ no longer moves e and the loop would never end.
    return Array.from({ length: hi - lo + 2 }, (_, k) => lo - 0.5 + k);
  }
  let mu = 0;
  for (const v of x) mu += v;
  mu /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - mu) ** 2;
  const sd = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
  return binPicker(lo, hi, null, (3.5 * sd) / Math.cbrt(x.length));
}

function countInto(x: Float64Array, edges: number[]): Float64Array {
  const nb = edges.length - 1;
  const counts = new Float64Array(Math.max(0, nb));
  for (const v of x) {
    if (!(v >= edges[0] && v <= edges[nb])) continue;
    let lo = 0;
    let hi = nb;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (v >= edges[mid]) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

function normalizeCounts(counts: Float64Array, edges: number[], how: string, total: number): Float64Array {
  const widths = counts.map((_, k) => edges[k + 1] - edges[k]);
  switch (how) {
    case 'count':
      return counts;
    case 'probability':
      return counts.map((c) => c / total);
    case 'countdensity':
      return counts.map((c, k) => c / widths[k]);
    case 'pdf':
      return counts.map((c, k) => c / total / widths[k]);
    case 'cumcount':
      return counts.map(((s) => (c: number) => (s += c))(0));
    case 'cdf':
      return counts.map(((s) => (c: number) => (s += c) / total)(0));
    default:
      badOption('histcounts', how);
  }
}

registerFamily({
  histcounts: {
    family: 'statistics',
    signatures: ['[N, edges] = histcounts(X)', '[N, edges] = histcounts(X, nbins)', '[N, edges] = histcounts(X, edges)', "[N, edges] = histcounts(..., 'Normalization', norm)"],
    doc: "Counts the elements of X in bins: nbins equal bins with \"nice\" edges, the given edges, or automatic bins (unit bins around integers for integer data of small range, else Scott's rule). Each bin includes its left edge; the last also includes its right edge; NaN and values outside are not counted. Example: histcounts([1 2 2 3 5], [0 2 4 6]) is [1 3 1]; [N, e] = histcounts([1 2 2 3]) gives N = [1 2 1], e = [0.5 1.5 2.5 3.5].",
    impl: (args) => {
      const t = realArg(args[0], 'histcounts');
      const x = t.re.filter((v) => !Number.isNaN(v));
      let how = 'count';
      let spec: Tensor | null = null;
      for (let i = 1; i < args.length; i++) {
        if (isText(args[i])) {
          const w = textArg(args[i], 'histcounts', i + 1).toLowerCase();
          if (w !== 'normalization') badOption('histcounts', w);
          how = textArg(args[++i], 'histcounts', i + 1).toLowerCase();
        } else spec = realArg(args[i], 'histcounts', i + 1);
      }
      const finite = x.filter(Number.isFinite);
      let edges: number[];
      if (spec && spec.re.length > 1) {
        edges = Array.from(spec.re);
        if (edges.some((e, k) => k > 0 && !(e >= edges[k - 1]))) raise('MATLAB:histcounts:nonMonotonicEdges', 'Bin edges must be monotonically nondecreasing.');
      } else if (spec) {
        const nb = spec.re[0];
        if (!(nb >= 1) || !Number.isInteger(nb)) raise('MATLAB:histcounts:invalidNumBins', 'Number of bins must be a positive integer.');
        if (finite.length === 0) edges = Array.from({ length: nb + 1 }, (_, k) => k);
        else {
          const lo = finite.reduce((a, b) => Math.min(a, b));
          const hi = finite.reduce((a, b) => Math.max(a, b));
          edges = binPicker(lo, hi, nb, (hi - lo) / nb);
        }
      } else {
        const intData = isIntClass(t.cls) || t.cls === 'logical' || finite.every((v) => Number.isInteger(v));
        edges = autoEdges(finite, intData);
      }
      const counts = normalizeCounts(countInto(x, edges), edges, how, x.length);
      return [doubles(counts, [1, counts.length]), doubles(edges, [1, edges.length])];
    },
  },
  trapz: integration('trapz', 'The integral by the trapezoidal rule along the first non-singleton dimension (or dim), with unit spacing, a scalar spacing X, or points X. Example: trapz([1 2 3]) is 4; trapz([0 1 3], [0 1 3]) is 4.5.'),
  cumtrapz: integration('cumtrapz', 'The running trapezoidal integral along the first non-singleton dimension (or dim), starting at 0, with unit spacing, a scalar spacing X, or points X. Example: cumtrapz([1 2 3]) is [0 1.5 4].'),
  movmean: moving('movmean', "The mean over a sliding window of k elements centred on each element (k odd: (k-1)/2 each side; k even: k/2 before, k/2-1 after; [kb kf] explicitly), along the first non-singleton dimension (or dim). The window shrinks at the ends unless 'Endpoints' is 'fill', 'discard' or a value; NaN spreads unless 'omitnan'. Example: movmean([1 2 3 4 5], 3) is [1.5 2 3 4 4.5]."),
  movsum: moving('movsum', "The sum over a sliding window of k elements centred on each element (k odd: (k-1)/2 each side; k even: k/2 before, k/2-1 after; [kb kf] explicitly), along the first non-singleton dimension (or dim). The window shrinks at the ends unless 'Endpoints' is 'fill', 'discard' or a value. Example: movsum([1 2 3 4 5], [1 0]) is [1 3 5 7 9]."),
  normalize: {
    family: 'statistics',
    signatures: ['N = normalize(A)', 'N = normalize(A, dim)', "N = normalize(..., 'zscore')", "N = normalize(..., 'range', [a b])", "N = normalize(..., 'center', 'mean' | 'median')", "N = normalize(..., 'scale', 'std')", "N = normalize(..., 'norm', p)"],
    doc: "Normalizes along the first non-singleton dimension (or dim): by default the z-score (x - mean) / std; 'range' maps to [0 1] (or [a b]); 'center' subtracts the mean or median; 'scale' divides by the standard deviation; 'norm' divides by the p-norm (default 2). Example: normalize([1 2 3]) is [-1 0 1]; normalize([1 2 3], 'range') is [0 0.5 1].",
    impl: (args) => {
      const a = realArg(args[0], 'normalize');
      let dimValue: Value | undefined;
      let method = 'zscore';
      let option: string | null = null;
      let rangeTo: [number, number] = [0, 1];
      let p = 2;
      for (let i = 1; i < args.length; i++) {
        if (!isText(args[i])) {
          if (dimValue !== undefined) raise('MATLAB:normalize:invalidInput', 'Invalid normalization arguments.');
          dimValue = args[i];
          continue;
        }
        method = textArg(args[i], 'normalize', i + 1).toLowerCase();
        const next = args[i + 1];
        if (next === undefined) continue;
        if (isText(next) && method !== 'range' && method !== 'norm') option = textArg(args[++i], 'normalize', i + 1).toLowerCase();
        else if (!isText(next) && method === 'range') {
          const r = tensorArg(args[++i], 'normalize', i + 1).re;
          if (r.length !== 2) raise('MATLAB:normalize:invalidRange', 'Range must be a 2-element vector.');
          rangeTo = [r[0], r[1]];
        } else if (!isText(next) && method === 'norm') p = scalarArg(args[++i], 'normalize', i + 1);
      }
      const dim = dimOrDefault(dimValue, a.shape, 'normalize');
      const { along } = layout(a.shape, dim);
      const out = new Float64Array(a.re.length);
      forEachFibre(a.shape, dim, (start, stride) => {
        const x = Float64Array.from({ length: along }, (_, k) => a.re[start + k * stride]);
        const finite = x.filter((v) => !Number.isNaN(v));
        const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
        const std = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, finite.length - 1));
        let f: (v: number) => number;
        if (method === 'zscore') f = (v) => (v - mean) / std;
        else if (method === 'range') {
          const lo = finite.reduce((m, v) => Math.min(m, v), Infinity);
          const hi = finite.reduce((m, v) => Math.max(m, v), -Infinity);
          f = (v) => rangeTo[0] + ((v - lo) / (hi - lo)) * (rangeTo[1] - rangeTo[0]);
        } else if (method === 'center') {
          const c = option === 'median' ? medianOf(finite) : mean;
          f = (v) => v - c;
        } else if (method === 'scale') f = (v) => v / std;
        else if (method === 'norm') {
          const nrm = p === Infinity ? finite.reduce((m, v) => Math.max(m, Math.abs(v)), -Infinity) : finite.reduce((s, v) => s + Math.abs(v) ** p, 0) ** (1 / p);
          f = (v) => v / nrm;
        } else badOption('normalize', method);
        for (let k = 0; k < along; k++) out[start + k * stride] = f(x[k]);
      });
      return result(floatClass(a), a.shape, out);
    },
  },
  rescale: {
    family: 'statistics',
    signatures: ['R = rescale(A)', 'R = rescale(A, l, u)'],
    doc: 'Maps the elements of A linearly onto [l, u] (default [0, 1]) using the minimum and maximum over all of A; a constant A maps to l. Example: rescale([1 2 3]) is [0 0.5 1]; rescale([1 2 3], -1, 1) is [-1 0 1].',
    impl: (args) => {
      const a = realArg(args[0], 'rescale');
      const l = args.length > 1 ? scalarArg(args[1], 'rescale', 2) : 0;
      const u = args.length > 2 ? scalarArg(args[2], 'rescale', 3) : 1;
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of a.re) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const span = hi - lo;
      const out = a.re.map((v) => (span === 0 ? l : l + ((v - lo) / span) * (u - l)));
      return result(floatClass(a), a.shape, out);
    },
  },
});
