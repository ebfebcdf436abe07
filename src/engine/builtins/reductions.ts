// Reductions along a dimension: sum, prod, mean, max, min (with indices, two-array form and
// 'omitnan'), any, all, cumsum, cumprod. MATLAB's defaults: the first non-singleton dimension,
// 'all' over every element, sum([]) = 0, mean([]) = NaN, max([]) = [].

import { raise } from '../errors.ts';
import { ELEMENTWISE_OPS as OPS } from '../graph/elementwiseOps.ts';
import { castScalar, isIntClass, scalar, Tensor, type ArrayClass, type Value } from '../runtime/values/index.ts';
import { dimArg, firstNonSingleton, isText, textArg } from './args.ts';
import { applyBinary, tensorArg } from './numeric.ts';
import { layout } from './fibres.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

interface ReduceOptions {
  /** One dimension, every element, or a list of dimensions (vecdim). */
  dim: number | 'all' | number[];
  omitNaN: boolean;
  outClass: 'native' | 'double' | 'default';
}

/** Splits trailing options ('all', 'omitnan', 'includenan', 'native', 'double') from a dim argument. */
function reduceOptions(args: Value[], first: number, fname: string, shape: readonly number[]): ReduceOptions {
  let dim: number | 'all' | number[] | null = null;
  let omitNaN = false;
  let outClass: ReduceOptions['outClass'] = 'default';
  for (let i = first; i < args.length; i++) {
    const a = args[i];
    if (isText(a)) {
      const w = textArg(a, fname, i + 1).toLowerCase();
      if (w === 'all') dim = 'all';
      else if (w === 'omitnan' || w === 'omitmissing') omitNaN = true;
      else if (w === 'includenan' || w === 'includemissing') omitNaN = false;
      else if (w === 'native' || w === 'double') outClass = w;
      else if (w === 'default') outClass = 'default';
      else raise('MATLAB:invalidOption', `Invalid option '${w}' for ${fname}.`);
    } else if (a.type === 'tensor' && a.re.length === 0) {
      continue;
    } else {
      const t = tensorArg(a, fname, i + 1);
      dim = t.re.length === 1 ? dimArg(a, fname) : 'all';
      if (t.re.length > 1) {
        // A vector of dims (mean(x, [1 2])): reduce over those dims by folding them.
        const dims = [...new Set(Array.from(t.re))].sort((x, y) => x - y);
        for (const d of dims) if (!(d >= 1) || d !== Math.floor(d)) dimArg(scalar(d), fname);
        // Every dimension there is: the same as 'all'; otherwise reduce along each listed one.
        dim = shape.every((s, k) => s === 1 || dims.includes(k + 1)) ? 'all' : dims;
      }
    }
  }
  return { dim: dim ?? firstNonSingleton(shape), omitNaN, outClass };
}

function reducedShape(shape: readonly number[], dim: number): number[] {
  const out = [...shape];
  while (out.length < dim) out.push(1);
  out[dim - 1] = 1;
  return out;
}

/**
 * Calls `visit(values)` for each fibre along the dimension and stores its result. A vecdim
 * reduces one dimension after another: sums, products, extremes and any/all compose that way,
 * and so does a mean (every fibre along a dimension has the same length).
 */
function reduceFibres(t: Tensor, opts: ReduceOptions, f: (fibre: Float64Array) => number): { shape: number[]; data: Float64Array } {
  if (Array.isArray(opts.dim)) {
    let cur = t;
    for (const d of opts.dim) {
      const r = reduceFibres(cur, { ...opts, dim: d }, f);
      cur = new Tensor('double', r.shape, r.data);
    }
    return { shape: [...cur.shape], data: cur.re };
  }
  if (opts.dim === 'all') {
    const data = opts.omitNaN ? t.re.filter((x) => !Number.isNaN(x)) : t.re;
    return { shape: [1, 1], data: Float64Array.of(f(data)) };
  }
  const { before, along, after } = layout(t.shape, opts.dim);
  const out = new Float64Array(before * after);
  const fibre = new Float64Array(along);
  for (let a = 0; a < after; a++) {
    for (let b = 0; b < before; b++) {
      let n = 0;
      for (let k = 0; k < along; k++) {
        const x = t.re[b + k * before + a * before * along];
        if (!(opts.omitNaN && Number.isNaN(x))) fibre[n++] = x;
      }
      out[b + a * before] = f(n === along ? fibre : fibre.subarray(0, n));
    }
  }
  return { shape: reducedShape(t.shape, opts.dim), data: out };
}

function sumOf(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function resultClass(t: Tensor, opts: ReduceOptions): ArrayClass {
  if (opts.outClass === 'double') return 'double';
  if (t.cls === 'single') return 'single';
  if (isIntClass(t.cls)) return opts.outClass === 'native' || true ? t.cls : 'double';
  if (opts.outClass === 'native' && t.cls === 'logical') return 'logical';
  return 'double';
}

function simpleReduction(name: 'sum' | 'prod' | 'mean', f: (x: Float64Array) => number, doc: string, emptyAllValue: number, mean = false): BuiltinSpec {
  return {
    lowering: { reduction: name },
    family: 'reductions',
    signatures: [`S = ${name}(A)`, `S = ${name}(A, 'all')`, `S = ${name}(A, dim)`, `S = ${name}(A, vecdim)`, `S = ${name}(..., 'omitnan')`],
    doc,
    impl: (args) => {
      const t = tensorArg(args[0], name);
      if (t.im) raise('MATLAB:notImplemented', `${name} of complex arrays is not supported yet.`);
      // MATLAB: an empty 0×0 input reduces to a scalar along the first dimension.
      const opts = reduceOptions(args, 1, name, t.shape);
      if (t.re.length === 0 && t.shape.length === 2 && t.shape[0] === 0 && t.shape[1] === 0 && args.length === 1) {
        return scalar(emptyAllValue);
      }
      const { shape, data } = reduceFibres(t, opts, f);
      const cls = mean && isIntClass(t.cls) ? 'double' : resultClass(t, opts);
      if (cls !== 'double') for (let i = 0; i < data.length; i++) data[i] = castScalar(data[i], cls);
      return new Tensor(cls, shape, data);
    },
  };
}

function logicalReduction(name: 'any' | 'all', doc: string): BuiltinSpec {
  const test = name === 'any' ? (x: Float64Array) => (x.some((v) => v !== 0 && !Number.isNaN(v)) ? 1 : 0) : (x: Float64Array) => (x.every((v) => v !== 0) ? 1 : 0);
  return {
    lowering: { reduction: name },
    family: 'reductions',
    signatures: [`tf = ${name}(A)`, `tf = ${name}(A, 'all')`, `tf = ${name}(A, dim)`],
    doc,
    impl: (args) => {
      const t = tensorArg(args[0], name);
      if (t.re.length === 0 && t.shape.length === 2 && t.shape[0] === 0 && t.shape[1] === 0 && args.length === 1) {
        return new Tensor('logical', [1, 1], Float64Array.of(name === 'all' ? 1 : 0));
      }
      const opts = reduceOptions(args, 1, name, t.shape);
      const { shape, data } = reduceFibres(t, opts, test);
      return new Tensor('logical', shape, data);
    },
  };
}

/** max/min: one array (with indices), two arrays (elementwise), or (A, [], dim). */
function extremum(name: 'max' | 'min'): BuiltinSpec {
  const better = name === 'max' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  return {
    // One-array form only; the planner leaves (A, B) to the elementwise max/min op.
    lowering: { reduction: name },
    family: 'reductions',
    signatures: [`M = ${name}(A)`, `[M, I] = ${name}(A)`, `M = ${name}(A, [], dim)`, `C = ${name}(A, B)`, `M = ${name}(A, [], 'all')`],
    doc: `The ${name === 'max' ? 'largest' : 'smallest'} elements, ignoring NaN unless all are NaN; with two arrays, elementwise with implicit expansion. Example: [m, i] = ${name}([3 7 5]) gives m = ${name === 'max' ? 7 : 3}, i = ${name === 'max' ? 2 : 1}.`,
    impl: (args, ctx) => {
      const a = tensorArg(args[0], name);
      if (args.length >= 2 && !(args[1].type === 'tensor' && args[1].re.length === 0)) {
        return applyBinary(ctx, OPS[name], a, tensorArg(args[1], name, 2));
      }
      const opts = reduceOptions(args, 2, name, a.shape);
      if (Array.isArray(opts.dim) && ctx.nargout > 1) raise('MATLAB:max:vecdimIndices', `Indices are not supported with a vector of dimensions in ${name}.`);
      if (a.re.length === 0 && typeof opts.dim === 'number') {
        const shape = a.shape.length === 2 && a.shape[0] === 0 && a.shape[1] === 0 ? [0, 0] : reducedShape(a.shape, opts.dim).map((d, i) => (i === (opts.dim as number) - 1 && a.shape[i] === 0 ? 0 : d));
        const empty = new Tensor(a.cls, shape, new Float64Array(0));
        return ctx.nargout > 1 ? [empty, new Tensor('double', shape, new Float64Array(0))] : empty;
      }
      const indices: number[] = [];
      const pick = (x: Float64Array): number => {
        let best = NaN;
        let at = 0;
        for (let i = 0; i < x.length; i++) {
          const v = x[i];
          if (Number.isNaN(v)) continue;
          if (Number.isNaN(best) || better(v, best)) {
            best = v;
            at = i;
          }
        }
        indices.push(at + 1);
        return best;
      };
      const { shape, data } = reduceFibres(a, { ...opts, omitNaN: false }, pick);
      const m = new Tensor(a.cls === 'logical' || a.cls === 'char' ? 'double' : a.cls, shape, data);
      return ctx.nargout > 1 ? [m, new Tensor('double', shape, Float64Array.from(indices))] : m;
    },
  };
}

function cumulative(name: 'cumsum' | 'cumprod', doc: string): BuiltinSpec {
  const mul = name === 'cumprod';
  return {
    family: 'reductions',
    signatures: [`B = ${name}(A)`, `B = ${name}(A, dim)`],
    doc,
    impl: (args) => {
      const t = tensorArg(args[0], name);
      const dim = args.length > 1 ? dimArg(args[1], name) : firstNonSingleton(t.shape);
      const { before, along, after } = layout(t.shape, dim);
      const out = new Float64Array(t.re.length);
      for (let a = 0; a < after; a++)
        for (let b = 0; b < before; b++) {
          let acc = mul ? 1 : 0;
          for (let k = 0; k < along; k++) {
            const i = b + k * before + a * before * along;
            acc = mul ? acc * t.re[i] : acc + t.re[i];
            out[i] = acc;
          }
        }
      const cls = t.cls === 'logical' || t.cls === 'char' ? 'double' : t.cls;
      if (cls !== 'double') for (let i = 0; i < out.length; i++) out[i] = castScalar(out[i], cls);
      return new Tensor(cls, t.shape, out);
    },
  };
}

registerFamily({
  sum: simpleReduction('sum', sumOf, 'Sum of elements along the first non-singleton dimension, a given dim, or \'all\'. Example: sum([1 2; 3 4]) is [4 6]; sum([1 2; 3 4], 2) is [3; 7].', 0),
  prod: simpleReduction('prod', (x) => x.reduce((a, b) => a * b, 1), 'Product of elements. Example: prod([1 2 3 4]) is 24.', 1),
  mean: simpleReduction('mean', (x) => sumOf(x) / x.length, 'Arithmetic mean; mean([]) is NaN. Example: mean([1 2; 3 4]) is [2 3].', NaN, true),
  max: extremum('max'),
  min: extremum('min'),
  any: logicalReduction('any', 'True if any element is nonzero. Example: any([0 0 1]) is true.'),
  all: logicalReduction('all', 'True if every element is nonzero. Example: all([1 1 0]) is false.'),
  cumsum: cumulative('cumsum', 'Cumulative sum. Example: cumsum([1 2 3]) is [1 3 6].'),
  cumprod: cumulative('cumprod', 'Cumulative product. Example: cumprod([1 2 3]) is [1 2 6].'),
});
