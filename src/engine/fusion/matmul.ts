// Matrix products, in the pass order of DESIGN.md: SYRK for `A'*A` on one value, epilogues
// folded into the product's write (`max(min(2.5*(X*W) + b, 1), 0).^2`, `diag(A*B)`), then the
// routing choice. The epilogue is matched as a chain of single-consumer elementwise nodes in the
// order the kernel applies them (alpha, beta, bias, scale, clamps, power): a step out of that
// order ends the chain, and what follows runs as an ordinary elementwise kernel.

import type { GraphNode } from '../graph/node.ts';
import type { MatmulConstants, MatmulEpilogue, MatmulVariant } from '../kernels/matmul.ts';
import type { PendingGraph } from './graphWalk.ts';
import { chooseSplitK, chooseVariant, type RoutingOverride } from './matmulRouting.ts';

export interface MatmulSpec {
  kind: 'matmul' | 'syrk';
  /** The node whose value the kernel writes: the product, the end of its epilogue, or its diagonal. */
  output: GraphNode;
  a: GraphNode;
  b: GraphNode;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  variant: MatmulVariant;
  epilogue: MatmulEpilogue | null;
  constants: MatmulConstants;
  /** bias then scale inputs, bound after A and B. */
  extraInputs: GraphNode[];
  diagonalOnly: boolean;
  /** k summed in this many ranges, then reduced (kernels/matmulSplit.ts); 1: one pass. */
  splits: number;
  /** Elementwise (and diag) nodes computed inside this kernel. */
  claimed: GraphNode[];
  reason: string;
}

const ORDER = ['alpha', 'beta', 'bias', 'scale', 'clamp', 'power'] as const;
type Stage = (typeof ORDER)[number];

function constantOf(n: GraphNode): number | null {
  return n.op.kind === 'constant' ? n.op.value : null;
}

function isRow(v: GraphNode, n: number): boolean {
  return v.shape.length === 2 && v.shape[0] === 1 && v.shape[1] === n;
}

function isColumn(v: GraphNode, m: number): boolean {
  return v.shape.length === 2 && v.shape[0] === m && v.shape[1] === 1;
}

/** One step of an epilogue chain: which stage it is, and what it records. */
function matchStep(c: GraphNode, cur: GraphNode, m: number, n: number, e: MatmulEpilogue, k: MatmulConstants, extra: { bias?: GraphNode; scale?: GraphNode }): Stage | null {
  if (c.op.kind !== 'elementwise') return null;
  const args = c.op.args;
  const other = args.length === 2 ? (args[0] === cur ? args[1] : args[1] === cur ? args[0] : null) : null;
  if (other === null || other === cur) return null;
  const curFirst = args[0] === cur;
  const value = constantOf(other);
  switch (c.op.op) {
    case 'mul':
      if (value !== null) {
        k.alpha = value;
        e.alpha = true;
        return 'alpha';
      }
      if (isColumn(other, m) || isRow(other, n)) {
        e.scale = isColumn(other, m) ? 'rowMul' : 'colMul';
        extra.scale = other;
        return 'scale';
      }
      return null;
    case 'div':
      if (!curFirst) return null;
      if (value !== null) {
        k.alpha = 1 / value;
        e.alpha = true;
        return 'alpha';
      }
      if (isColumn(other, m) || isRow(other, n)) {
        e.scale = isColumn(other, m) ? 'rowDiv' : 'colDiv';
        extra.scale = other;
        return 'scale';
      }
      return null;
    case 'add':
    case 'sub':
      if (c.op.op === 'sub' && !curFirst) return null;
      if (value !== null) {
        k.beta = c.op.op === 'sub' ? -value : value;
        e.beta = true;
        return 'beta';
      }
      if (c.op.op === 'add' && (isRow(other, n) || isColumn(other, m))) {
        e.bias = isRow(other, n) ? 'row' : 'column';
        extra.bias = other;
        return 'bias';
      }
      return null;
    case 'max':
      if (value === null || e.clampMin) return null;
      k.lo = value;
      e.clampMin = true;
      return 'clamp';
    case 'min':
      if (value === null || e.clampMax) return null;
      k.hi = value;
      e.clampMax = true;
      return 'clamp';
    case 'pow':
      if (value === null || !curFirst) return null;
      k.p = value;
      e.power = true;
      return 'power';
    default:
      return null;
  }
}

function emptyEpilogue(): MatmulEpilogue {
  return { alpha: false, beta: false, bias: 'none', scale: 'none', clampMin: false, clampMax: false, power: false };
}

/** The single pending consumer of `n`, when `n` itself need not be written (not a root). */
function soleConsumer(g: PendingGraph, n: GraphNode): GraphNode | null {
  const cs = g.consumers.get(n) ?? [];
  return cs.length === 1 && !g.roots.has(n) ? cs[0] : null;
}

export function matmulSpec(node: GraphNode, g: PendingGraph, override: RoutingOverride = 'auto'): MatmulSpec {
  if (node.op.kind !== 'matmul') throw new Error('internal: matmulSpec on a non-matmul node');
  const { a, b, transA, transB } = node.op;
  const [m, n] = node.shape;
  const k = transA ? a.shape[0] : a.shape[1];
  const epilogue = emptyEpilogue();
  const constants: MatmulConstants = {};
  const extra: { bias?: GraphNode; scale?: GraphNode } = {};
  const claimed: GraphNode[] = [];
  const steps: string[] = [];
  let cur = node;
  let stage = -1;
  let diagonalOnly = false;

  const next = soleConsumer(g, cur);
  if (next && next.op.kind === 'diag') {
    diagonalOnly = true;
    claimed.push(next);
    cur = next;
    steps.push('diag (only the diagonal is computed)');
  } else {
    for (;;) {
      const c = soleConsumer(g, cur);
      if (!c || c.op.kind !== 'elementwise' || c.shape.length !== 2 || c.shape[0] !== m || c.shape[1] !== n) break;
      const trialE = { ...epilogue };
      const trialK = { ...constants };
      const trialX = { ...extra };
      const s = matchStep(c, cur, m, n, trialE, trialK, trialX);
      if (s === null) break;
      const at = ORDER.indexOf(s);
      // A stage may not come before one already applied (clamps may pair in either order).
      if (at < stage || (at === stage && s !== 'clamp')) break;
      if (trialE.clampMin && trialE.clampMax && trialK.lo! > trialK.hi!) break;
      Object.assign(epilogue, trialE);
      Object.assign(constants, trialK);
      Object.assign(extra, trialX);
      stage = at;
      claimed.push(c);
      steps.push(s);
      cur = c;
    }
  }

  const hasEpilogue = claimed.length > 0 && !diagonalOnly;
  const extraInputs = [extra.bias, extra.scale].filter((x): x is GraphNode => x !== undefined);
  const syrk = a === b && transA && !transB && !diagonalOnly && (!hasEpilogue || steps.every((s) => s === 'alpha'));
  const variant = chooseVariant(m, n, k, transA, override);
  const what = `${m}×${k} · ${k}×${n}${transA ? ' (A transposed, read through strides)' : ''}${transB ? ' (B transposed, read through strides)' : ''}`;
  const fused = steps.length > 0 ? `; folded into the write: ${steps.join(', ')}` : '';
  const split = syrk || diagonalOnly ? { splits: 1, reason: null } : chooseSplitK(m, n, k, variant.variant);
  const reason = syrk
    ? `A'*A on one value ${a.shape.join('×')}: SYRK computes one triangle and mirrors it${fused}`
    : `${variant.reason} for ${what}${fused}${split.reason ? `; ${split.reason}` : ''}`;
  return {
    kind: syrk ? 'syrk' : 'matmul',
    output: cur,
    a,
    b,
    m,
    n,
    k,
    transA,
    transB,
    variant: variant.variant,
    epilogue: hasEpilogue ? epilogue : null,
    constants,
    extraInputs,
    diagonalOnly,
    splits: split.splits,
    claimed,
    reason,
  };
}
