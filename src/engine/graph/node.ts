// Lazy tensor nodes: what an operation on GPU values builds instead of running. Nodes are
// immutable and made only through the factories below, which fix the output shape (implicit
// expansion, reductions) once. A node is either a leaf (a resident buffer, a host array to upload,
// a scalar constant) or an op over other nodes. `mtimes` and `times` are different ops: matrix
// products never appear here as elementwise multiplies.

import { broadcastShapes } from './broadcast.ts';
import { ELEMENTWISE_OPS, type ElementwiseOpName } from './elementwiseOps.ts';

/** Reductions the GPU runs; mean is a sum with a 1/n scale. */
export type ReduceOpName = 'sum' | 'prod' | 'max' | 'min' | 'any' | 'all' | 'mean';

export type NodeOp =
  /** A device buffer that already holds the data (owned by whoever made it). */
  | { kind: 'resident'; buffer: unknown }
  /** Host data to upload when the graph runs. */
  | { kind: 'upload'; data: Float64Array }
  /** A scalar constant: lives in a uniform, so `x*2` and `x*3` share a pipeline. */
  | { kind: 'constant'; value: number }
  | { kind: 'elementwise'; op: ElementwiseOpName; args: GraphNode[] }
  /** `dim` is 0-based, or 'all'. */
  | { kind: 'reduce'; op: ReduceOpName; dim: number | 'all'; omitNaN: boolean; arg: GraphNode }
  /** Counter-based random fill: `key` from the seed, `counter` advanced per call. */
  | { kind: 'random'; dist: 'uniform' | 'normal'; key: [number, number]; counter: number }
  /** Same elements, new shape (column-major): `x(:)`, reshape. Free: shares the argument's buffer. */
  | { kind: 'reshape'; arg: GraphNode }
  /** `A.'` of a matrix: a view that matrix products read through strides; materialised only when something else reads it. */
  | { kind: 'transpose'; arg: GraphNode }
  /** A matrix product C = op(A)·op(B), op = transpose when the flag is set. Never an elementwise multiply. */
  | { kind: 'matmul'; a: GraphNode; b: GraphNode; transA: boolean; transB: boolean }
  /** The diagonal of a square-ish node as a column (`diag(A*B)`: the planner computes only it). */
  | { kind: 'diag'; arg: GraphNode }
  /**
   * Elements [offset, offset + numel) of `arg` (column-major), in this node's shape: `x(:, j)`,
   * `x(:, :, k)`, `x(a:b)`. A copy with its own buffer (buffers have no offsets to view through).
   */
  | { kind: 'slice'; arg: GraphNode; offset: number }
  /**
   * `base` with elements [offset, offset + count) replaced by `value`, which has `count` elements
   * or one broadcast over them; the base's shape: `y(:, j) = v`. Written out of place: the base's
   * buffer may be shared by other values.
   */
  | { kind: 'splice'; base: GraphNode; value: GraphNode; offset: number; count: number };

let nextId = 1;
let elementsMade = 0;

/**
 * How many graph nodes were ever made, and the elements of those that may need a buffer of their
 * own when computed (not constants, views, or elementwise ops, which mostly fuse): the runtime
 * bounds the lazy graph between sync points by their growth.
 */
export function graphTally(): { nodes: number; elements: number } {
  return { nodes: nextId - 1, elements: elementsMade };
}

/**
 * Hash-consing: a factory asked for an op it has already built over the same arguments returns
 * that node, so `mean(x(:))` written in two statements (or inside std) is computed once. Entries
 * hold their nodes weakly and disappear with them.
 */
const interned = new Map<string, WeakRef<GraphNode>>();
const forget = new FinalizationRegistry<string>((key) => {
  const ref = interned.get(key);
  if (ref && ref.deref() === undefined) interned.delete(key);
});

function intern(key: string, make: () => GraphNode): GraphNode {
  const found = interned.get(key)?.deref();
  if (found?.usable) return found;
  const node = make();
  interned.set(key, new WeakRef(node));
  forget.register(node, key);
  return node;
}

function numberKey(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

function ids(nodes: readonly GraphNode[]): string {
  return nodes.map((n) => n.id).join(',');
}

export class GraphNode {
  readonly id = nextId++;
  /**
   * Set once the node has been computed: the provider's buffer holding its f32 elements. A
   * computed node is a leaf for every later flush.
   */
  buffer: unknown = null;

  constructor(
    private op_: NodeOp,
    readonly shape: readonly number[],
    /** true when the value is 0/1 (comparisons, logical ops): the class above it is logical. */
    readonly logical: boolean,
  ) {
    if (op_.kind !== 'constant' && op_.kind !== 'elementwise' && op_.kind !== 'reshape') elementsMade += this.numel;
  }

  /**
   * Set when the runtime gave the buffer back because no variable could reach this node any more
   * (GpuRuntime.releaseUnheld): caches must not hand it out, and reading it is an internal error.
   */
  evicted = false;

  /** False once this node's buffer (for a view: its argument's) was given back. */
  get usable(): boolean {
    return !this.evicted && (this.op_.kind !== 'reshape' || this.op_.arg.usable);
  }

  get op(): NodeOp {
    return this.op_;
  }

  /**
   * Records the computed buffer and forgets how it was computed, so the argument nodes (and
   * their buffers) can be reclaimed once nothing else holds them. A view keeps its argument.
   */
  settle(buffer: unknown): void {
    this.buffer = buffer;
    if (this.op_.kind !== 'reshape' && this.op_.kind !== 'constant') this.op_ = { kind: 'resident', buffer };
  }

  get numel(): number {
    let n = 1;
    for (const d of this.shape) n *= d;
    return n;
  }

  /** Nodes this one reads. */
  get args(): readonly GraphNode[] {
    switch (this.op.kind) {
      case 'elementwise':
        return this.op.args;
      case 'reduce':
      case 'reshape':
      case 'transpose':
      case 'diag':
      case 'slice':
        return [this.op.arg];
      case 'splice':
        return this.op.base === this.op.value ? [this.op.base] : [this.op.base, this.op.value];
      case 'matmul':
        return this.op.a === this.op.b ? [this.op.a] : [this.op.a, this.op.b];
      default:
        return [];
    }
  }
}

export function residentNode(buffer: unknown, shape: readonly number[], logical = false): GraphNode {
  const n = new GraphNode({ kind: 'resident', buffer }, shape, logical);
  n.settle(buffer);
  return n;
}

export function uploadNode(data: Float64Array, shape: readonly number[], logical = false): GraphNode {
  return new GraphNode({ kind: 'upload', data }, shape, logical);
}

export function constantNode(value: number): GraphNode {
  return intern(`const:${numberKey(value)}`, () => new GraphNode({ kind: 'constant', value }, [1, 1], false));
}

/** An elementwise op node; null when the shapes are not compatible (the caller raises MATLAB's error). */
export function elementwiseNode(op: ElementwiseOpName, args: GraphNode[]): GraphNode | null {
  let shape: readonly number[] | null = args[0].shape;
  for (let i = 1; i < args.length && shape; i++) shape = broadcastShapes(shape, args[i].shape);
  if (!shape) return null;
  const out = shape;
  return intern(`ew:${op}:${ids(args)}`, () => new GraphNode({ kind: 'elementwise', op, args }, out, ELEMENTWISE_OPS[op].logical === true));
}

export function reduceNode(op: ReduceOpName, arg: GraphNode, dim: number | 'all', omitNaN: boolean): GraphNode {
  let shape: number[];
  if (dim === 'all') shape = [1, 1];
  else {
    shape = [...arg.shape];
    while (shape.length <= dim) shape.push(1);
    shape[dim] = 1;
  }
  return intern(`reduce:${op}:${dim}:${omitNaN}:${arg.id}`, () => new GraphNode({ kind: 'reduce', op, dim, omitNaN, arg }, shape, op === 'any' || op === 'all'));
}

export function randomNode(dist: 'uniform' | 'normal', shape: readonly number[], key: [number, number], counter: number): GraphNode {
  return new GraphNode({ kind: 'random', dist, key, counter }, shape, false);
}

export function transposeNode(arg: GraphNode): GraphNode {
  if (arg.op.kind === 'transpose') return arg.op.arg;
  return intern(`transpose:${arg.id}`, () => new GraphNode({ kind: 'transpose', arg }, [arg.shape[1], arg.shape[0]], arg.logical));
}

/**
 * op(A)·op(B) where a transposed view argument is absorbed into the flags (`A'*B` reads A through
 * strides). Null when the inner dimensions differ (the caller raises MATLAB's error).
 */
export function matmulNode(a: GraphNode, b: GraphNode): GraphNode | null {
  let transA = false;
  let transB = false;
  if (a.op.kind === 'transpose' && a.buffer === null) {
    transA = true;
    a = a.op.arg;
  }
  if (b.op.kind === 'transpose' && b.buffer === null) {
    transB = true;
    b = b.op.arg;
  }
  const [m, ka] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kb, n] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (ka !== kb) return null;
  const [x, y] = [a, b];
  return intern(`matmul:${x.id}:${y.id}:${transA}:${transB}`, () => new GraphNode({ kind: 'matmul', a: x, b: y, transA, transB }, [m, n], false));
}

export function diagNode(arg: GraphNode): GraphNode {
  return intern(`diag:${arg.id}`, () => new GraphNode({ kind: 'diag', arg }, [Math.min(arg.shape[0], arg.shape[1]), 1], arg.logical));
}

export function reshapeNode(arg: GraphNode, shape: readonly number[]): GraphNode {
  if (arg.op.kind === 'reshape') return reshapeNode(arg.op.arg, shape);
  return intern(`reshape:${arg.id}:${shape.join('x')}`, () => new GraphNode({ kind: 'reshape', arg }, shape, arg.logical));
}

function shapeNumel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 1) !== (b[i] ?? 1)) return false;
  return true;
}

/** `node` seen with `shape` (same elements): the node itself when the shape already is that. */
function withShape(node: GraphNode, shape: readonly number[]): GraphNode {
  return sameShape(node.shape, shape) ? node : reshapeNode(node, shape);
}

/**
 * Elements [offset, offset + numel(shape)) of `arg`, with `shape`. Normalised so no copy is made
 * that reading another node avoids: the whole argument is a view of it; a slice of a view or of a
 * pending slice reads the underlying node; a slice of a pending splice that lies inside the
 * written range (a whole value, not a broadcast) is that value, and one outside it reads the base
 * (`y(:, t - 1)` right after `y(:, t - 1) = v` is v).
 */
export function sliceNode(arg: GraphNode, offset: number, shape: readonly number[]): GraphNode {
  const n = shapeNumel(shape);
  if (!Number.isInteger(offset) || offset < 0 || n < 1 || offset + n > arg.numel) {
    throw new Error(`internal: slice [${offset}, ${offset + n}) of a ${arg.numel}-element node`);
  }
  if (offset === 0 && n === arg.numel) return withShape(arg, shape);
  const op = arg.op;
  if (op.kind === 'reshape') return sliceNode(op.arg, offset, shape);
  if (op.kind === 'slice') return sliceNode(op.arg, op.offset + offset, shape);
  if (op.kind === 'splice') {
    const inside = offset >= op.offset && offset + n <= op.offset + op.count;
    if (inside && op.value.numel === op.count && op.value.logical === arg.logical) return sliceNode(op.value, offset - op.offset, shape);
    if (offset + n <= op.offset || offset >= op.offset + op.count) return sliceNode(op.base, offset, shape);
  }
  return intern(`slice:${arg.id}:${offset}:${shape.join('x')}`, () => new GraphNode({ kind: 'slice', arg, offset }, shape, arg.logical));
}

/**
 * `base` with elements [offset, offset + count) replaced by `value` (count elements, or one
 * broadcast). A write of the whole base with a whole value is that value, seen in the base's shape.
 */
export function spliceNode(base: GraphNode, value: GraphNode, offset: number, count: number): GraphNode {
  if (!Number.isInteger(offset) || offset < 0 || count < 1 || offset + count > base.numel || (value.numel !== count && value.numel !== 1)) {
    throw new Error(`internal: splice of ${value.numel} element(s) into [${offset}, ${offset + count}) of a ${base.numel}-element node`);
  }
  if (offset === 0 && count === base.numel && value.numel === count && value.logical === base.logical) return withShape(value, base.shape);
  return intern(
    `splice:${base.id}:${value.id}:${offset}:${count}`,
    () => new GraphNode({ kind: 'splice', base, value, offset, count }, base.shape, base.logical),
  );
}
