// From a builtin call to a graph node: reads the registry's `lowering` of the builtin and the
// arguments, and decides whether the call runs on the GPU. Returning null means "run the CPU
// implementation" (after reading any GPU arguments back): an int class, complex data, an empty
// array, an option the GPU kernels do not take, or a size too small to pay. Indexing lowers here
// too: `x(:)` is a view, and reads and writes of one contiguous range of elements are slice and
// splice nodes (the interpreter evaluates the subscripts; the host's indexing code checks them).

import { MatlabError, raise } from '../../errors.ts';
import { ELEMENTWISE_OPS, type ElementwiseOpName } from '../../graph/elementwiseOps.ts';
import {
  constantNode,
  diagNode,
  elementwiseNode,
  matmulNode,
  transposeNode,
  randomNode,
  reduceNode,
  reshapeNode,
  sliceNode,
  spliceNode,
  uploadNode,
  type GraphNode,
  type ReduceOpName,
} from '../../graph/node.ts';
import { readSubscripts, type Subscript } from '../indexing/index.ts';
import { charText, GpuTensor, normalizeShape, Tensor, type GpuClass, type Value } from '../values/index.ts';

/** What lowering needs from the GPU runtime. */
export interface LoweringHost {
  /** 'on': every single/gpuArray value on the GPU; 'auto': when big enough to pay. */
  readonly policy: 'auto' | 'on';
  /** Elements from which work on host single data moves to the GPU under 'auto'. */
  readonly autoThreshold: number;
  nextRandom(count: number): { key: [number, number]; counter: number };
  /**
   * Host arrays already uploaded, so one read by several GPU operations goes up once. Weak both
   * ways: the entry goes with the host array, and the device copy with the last graph node using
   * it. Sound because a host tensor read as a value is never written in place again (see
   * Tensor.exclusive).
   */
  readonly uploads: WeakMap<Float64Array, WeakRef<GraphNode>>;
}

/** A host tensor the GPU can take: real, double/single/logical. */
function gpuCompatible(t: Tensor): boolean {
  return t.im === null && (t.cls === 'double' || t.cls === 'single' || t.cls === 'logical');
}

function nodeOf(v: Value, host: LoweringHost): GraphNode | null {
  if (v.type === 'gpu') return v.node;
  if (v.type !== 'tensor' || !gpuCompatible(v) || v.re.length === 0) return null;
  if (v.re.length === 1) return constantNode(v.re[0]);
  // Keyed by the data, not the Tensor: `img` and `img(:)` share their elements.
  const uploaded = host.uploads.get(v.re)?.deref();
  if (uploaded?.usable && uploaded.logical === (v.cls === 'logical')) {
    return viewAs(uploaded, v.shape);
  }
  const node = uploadNode(v.re, v.shape, v.cls === 'logical');
  host.uploads.set(v.re, new WeakRef(node));
  return node;
}

function resultClass(args: Value[], logical: boolean): GpuClass {
  if (logical) return 'logical';
  return args.some((a) => (a.type === 'gpu' || a.type === 'tensor') && a.cls === 'single') ? 'single' : 'double';
}

function explicitOf(args: Value[]): boolean {
  return args.some((a) => a.type === 'gpu' && a.explicit);
}

/**
 * The cost model: whether a value belongs on the GPU. It is there already; or it is `single`
 * data ('on': any size; 'auto': from `autoThreshold` elements); or it is `double` data big
 * enough for the transfer to pay (from `autoThreshold` elements, both policies) — computed in
 * f32 from then on, its class still double (the workspace shows it as gpu·f32).
 */
function onDevice(v: Value, host: LoweringHost): boolean {
  if (v.type === 'gpu') return true;
  if (v.type !== 'tensor' || v.im !== null || v.re.length === 0) return false;
  if (v.cls === 'single') return host.policy === 'on' || v.re.length >= host.autoThreshold;
  return v.cls === 'double' && v.re.length >= host.autoThreshold;
}

export function lowerElementwise(op: ElementwiseOpName, args: Value[], host: LoweringHost): GpuTensor | null {
  const spec = ELEMENTWISE_OPS[op];
  if (args.length !== spec.arity || !args.some((a) => onDevice(a, host))) return null;
  if (args.some((a) => a.type === 'gpu' && a.numel === 0)) return null;
  const nodes = args.map((a) => nodeOf(a, host));
  if (nodes.some((n) => n === null)) return null;
  const node = elementwiseNode(op, nodes as GraphNode[]);
  if (!node) raise('MATLAB:sizeDimensionsMustMatch', 'Arrays have incompatible sizes for this operation.');
  return new GpuTensor(resultClass(args, spec.logical === true), node, explicitOf(args));
}

/** A reduction's dimensions: one (0-based), every element, or several (a vecdim, 0-based, sorted). */
type ReduceDims = number | 'all' | number[];

/**
 * The dim argument of a reduction: a positive integer, or a vector of them (vecdim, `[1 2]`).
 * A vecdim is made canonical: sorted, duplicates and dimensions past the rank dropped, and one
 * that lists every non-singleton dimension is 'all' (as the CPU implementation does). null when
 * the argument is not one the GPU path takes (the host then checks it and raises MATLAB's error).
 */
function dimsOf(a: Value, shape: readonly number[]): ReduceDims | null {
  if (a.type !== 'tensor' || a.cls === 'char' || a.im !== null || a.re.length === 0) return null;
  if (!Array.from(a.re).every((d) => Number.isInteger(d) && d >= 1)) return null;
  if (a.re.length === 1) return a.re[0] - 1;
  const dims = [...new Set(Array.from(a.re, (d) => d - 1))].filter((d) => d < shape.length).sort((p, q) => p - q);
  if (shape.every((s, d) => s === 1 || dims.includes(d))) return 'all';
  // Only singleton dimensions listed: nothing to reduce (the host keeps MATLAB's class rules).
  if (dims.every((d) => shape[d] === 1)) return null;
  return dims.length === 1 ? dims[0] : dims;
}

/** Maximal runs of adjacent dimensions in a sorted list: [0, 1, 3] → [[0, 1], [3, 3]]. */
function dimRuns(dims: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const d of dims) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d - 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

/** `shape` with dimensions first…last merged into one (column-major: a free reshape). */
function mergedShape(shape: readonly number[], first: number, last: number): number[] {
  let n = 1;
  for (let d = first; d <= last; d++) n *= shape[d] ?? 1;
  const out = [...shape.slice(0, first), n, ...shape.slice(last + 1)];
  // Canonical (no trailing singletons past 2-D), so every caller gets the same interned view.
  while (out.length > 2 && out[out.length - 1] === 1) out.pop();
  while (out.length < 2) out.push(1);
  return out;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 1) !== (b[i] ?? 1)) return false;
  return true;
}

/** A view of `node` with `shape` (same elements), or the node itself when the shape is the same. */
function viewAs(node: GraphNode, shape: readonly number[]): GraphNode {
  return sameShape(node.shape, shape) ? node : reshapeNode(node, shape);
}

/**
 * A reduction over several dimensions (vecdim). Each run of adjacent dimensions is one reduction
 * of a free reshape that merges them (`mean(x, [1 2])` of H×W×B reduces the columns of an
 * (H·W)×B view, so each image is one contiguous group, as the ImageNormalize pass expects); runs
 * reduce one after another. The result has the input's rank with 1 along the reduced dimensions.
 * A mean of means is the mean: every group of a run has the same number of elements.
 */
function reduceOverDims(op: ReduceOpName, x: GraphNode, dims: readonly number[]): GraphNode {
  let cur = x;
  const shape = [...x.shape];
  for (const [first, last] of dimRuns(dims)) {
    const r = reduceNode(op, viewAs(cur, mergedShape(shape, first, last)), first, false);
    for (let d = first; d <= last; d++) shape[d] = 1;
    cur = viewAs(r, shape);
  }
  return cur;
}

/** sum(X), sum(X, dim), sum(X, 'all'), sum(X, vecdim), max(X, [], dim), and max(A, B) as an elementwise op. */
export function lowerReduction(op: ReduceOpName, args: Value[], nargout: number, host: LoweringHost): GpuTensor | null {
  if (nargout > 1) return null;
  if ((op === 'max' || op === 'min') && args.length >= 2) {
    const second = args[1];
    const emptyPlaceholder = second.type === 'tensor' && second.re.length === 0;
    // max(A, B): elementwise, on the GPU when either operand is there.
    if (!emptyPlaceholder) return args.length === 2 ? lowerElementwise(op, args, host) : null;
    args = [args[0], ...args.slice(2)];
  }
  const arg = args[0];
  // A reduction reads each element once: moving host doubles to the device costs as much as
  // reducing them where they are (and f32 accumulation would cost digits), so they stay.
  if (arg === undefined || !onDevice(arg, host) || (arg.type === 'tensor' && arg.cls === 'double')) return null;
  const x = arg.type === 'gpu' ? arg : new GpuTensor(arg.type === 'tensor' && arg.cls === 'single' ? 'single' : 'double', nodeOf(arg, host)!, false);
  if (x.numel === 0) return null;
  let dim: ReduceDims | null = null;
  for (const a of args.slice(1)) {
    if (a.type === 'tensor' && a.cls === 'char') {
      if (charText(a).toLowerCase() !== 'all' || dim !== null) return null;
      dim = 'all';
    } else if (dim === null) {
      dim = dimsOf(a, x.shape);
      if (dim === null) return null;
    } else return null;
  }
  if (dim === null) {
    const first = x.shape.findIndex((d) => d !== 1);
    dim = first < 0 ? 0 : first;
  }
  const node = Array.isArray(dim) ? reduceOverDims(op, x.node, dim) : reduceNode(op, x.node, dim, false);
  const cls: GpuClass = op === 'any' || op === 'all' ? 'logical' : x.cls === 'single' ? 'single' : 'double';
  return new GpuTensor(cls, node, x.explicit);
}

/** rand/randn with 'gpuArray' (or 'like' a GPU value), or a 'single' class when the policy puts it on the GPU. */
export function lowerRandom(dist: 'uniform' | 'normal', args: Value[], host: LoweringHost): GpuTensor | null {
  const dims: number[] = [];
  let cls: 'double' | 'single' = 'double';
  let likeGpu = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.type === 'tensor' && a.cls === 'char') {
      const word = charText(a);
      if (word === 'single' || word === 'double') cls = word;
      else if (word === 'gpuArray') likeGpu = true;
      else if (word === 'like' && i + 1 < args.length) {
        const p = args[++i];
        if (p.type !== 'gpu' && !(p.type === 'tensor' && p.cls === 'single')) return null;
        likeGpu = p.type === 'gpu';
        cls = p.cls === 'single' ? 'single' : 'double';
      } else return null;
    } else if (a.type === 'tensor' && a.im === null && a.cls !== 'char') {
      dims.push(...Array.from(a.re));
    } else return null;
  }
  // rand(n) is n×n; rand(m, n, …) and rand([m n …]) list the dimensions.
  const shape = dims.length === 0 ? [1, 1] : dims.length === 1 ? [dims[0], dims[0]] : dims;
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) return null;
  const n = shape.reduce((p, d) => p * d, 1);
  if (n === 0) return null;
  const wanted = likeGpu || (cls === 'single' && (host.policy === 'on' || n >= host.autoThreshold));
  if (!wanted) return null;
  const { key, counter } = host.nextRandom(n);
  return new GpuTensor(cls, randomNode(dist, shape, key, counter), likeGpu);
}

/** gpuArray(X): real double/single/logical data moves to the device (class kept). */
export function lowerToDevice(args: Value[]): GpuTensor | Value | null {
  const x = args[0];
  if (x === undefined || args.length > 1) return null;
  if (x.type === 'gpu') return x.explicit ? x : new GpuTensor(x.cls, x.node, true);
  if (x.type !== 'tensor' || !gpuCompatible(x) || x.re.length === 0) return null;
  return new GpuTensor(x.cls as GpuClass, uploadNode(x.re, x.shape, x.cls === 'logical'), true);
}

/** `x(:)` on a GPU value is a free view. */
export function colonView(x: GpuTensor): GpuTensor {
  return new GpuTensor(x.cls, reshapeNode(x.node, [x.numel, 1]), x.explicit);
}

function subscriptCount(s: Subscript): number {
  return s.all ? s.count : s.list.length;
}

/** Whether a subscript's indices are consecutive and ascending (`:`, `a:b`, a mask with one run). */
function consecutive(s: Subscript): boolean {
  if (s.all) return true;
  const { list } = s;
  for (let i = 1; i < list.length; i++) if (list[i] !== list[0] + i) return false;
  return true;
}

/**
 * The elements that checked subscripts (as readSubscripts gives them, with the sizes `dims` of
 * the dimensions they address) select, as [offset, offset + count) when they are one contiguous
 * ascending run in column-major order; null when they are not. That is so when the last
 * subscript selecting several indices is consecutive, every dimension before it is taken whole
 * and in order, and every one after it selects one index. Work is per subscript, not per
 * element: `y(:, t)` costs the same whatever the height of y.
 */
function contiguousRun(subs: readonly Subscript[], dims: readonly number[]): { offset: number; count: number } | null {
  let count = 1;
  let outer = -1;
  subs.forEach((s, d) => {
    const k = subscriptCount(s);
    count *= k;
    if (k > 1) outer = d;
  });
  if (count === 0) return { offset: 0, count: 0 };
  let offset = 0;
  let stride = 1;
  for (let d = 0; d < subs.length; d++) {
    const s = subs[d];
    const first = s.all ? 0 : s.list[0];
    if (d < outer && !(first === 0 && subscriptCount(s) === dims[d] && consecutive(s))) return null;
    if (d === outer && !consecutive(s)) return null;
    offset += first * stride;
    stride *= dims[d];
  }
  return { offset, count };
}

/**
 * `x(args…)` of a GPU value, subscripts evaluated on the host: a slice node when they select one
 * contiguous run of several elements (no read-back), an empty host array when they select none.
 * Bad or out-of-range subscripts raise here, through the host's checks, as the host path would.
 * null means the host path (read back, then index): other patterns, and a single element, since
 * reading the array back once caches it on the host (GpuTensor.host), so a loop over elements
 * syncs once instead of dispatching a kernel per element.
 */
export function lowerIndexRead(x: GpuTensor, args: readonly Value[]): Value | null {
  const { subs, dims, shape } = readSubscripts(x, args);
  const run = contiguousRun(subs, dims);
  if (!run) return null;
  if (run.count === 0) return new Tensor(x.cls, shape, new Float64Array(0));
  if (run.count === 1) return null;
  const outShape = normalizeShape(shape);
  if (x.host) {
    // Read back already: the range is cut from the host copy, free for host readers, and goes up
    // again only if a GPU operation reads it (its elements are the device's f32 values).
    const data = x.host.re.slice(run.offset, run.offset + run.count);
    const out = new GpuTensor(x.cls, uploadNode(data, outShape, x.cls === 'logical'), x.explicit);
    out.host = new Tensor(x.cls, outShape, data);
    return out;
  }
  return new GpuTensor(x.cls, sliceNode(x.node, run.offset, outShape), x.explicit);
}

/**
 * `y(args…) = rhs` as a splice node (no read-back), for a y that is a GPU value, or host data the
 * cost model puts on the device written with a GPU value (MATLAB: the result is a GPU array).
 * Taken when the subscripts select one contiguous run inside y (no growth), rhs is real numeric or
 * logical data with as many elements or one, and y keeps its class (a logical y only takes
 * logical data; otherwise rhs is converted to y's class, as on the host). null means the host
 * path, which also raises MATLAB's errors (bad subscripts, mismatched sizes), grows and deletes.
 * One element written with host data goes there too: a loop over elements would dispatch a
 * kernel per element, where reading y back once lets it continue on the host.
 */
export function lowerIndexWrite(y: Value, args: readonly Value[], rhs: Value, host: LoweringHost): GpuTensor | null {
  if ((y.type !== 'gpu' && y.type !== 'tensor') || (rhs.type !== 'gpu' && rhs.type !== 'tensor')) return null;
  // Host y moves to the device only where the cost model puts it and rhs is there already.
  if (y.type === 'tensor' && !(rhs.type === 'gpu' && gpuCompatible(y) && onDevice(y, host))) return null;
  // Host rhs: real numbers or logicals; an empty one (`y(k) = []` deletes) stays on the host.
  if (rhs.type === 'tensor' && !(gpuCompatible(rhs) && rhs.re.length > 0)) return null;
  const cls = y.cls as GpuClass;
  if (cls === 'logical' && rhs.cls !== 'logical') return null;
  let run: { offset: number; count: number } | null;
  try {
    const { subs, dims } = readSubscripts(y, args);
    run = contiguousRun(subs, dims);
  } catch (e) {
    // Past the end (the host grows y) or a bad subscript (the host raises MATLAB's error).
    if (e instanceof MatlabError) return null;
    throw e;
  }
  if (!run || run.count === 0) return null;
  const rn = rhs.type === 'gpu' ? rhs.numel : rhs.re.length;
  if ((rn !== run.count && rn !== 1) || (run.count === 1 && rhs.type !== 'gpu')) return null;
  // An uploaded array is never written in place again (see LoweringHost.uploads).
  if (y.type === 'tensor') y.exclusive = false;
  const base = nodeOf(y, host);
  const value = nodeOf(rhs, host);
  if (!base || !value) return null;
  const explicit = (y.type === 'gpu' && y.explicit) || (rhs.type === 'gpu' && rhs.explicit);
  return new GpuTensor(cls, spliceNode(base, value, run.offset, run.count), explicit);
}

/**
 * cov(X), cov(X, w) of a GPU matrix (rows are observations): centre the columns, then
 * Xc'*Xc / (m - 1) (or / m for w = 1). The product of one value with itself is the planner's
 * SYRK pattern, and the division its alpha epilogue. Vectors, and x-and-y forms, run on the host.
 */
export function lowerCovariance(args: Value[], nargout: number): GpuTensor | null {
  const x = args[0];
  if (x === undefined || x.type !== 'gpu' || nargout > 1 || args.length > 2 || x.shape.length !== 2) return null;
  const [m, n] = x.shape;
  if (m < 2 || n < 2) return null;
  const w = args[1];
  let byN = false;
  if (w !== undefined) {
    if (w.type !== 'tensor' || w.cls === 'char' || w.re.length !== 1 || (w.re[0] !== 0 && w.re[0] !== 1)) return null;
    byN = w.re[0] === 1;
  }
  const centred = elementwiseNode('sub', [x.node, reduceNode('mean', x.node, 0, false)])!;
  const gram = matmulNode(transposeNode(centred), centred)!;
  const scaled = elementwiseNode('div', [gram, constantNode(byN ? m : m - 1)])!;
  return new GpuTensor(x.cls === 'single' ? 'single' : 'double', scaled, x.explicit);
}

/** var(X), var(X, w), var(X, w, dim | vecdim | 'all'), and std likewise; w is 0 (n-1) or 1 (n). */
export function lowerVariance(kind: 'var' | 'std', args: Value[], nargout: number, host: LoweringHost): GpuTensor | null {
  const arg = args[0];
  if (arg === undefined || nargout > 1 || args.length > 3) return null;
  // Host single data goes where sum/mean of it go (host doubles stay exact, as for reductions).
  const hostSingle = arg.type === 'tensor' && arg.cls === 'single' && onDevice(arg, host);
  if (arg.type !== 'gpu' && !hostSingle) return null;
  const x = arg.type === 'gpu' ? arg : new GpuTensor('single', nodeOf(arg, host)!, false);
  if (x.numel === 0) return null;
  const w = args[1];
  let byN = false;
  if (w !== undefined) {
    if (w.type !== 'tensor' || w.cls === 'char') return null;
    if (w.re.length === 1 && (w.re[0] === 0 || w.re[0] === 1)) byN = w.re[0] === 1;
    else if (w.re.length !== 0) return null;
  }
  let dim: ReduceDims;
  const d = args[2];
  if (d === undefined) {
    const first = x.shape.findIndex((s) => s !== 1);
    dim = first < 0 ? 0 : first;
  } else if (d.type === 'tensor' && d.cls === 'char' && charText(d).toLowerCase() === 'all') dim = 'all';
  else {
    const dims = dimsOf(d, x.shape);
    if (dims === null) return null;
    dim = dims;
  }
  let data = x.node;
  const outShape = Array.isArray(dim) ? x.shape.map((s, k) => ((dim as number[]).includes(k) ? 1 : s)) : null;
  if (Array.isArray(dim) && dimRuns(dim).length === 1) {
    // One run of adjacent dimensions: the variance along one dimension of a view that merges them
    // (the same nodes as mean(x, vecdim), so the mean is shared).
    const [first, last] = dimRuns(dim)[0];
    data = viewAs(x.node, mergedShape(x.shape, first, last));
    dim = first;
  }
  let n = 1;
  if (dim === 'all') n = x.numel;
  else if (Array.isArray(dim)) for (const k of dim) n *= x.shape[k];
  else n = data.shape[dim] ?? 1;
  const reduce = (node: GraphNode): GraphNode => (Array.isArray(dim) ? reduceOverDims('mean', node, dim) : reduceNode('mean', node, dim, false));
  // Two-pass (centred) variance: numerically sound, unlike E[x²] − E[x]².
  const mean = reduce(data);
  const centred = elementwiseNode('sub', [data, mean])!;
  const squares = elementwiseNode('square', [centred])!;
  const meanSquare = reduce(squares);
  // A single observation has variance 0 whatever the normalisation (MATLAB).
  const factor = byN || n === 1 ? 1 : n / (n - 1);
  let v = factor === 1 ? meanSquare : elementwiseNode('mul', [meanSquare, constantNode(factor)])!;
  if (kind === 'std') v = elementwiseNode('sqrt', [v])!;
  if (outShape) v = viewAs(v, outShape);
  return new GpuTensor(x.cls === 'single' ? 'single' : 'double', v, x.explicit);
}

/** norm(v), norm(v, 1 | 2 | Inf), norm(X, 'fro'); a matrix 2-norm (singular values) stays on the host. */
export function lowerNorm(args: Value[]): GpuTensor | null {
  const x = args[0];
  if (x === undefined || x.type !== 'gpu' || x.numel === 0 || args.length > 2) return null;
  const isVector = x.shape.length === 2 && (x.shape[0] === 1 || x.shape[1] === 1);
  const p = args[1];
  let kind: 'two' | 'one' | 'inf';
  if (p === undefined) kind = 'two';
  else if (p.type === 'tensor' && p.cls === 'char') {
    if (charText(p).toLowerCase() !== 'fro') return null;
    kind = 'two';
  } else if (p.type === 'tensor' && p.re.length === 1 && (p.re[0] === 1 || p.re[0] === 2 || p.re[0] === Infinity)) {
    kind = p.re[0] === 1 ? 'one' : p.re[0] === 2 ? 'two' : 'inf';
  } else return null;
  const fro = p !== undefined && p.type === 'tensor' && p.cls === 'char';
  if (!isVector && !fro) return null;
  let out: GraphNode;
  if (kind === 'two') out = elementwiseNode('sqrt', [reduceNode('sum', elementwiseNode('square', [x.node])!, 'all', false)])!;
  else if (kind === 'one') out = reduceNode('sum', elementwiseNode('abs', [x.node])!, 'all', false);
  else out = reduceNode('max', elementwiseNode('abs', [x.node])!, 'all', false);
  return new GpuTensor(x.cls === 'single' ? 'single' : 'double', out, x.explicit);
}

/**
 * A*B of two matrices on the GPU: when either is there already, or the product is big enough to
 * pay for moving host data (1e6 flops: DESIGN.md's cost model; doubles then compute in f32).
 */
export function lowerMatmul(args: Value[], host: LoweringHost): GpuTensor | null {
  const [a, b] = args;
  if (a === undefined || b === undefined || args.length !== 2) return null;
  const numel = (v: Value) => (v.type === 'gpu' ? v.numel : v.type === 'tensor' ? v.re.length : 0);
  if (numel(a) === 1 || numel(b) === 1) return lowerElementwise('mul', args, host);
  if (a.shape.length !== 2 || b.shape.length !== 2 || numel(a) === 0 || numel(b) === 0) return null;
  const flops = 2 * a.shape[0] * a.shape[1] * b.shape[1];
  const worth = a.type === 'gpu' || b.type === 'gpu' || flops >= 1e6 || onDevice(a, host) || onDevice(b, host);
  if (!worth) return null;
  const na = nodeOf(a, host);
  const nb = nodeOf(b, host);
  if (!na || !nb) return null;
  const node = matmulNode(na, nb);
  if (!node) {
    raise(
      'MATLAB:innerdim',
      'Incorrect dimensions for matrix multiplication. Check that the number of columns in the first matrix matches the number of rows in the second matrix. To operate on each element of the matrix individually, use TIMES (.*) for elementwise multiplication.',
    );
  }
  return new GpuTensor(resultClass(args, false), node, explicitOf(args));
}

/** A.' (and A' of real data) of a GPU matrix: a view, read through strides by products. */
export function lowerTranspose(args: Value[]): GpuTensor | null {
  const x = args[0];
  if (x === undefined || x.type !== 'gpu' || x.shape.length !== 2 || x.numel === 0) return null;
  return new GpuTensor(x.cls, transposeNode(x.node), x.explicit);
}

/** diag(A*B) of a pending product: only the diagonal is computed. */
export function lowerDiag(args: Value[]): GpuTensor | null {
  const x = args[0];
  if (x === undefined || args.length !== 1 || x.type !== 'gpu' || x.node.buffer !== null || x.node.op.kind !== 'matmul') return null;
  return new GpuTensor(x.cls, diagNode(x.node), x.explicit);
}
