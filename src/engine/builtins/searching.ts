// Ordering and searching: sort, sortrows, find, nnz, cummax, cummin, diff, accumarray. MATLAB's
// order is stable in both directions, puts NaN last ascending and first descending, and orders
// complex numbers by abs, then angle; text (cellstr, string arrays) orders by code point. The set
// functions (unique, ismember, union, ...) build on the same order in `sets.ts`.

import { raise } from '../errors.ts';
import {
  castScalar,
  charText,
  isIntClass,
  numelOf,
  scalar,
  Tensor,
  type ArrayClass,
  type Value,
} from '../runtime/values/index.ts';
import { firstNonSingleton } from './args.ts';
import { badOption, dimOrDefault, doubles, forEachFibre, gatherValue, layout, needValue, splitOptions, withDim } from './fibres.ts';
import { scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { Async, CallContext } from './types.ts';

/** Three-way order of two numbers (real, or complex by abs then angle), NaN as the largest. */
export function compareNumbers(ar: number, ai: number, br: number, bi: number): number {
  const an = Number.isNaN(ar) || Number.isNaN(ai);
  const bn = Number.isNaN(br) || Number.isNaN(bi);
  if (an || bn) return an && bn ? 0 : an ? 1 : -1;
  if (ai !== 0 || bi !== 0) {
    const ma = Math.hypot(ar, ai);
    const mb = Math.hypot(br, bi);
    if (ma !== mb) return ma < mb ? -1 : 1;
    const pa = Math.atan2(ai, ar);
    const pb = Math.atan2(bi, br);
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  }
  return ar < br ? -1 : ar > br ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Element comparator over linear positions of one value: numbers, or the texts of a cellstr/string array. */
export function elementOrder(v: Value, fname: string): (p: number, q: number) => number {
  if (v.type === 'tensor') {
    const { re, im } = v;
    return im ? (p, q) => compareNumbers(re[p], im[p], re[q], im[q]) : (p, q) => compareNumbers(re[p], 0, re[q], 0);
  }
  const texts = textItems(v, fname);
  return (p, q) => compareText(texts[p], texts[q]);
}

/** The texts of a cell array of char vectors or a string array. */
export function textItems(v: Value, fname: string): string[] {
  if (v.type === 'string') return v.items.map((s) => s ?? '');
  if (v.type === 'cell') {
    return v.items.map((x) => {
      if (x.type === 'tensor' && x.cls === 'char' && x.shape[0] <= 1) return charText(x);
      raise(`MATLAB:${fname}:InputClass`, `Cell array input must be a cell array of character vectors.`);
    });
  }
  raise(`MATLAB:${fname}:InputClass`, `Input must be a numeric, logical, char, string or cellstr array (got ${v.type}).`);
}

/** Stable sort of a list of positions; NaN stays last ascending and moves first descending. */
function sortPositions(idx: number[], cmp: (p: number, q: number) => number, descending: boolean, isNaNAt: (p: number) => boolean): void {
  if (!descending) idx.sort(cmp);
  else idx.sort((p, q) => {
    const pn = isNaNAt(p);
    const qn = isNaNAt(q);
    if (pn || qn) return pn && qn ? 0 : pn ? -1 : 1;
    return cmp(q, p);
  });
}

function nanTest(v: Value): (p: number) => boolean {
  if (v.type !== 'tensor') return () => false;
  const { re, im } = v;
  return (p) => Number.isNaN(re[p]) || (im !== null && Number.isNaN(im[p]));
}

function directionWord(words: string[], fname: string): boolean {
  let descending = false;
  for (const w of words) {
    if (w === 'descend') descending = true;
    else if (w === 'ascend') descending = false;
    else badOption(fname, w);
  }
  return descending;
}

/** Casts numbers to a class, saturating integers, as results of integer arithmetic do. */
function castAll(data: Float64Array, cls: ArrayClass): Float64Array {
  if (cls !== 'double') for (let i = 0; i < data.length; i++) data[i] = castScalar(data[i], cls);
  return data;
}

/** Rows of a matrix-like value compared column by column, each column ascending or descending. */
function rowOrder(v: Value, columns: number[], fname: string): (p: number, q: number) => number {
  const m = v.shape[0];
  const elem = elementOrder(v, fname);
  const isNaNAt = nanTest(v);
  return (p, q) => {
    for (const c of columns) {
      const col = Math.abs(c) - 1;
      const a = p + col * m;
      const b = q + col * m;
      let r: number;
      if (c > 0) r = elem(a, b);
      else {
        const an = isNaNAt(a);
        const bn = isNaNAt(b);
        r = an || bn ? (an && bn ? 0 : an ? -1 : 1) : elem(b, a);
      }
      if (r !== 0) return r;
    }
    return 0;
  };
}

/** Runs `f` over items, staying synchronous until some call returns a promise. */
function sequence<T, R>(items: readonly T[], f: (x: T) => Async<R>): Async<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    const r = f(items[i]);
    if (r instanceof Promise) {
      return (async () => {
        out.push(await r);
        for (let j = i + 1; j < items.length; j++) out.push(await f(items[j]));
        return out;
      })();
    }
    out.push(r);
  }
  return out;
}

function cumulativeExtreme(name: 'cummax' | 'cummin') {
  const better = name === 'cummax' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  return {
    family: 'reductions' as const,
    signatures: [`M = ${name}(A)`, `M = ${name}(A, dim)`, `M = ${name}(..., 'reverse')`],
    doc: `The running ${name === 'cummax' ? 'maximum' : 'minimum'} along the first non-singleton dimension (or dim), ignoring NaN (NaN until the first number); 'reverse' runs from the end. Example: ${name}([3 1 4 1 5]) is ${name === 'cummax' ? '[3 3 4 4 5]' : '[3 1 1 1 1]'}.`,
    impl: (args: Value[]) => {
      const a = tensorArg(args[0], name);
      if (a.im) raise('MATLAB:notImplemented', `${name} of complex arrays is not supported yet.`);
      const { positional, words } = splitOptions(args, 1, name);
      let reverse = false;
      for (const w of words) {
        if (w === 'reverse') reverse = true;
        else if (w === 'forward') reverse = false;
        else if (w !== 'omitnan') badOption(name, w);
      }
      const dim = dimOrDefault(positional[0], a.shape, name);
      const out = new Float64Array(a.re.length);
      const { along } = layout(a.shape, dim);
      forEachFibre(a.shape, dim, (start, stride) => {
        let best = NaN;
        for (let s = 0; s < along; s++) {
          const k = start + (reverse ? along - 1 - s : s) * stride;
          const x = a.re[k];
          if (Number.isNaN(best) || better(x, best)) best = Number.isNaN(x) ? best : x;
          out[k] = best;
        }
      });
      const cls: ArrayClass = a.cls === 'char' ? 'double' : a.cls;
      return new Tensor(cls, a.shape, out);
    },
  };
}

/** One first difference along `dim` (1-based). */
function diffOnce(re: Float64Array, shape: readonly number[], dim: number): { re: Float64Array; shape: number[] } {
  const { before, along, after } = layout(shape, dim);
  const n = Math.max(0, along - 1);
  const out = new Float64Array(before * n * after);
  for (let a = 0; a < after; a++) {
    for (let k = 0; k < n; k++) {
      for (let b = 0; b < before; b++) {
        const src = b + k * before + a * before * along;
        out[b + k * before + a * before * n] = re[src + before] - re[src];
      }
    }
  }
  return { re: out, shape: withDim(shape, dim, n) };
}

registerFamily({
  sort: {
    family: 'reductions',
    signatures: ['B = sort(A)', 'B = sort(A, dim)', "B = sort(..., 'descend')", '[B, I] = sort(...)'],
    doc: "Sorts along the first non-singleton dimension (or dim), ascending unless 'descend'. Equal elements keep their order; NaN goes last ascending and first descending; complex values sort by abs, then angle; cell arrays of char vectors and string arrays sort as text. I holds the positions along the dimension. Example: [B, I] = sort([3 1 2]) gives B = [1 2 3], I = [2 3 1].",
    impl: (args) => {
      const v = needValue(args);
      const { positional, words } = splitOptions(args, 1, 'sort');
      const descending = directionWord(words, 'sort');
      const dim = dimOrDefault(positional[0], v.shape, 'sort');
      const cmp = elementOrder(v, 'sort');
      const isNaNAt = nanTest(v);
      const n = numelOf(v.shape);
      const positions = new Array<number>(n);
      const index = new Float64Array(n);
      const { along } = layout(v.shape, dim);
      forEachFibre(v.shape, dim, (start, stride) => {
        const idx = Array.from({ length: along }, (_, k) => start + k * stride);
        sortPositions(idx, cmp, descending, isNaNAt);
        for (let k = 0; k < along; k++) {
          positions[start + k * stride] = idx[k];
          index[start + k * stride] = (idx[k] - start) / stride + 1;
        }
      });
      return [gatherValue(v, positions, v.shape), new Tensor('double', v.shape, index)];
    },
  },
  sortrows: {
    family: 'reductions',
    signatures: ['B = sortrows(A)', 'B = sortrows(A, column)', "B = sortrows(..., 'descend')", '[B, I] = sortrows(...)'],
    doc: "Sorts the rows of a matrix (or cell array of char vectors) by the first column, ties broken by the next; column lists the columns to compare, a negative entry sorting that column descending. Stable; I is the column of original row numbers. Example: sortrows([3 1; 1 2; 3 0], [1 -2]) is [1 2; 3 1; 3 0].",
    impl: (args) => {
      const v = needValue(args);
      if (v.shape.length > 2) raise('MATLAB:sortrows:inputDimensionMismatch', 'SORTROWS only works on 2-D arrays.');
      const { positional, words } = splitOptions(args, 1, 'sortrows');
      const descending = directionWord(words, 'sortrows');
      const [m, n] = v.shape;
      let columns = Array.from({ length: n }, (_, c) => c + 1);
      if (positional[0] && !(positional[0].type === 'tensor' && positional[0].re.length === 0)) {
        columns = Array.from(tensorArg(positional[0], 'sortrows', 2).re);
        if (columns.some((c) => !Number.isInteger(c) || c === 0 || Math.abs(c) > n)) {
          raise('MATLAB:sortrows:COLmismatchX', 'Column sort vector must contain nonzero integers with absolute value no greater than the number of columns.');
        }
      }
      if (descending) columns = columns.map((c) => -c);
      const order = Array.from({ length: m }, (_, i) => i);
      order.sort(rowOrder(v, columns, 'sortrows'));
      const positions: number[] = [];
      for (let c = 0; c < n; c++) for (const r of order) positions.push(r + c * m);
      return [gatherValue(v, positions, v.shape), doubles(order.map((r) => r + 1), [m, 1])];
    },
  },
  find: {
    family: 'reductions',
    signatures: ['k = find(X)', 'k = find(X, n)', "k = find(X, n, 'last')", '[row, col] = find(...)', '[row, col, v] = find(...)'],
    doc: "Linear indices of the nonzero elements (NaN counts as nonzero), at most n of them from the start ('first') or the end ('last'); with two or three outputs the row and column subscripts and the values. A row vector gives a row, anything else a column. Example: find([0 3 0 5]) is [2 4]; [r, c] = find([0 1; 1 0]) gives r = [2; 1], c = [1; 2].",
    impl: (args, ctx) => {
      const x = tensorArg(args[0], 'find');
      let limit = Infinity;
      let fromEnd = false;
      if (args.length >= 2) {
        limit = scalarArg(args[1], 'find', 2);
        if (!(limit >= 0) || (Number.isFinite(limit) && !Number.isInteger(limit))) raise('MATLAB:find:NNonNegativeInteger', 'Second argument must be a nonnegative integer scalar.');
      }
      if (args.length >= 3) {
        const w = splitOptions(args, 2, 'find').words[0];
        if (w === 'last') fromEnd = true;
        else if (w !== 'first') raise('MATLAB:find:invalidDirection', "Direction must be 'first' or 'last'.");
      }
      const hits: number[] = [];
      const nonzero = (k: number) => x.re[k] !== 0 || (x.im !== null && x.im[k] !== 0);
      if (!fromEnd) for (let k = 0; k < x.re.length && hits.length < limit; k++) nonzero(k) && hits.push(k);
      else {
        for (let k = x.re.length - 1; k >= 0 && hits.length < limit; k--) nonzero(k) && hits.push(k);
        hits.reverse();
      }
      const isRow = x.shape.length === 2 && x.shape[0] === 1;
      const is00 = x.shape.length === 2 && x.shape[0] === 0 && x.shape[1] === 0;
      const shape = is00 && hits.length === 0 ? [0, 0] : isRow ? [1, hits.length] : [hits.length, 1];
      if (ctx.nargout <= 1) return doubles(hits.map((k) => k + 1), shape);
      const m = x.shape[0];
      const rows = doubles(hits.map((k) => (k % m) + 1), shape);
      const cols = doubles(hits.map((k) => Math.floor(k / m) + 1), shape);
      const vals = new Tensor(x.cls, shape, Float64Array.from(hits, (k) => x.re[k]), x.im ? Float64Array.from(hits, (k) => x.im![k]) : null);
      return [rows, cols, vals];
    },
  },
  nnz: {
    family: 'reductions',
    signatures: ['N = nnz(X)'],
    doc: 'The number of nonzero elements (NaN counts as nonzero). Example: nnz([1 0 2; 0 0 NaN]) is 3.',
    impl: (args) => {
      const x = tensorArg(args[0], 'nnz');
      let n = 0;
      for (let k = 0; k < x.re.length; k++) if (x.re[k] !== 0 || (x.im !== null && x.im[k] !== 0)) n++;
      return scalar(n);
    },
  },
  cummax: cumulativeExtreme('cummax'),
  cummin: cumulativeExtreme('cummin'),
  diff: {
    family: 'reductions',
    signatures: ['Y = diff(X)', 'Y = diff(X, n)', 'Y = diff(X, n, dim)'],
    doc: 'Differences between adjacent elements along the first non-singleton dimension (or dim), applied n times; without dim, once a dimension shrinks to length 1 the next non-singleton one is used. Integer classes saturate; logical and char give double. Example: diff([1 4 9 16]) is [3 5 7]; diff([1 4 9 16], 2) is [2 2].',
    impl: (args) => {
      const x = tensorArg(args[0], 'diff');
      if (x.im) raise('MATLAB:notImplemented', 'diff of complex arrays is not supported yet.');
      let n = 1;
      if (args.length >= 2 && !(args[1].type === 'tensor' && args[1].re.length === 0)) {
        n = scalarArg(args[1], 'diff', 2);
        if (!(n >= 0) || !Number.isInteger(n)) raise('MATLAB:diff:differenceOrderMustBePositiveInteger', 'Difference order N must be a positive integer scalar.');
      }
      const fixedDim = args.length >= 3 ? dimOrDefault(args[2], x.shape, 'diff') : null;
      const cls: ArrayClass = x.cls === 'logical' || x.cls === 'char' ? 'double' : x.cls;
      let cur = { re: x.re, shape: [...x.shape] };
      for (let k = 0; k < n; k++) {
        let dim = fixedDim ?? firstNonSingleton(cur.shape);
        if (fixedDim === null && cur.shape.every((d) => d === 1)) dim = cur.shape.length;
        cur = diffOnce(cur.re, cur.shape, dim);
        if (cls !== 'double') castAll(cur.re, cls);
        if (cur.re.length === 0) break;
      }
      return new Tensor(cls, cur.shape, cur.re === x.re ? Float64Array.from(x.re) : cur.re);
    },
  },
  accumarray: {
    family: 'reductions',
    signatures: ['A = accumarray(subs, vals)', 'A = accumarray(subs, vals, sz)', 'A = accumarray(subs, vals, sz, fun)', 'A = accumarray(subs, vals, sz, fun, fillval)'],
    doc: 'Accumulates vals into an array at the subscripts in the rows of subs (one column for a column vector result, d columns for d-D): by default summing values that share a subscript; fun (a function handle) combines each group\'s column of values instead, and fillval fills positions nothing lands on (default 0). Example: accumarray([1; 2; 1], [10; 20; 30]) is [40; 20].',
    impl: (args, ctx) => accumarray(args, ctx),
  },
});

function accumarray(args: Value[], ctx: CallContext): Async<Value> {
  const subs = tensorArg(args[0], 'accumarray');
  const vals = tensorArg(args[1], 'accumarray', 2);
  const isRowSubs = subs.shape[0] === 1 && subs.shape.length === 2 && subs.re.length > 1 && vals.re.length !== subs.re.length;
  const m = isRowSubs ? 1 : subs.shape[0];
  const d = isRowSubs ? subs.re.length : subs.cols;
  if (vals.re.length !== 1 && vals.re.length !== m) raise('MATLAB:accumarray:nmismatch', 'Second input VAL must be a vector with one element for each row in SUBS, or a scalar.');
  for (const s of subs.re) if (!(s >= 1) || !Number.isInteger(s)) raise('MATLAB:accumarray:nonPosIntSubs', 'First input SUBS must contain positive integer subscripts.');
  const maxes = Array.from({ length: d }, (_, c) => {
    let mx = 0;
    for (let r = 0; r < m; r++) mx = Math.max(mx, subs.re[r + c * m]);
    return mx;
  });
  let shape = d === 1 ? [maxes[0], 1] : maxes;
  if (args[2] && !(args[2].type === 'tensor' && args[2].re.length === 0)) {
    const sz = Array.from(tensorArg(args[2], 'accumarray', 3).re);
    if (sz.length < Math.max(2, d) || maxes.some((mx, c) => mx > sz[c]) || sz.slice(d).some((s) => s !== 1 && d > 1)) {
      raise('MATLAB:accumarray:subsOutOfRange', 'Index into output array is out of range; make sure SZ is large enough.');
    }
    shape = sz;
  }
  const strides: number[] = [];
  let acc = 1;
  for (const s of shape) {
    strides.push(acc);
    acc *= s;
  }
  const groups = new Map<number, number[]>();
  for (let r = 0; r < m; r++) {
    let p = 0;
    for (let c = 0; c < d; c++) p += (subs.re[r + c * m] - 1) * strides[c];
    const g = groups.get(p);
    const v = vals.re.length === 1 ? vals.re[0] : vals.re[r];
    if (g) g.push(v);
    else groups.set(p, [v]);
  }
  const fill = args[4] ? scalarArg(args[4], 'accumarray', 5) : 0;
  const fn = args[3] && !(args[3].type === 'tensor' && args[3].re.length === 0) ? args[3] : null;
  const outClass: ArrayClass = vals.cls === 'single' || isIntClass(vals.cls) ? vals.cls : 'double';
  const entries = [...groups.entries()];
  const combine = (values: number[]): Async<number> => {
    if (!fn) return values.reduce((a, b) => a + b, 0);
    const col = new Tensor(vals.cls, [values.length, 1], Float64Array.from(values));
    const out = ctx.call(fn, [col], 1);
    const pick = (res: Value[]) => {
      const t = res[0];
      if (!t || t.type !== 'tensor' || t.re.length !== 1) raise('MATLAB:accumarray:nonscalarFunOutput', 'The function FUN must return a scalar.');
      return t.re[0];
    };
    return out instanceof Promise ? out.then(pick) : pick(out);
  };
  const finish = (results: number[]): Value => {
    const re = new Float64Array(numelOf(shape)).fill(fill);
    entries.forEach(([p], i) => (re[p] = results[i]));
    return new Tensor(outClass, shape, castAll(re, outClass));
  };
  const results = sequence(entries, ([, values]) => combine(values));
  return results instanceof Promise ? results.then(finish) : finish(results);
}
