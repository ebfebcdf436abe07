// Elementwise fusion: chains and trees of elementwise nodes of one shape become one generated
// kernel. A node joins its consumers' group when every consumer is in that group and has the
// same shape; live intermediates (roots) and nodes read outside the group become extra outputs
// of the kernel instead of being recomputed. A group that would bind more storage buffers
// (inputs plus outputs) than the device allows one kernel, or generate more random fills than
// MAX_GENERATED_FILLS, is cut into consecutive pieces.
//
// Random fills (`rand`/`randn` nodes) read by a member of their own shape are generated inside
// the kernel (a `random` operand) rather than bound as inputs: Philox is counter-based, so
// element i is a pure function of (key, counter, i) and costs a few ALU operations instead of a
// buffer written by one kernel and read by the next, when nothing else needs the fill stored
// (generatedInKernel).

import { ELEMENTWISE_OPS } from '../graph/elementwiseOps.ts';
import type { GraphNode } from '../graph/node.ts';
import type { FusedElementwiseParams, FusedOp, FusedRandomFill, Operand } from '../kernels/fusedElementwise.ts';
import type { PendingGraph } from './graphWalk.ts';

export interface ElementwiseGroup {
  /** Members in topological order. */
  members: GraphNode[];
  /** Members written to memory, in output order. */
  outputs: GraphNode[];
  /** The plan's random fills generated in-kernel (the same set for every group of a plan). */
  generated: ReadonlySet<GraphNode>;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Partitions the pending elementwise nodes into fusion groups, and says which random fills those
 * groups generate in-kernel. Nodes in `taken` are computed by another kernel (a matmul epilogue)
 * and are inputs here, like any other non-member.
 */
export function elementwiseGroups(
  g: PendingGraph,
  taken: ReadonlySet<GraphNode> = new Set(),
  maxStorageBuffers = Infinity,
): { groupOf: Map<GraphNode, ElementwiseGroup>; generated: ReadonlySet<GraphNode> } {
  const groupOf = new Map<GraphNode, ElementwiseGroup>();
  const generated = new Set<GraphNode>();
  // Consumers come after their arguments in `order`, so walking backwards sees consumers first.
  for (let i = g.order.length - 1; i >= 0; i--) {
    const n = g.order[i];
    if (n.op.kind !== 'elementwise' || taken.has(n)) continue;
    const consumers = g.consumers.get(n) ?? [];
    let joined: ElementwiseGroup | null = null;
    if (consumers.length > 0) {
      const first = groupOf.get(consumers[0]);
      if (first && consumers.every((c) => groupOf.get(c) === first && sameShape(c.shape, n.shape))) joined = first;
    }
    const group = joined ?? { members: [], outputs: [], generated };
    group.members.push(n);
    groupOf.set(n, group);
  }
  for (const n of g.order) if (generatedInKernel(n, g, groupOf)) generated.add(n);
  for (const group of new Set(groupOf.values())) {
    group.members.reverse();
    group.outputs = outputsOf(group.members, g);
    if (fits(group.members, g, generated, maxStorageBuffers)) continue;
    for (const piece of fittingPieces(group.members, g, generated, maxStorageBuffers)) for (const m of piece.members) groupOf.set(m, piece);
  }
  return { groupOf, generated };
}

/** Members written to memory: live ones, and those read outside the members. */
function outputsOf(members: readonly GraphNode[], g: PendingGraph): GraphNode[] {
  const inside = new Set(members);
  return members.filter((m) => g.roots.has(m) || (g.consumers.get(m) ?? []).some((c) => !inside.has(c)));
}

/**
 * Whether a pending random fill is generated inside the kernels that read it, never stored: it is
 * not live, and every reader is a grouped elementwise node of its shape (so its element index is
 * the output index). A fill that needs a buffer anyway (live, or read by a product, a reduction,
 * a broadcast, or a node another kernel claimed) is read from that buffer by every kernel: on an
 * H100, generating a uniform costs about twice the bandwidth of reading it (Philox's 64-bit
 * products are emulated with 16-bit halves in WGSL).
 */
function generatedInKernel(n: GraphNode, g: PendingGraph, groupOf: ReadonlyMap<GraphNode, ElementwiseGroup>): boolean {
  if (n.op.kind !== 'random' || g.roots.has(n)) return false;
  const readers = g.consumers.get(n) ?? [];
  return readers.length > 0 && readers.every((c) => groupOf.has(c) && sameShape(c.shape, n.shape));
}

/** Why a pending random fill gets its own buffer (it is not generated in-kernel), for the plan's reason. */
export function whyRandomIsStored(n: GraphNode, g: PendingGraph, groupOf: ReadonlyMap<GraphNode, ElementwiseGroup>): string {
  if (g.roots.has(n)) return 'it is a live variable';
  const reader = (g.consumers.get(n) ?? []).find((c) => !groupOf.has(c) || !sameShape(c.shape, n.shape));
  if (!reader) return 'nothing generates it in-kernel';
  if (reader.op.kind !== 'elementwise') return `a ${reader.op.kind} reads it`;
  if (!groupOf.has(reader)) return 'a matrix product or image_normalize kernel reads it';
  return `an elementwise op over ${reader.shape.join('×')} reads it broadcast`;
}

/** Storage buffers a kernel of these members binds: each distinct input that is neither a constant nor generated in-kernel, each output. */
function storageBuffers(members: readonly GraphNode[], g: PendingGraph, generated: ReadonlySet<GraphNode>): number {
  const inside = new Set(members);
  const inputs = new Set<GraphNode>();
  for (const m of members) {
    if (m.op.kind !== 'elementwise') continue;
    for (const a of m.op.args) if (!inside.has(a) && a.op.kind !== 'constant' && !generated.has(a)) inputs.add(a);
  }
  return inputs.size + outputsOf(members, g).length;
}

/**
 * In-kernel random fills one kernel may generate. Each is a Philox block and a Box–Muller pair per
 * thread, independent of the rest of the chain (a compiler may well hoist them all to the top):
 * on an H100, a Monte Carlo loop fused ~100 fills per kernel took 48 ms of GPU time where one
 * random kernel plus one elementwise kernel per step took 33 ms. Cut every few fills, the chain
 * reads and writes its carried array once per piece, which costs little next to the fills.
 */
export const MAX_GENERATED_FILLS = 8;

/** Random fills the members generate in-kernel (distinct nodes). */
function generatedFills(members: readonly GraphNode[], generated: ReadonlySet<GraphNode>): number {
  const fills = new Set<GraphNode>();
  for (const m of members) {
    if (m.op.kind !== 'elementwise') continue;
    for (const a of m.op.args) if (generated.has(a)) fills.add(a);
  }
  return fills.size;
}

/** Whether one kernel can compute these members: within the bindings and the in-kernel fills. */
function fits(members: readonly GraphNode[], g: PendingGraph, generated: ReadonlySet<GraphNode>, maxStorageBuffers: number): boolean {
  return storageBuffers(members, g, generated) <= maxStorageBuffers && generatedFills(members, generated) <= MAX_GENERATED_FILLS;
}

/**
 * Consecutive runs of `members` (topological order) that each fit (bindings and in-kernel fills),
 * greedily as long as possible. One op always fits (at most three inputs and one output).
 */
function fittingPieces(members: readonly GraphNode[], g: PendingGraph, generated: ReadonlySet<GraphNode>, limit: number): ElementwiseGroup[] {
  const pieces: GraphNode[][] = [];
  let current: GraphNode[] = [];
  for (const m of members) {
    if (current.length > 0 && !fits([...current, m], g, generated, limit)) {
      pieces.push(current);
      current = [];
    }
    current.push(m);
  }
  pieces.push(current);
  return pieces.map((piece) => ({ members: piece, outputs: outputsOf(piece, g), generated }));
}

export interface FusedKernelSpec {
  params: FusedElementwiseParams;
  /** Nodes bound as inputs, in binding order. */
  inputs: GraphNode[];
  constants: number[];
}

/** The kernel parameters of one group: SSA steps over inputs, uniform constants and in-kernel random fills. */
export function fusedSpec(group: ElementwiseGroup): FusedKernelSpec {
  const ops: FusedOp[] = [];
  const opIndex = new Map<string, number>();
  const inputs: GraphNode[] = [];
  const constants: number[] = [];
  const randoms: FusedRandomFill[] = [];
  const outNode = group.members[group.members.length - 1];
  const operandOf = new Map<GraphNode, Operand>();
  group.members.forEach((m, i) => operandOf.set(m, { kind: 'step', index: i }));
  const operand = (n: GraphNode): Operand => {
    let o = operandOf.get(n);
    if (!o) {
      if (n.op.kind === 'constant') {
        o = { kind: 'const', index: constants.length };
        constants.push(n.op.value);
      } else if (n.op.kind === 'random' && group.generated.has(n)) {
        o = { kind: 'random', index: randoms.length };
        randoms.push({ dist: n.op.dist, key: [n.op.key[0], n.op.key[1]], counter: n.op.counter });
      } else {
        o = { kind: 'input', index: inputs.length };
        inputs.push(n);
      }
      operandOf.set(n, o);
    }
    return o;
  };
  const steps = group.members.map((m) => {
    if (m.op.kind !== 'elementwise') throw new Error('internal: non-elementwise node in a fusion group');
    const squared = isSquare(m);
    const spec = ELEMENTWISE_OPS[squared ? 'square' : m.op.op];
    let index = opIndex.get(spec.name);
    if (index === undefined) {
      index = ops.length;
      opIndex.set(spec.name, index);
      ops.push({ name: spec.name, arity: spec.arity, wgsl: spec.wgsl });
    }
    return { op: index, args: (squared ? m.op.args.slice(0, 1) : m.op.args).map(operand) };
  });
  const outShape = [...outNode.shape];
  return {
    params: {
      ops,
      inputShapes: inputs.map((n) => [...n.shape]),
      outShape,
      constantCount: constants.length,
      ...(randoms.length > 0 ? { randoms } : {}),
      steps,
      outputs: group.outputs.map((o) => group.members.indexOf(o)),
    },
    inputs,
    constants,
  };
}

/**
 * `x.^2` with a constant exponent of 2 is specialised to one multiply: the general power (with
 * MATLAB's sign and NaN rules) costs tens of instructions, enough to make a chain compute-bound.
 */
function isSquare(n: GraphNode): boolean {
  if (n.op.kind !== 'elementwise' || n.op.op !== 'pow') return false;
  const e = n.op.args[1];
  return e.op.kind === 'constant' && e.op.value === 2;
}

/** `tanh, times, plus`: the ops of a group, for plan reasons. */
export function opList(group: ElementwiseGroup): string {
  return group.members.map((m) => (m.op.kind !== 'elementwise' ? m.op.kind : isSquare(m) ? 'square' : m.op.op)).join(', ');
}

/**
 * `; randn generated in-kernel (Philox), 16 fills never written to memory`: the plan-reason note
 * for a kernel with random operands; empty without.
 */
export function generatedRandomNote(spec: FusedKernelSpec): string {
  const fills = spec.params.randoms ?? [];
  if (fills.length === 0) return '';
  const names = (['uniform', 'normal'] as const).filter((d) => fills.some((f) => f.dist === d)).map((d) => (d === 'uniform' ? 'rand' : 'randn'));
  const what = fills.length === 1 ? 'never written to memory' : `${fills.length} fills never written to memory`;
  return `; ${names.join(' and ')} generated in-kernel (Philox), ${what}`;
}
