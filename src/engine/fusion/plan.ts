// The fusion planner: given the roots a flush must compute, decide which kernels run, in order,
// with a reason for every decision. Passes, in order:
//   0. ImageNormalize: a mean/std pair of one array and ((x - mu) ./ sigma) * gain + bias, clamps,
//      .^ gamma become one image_normalize invocation (imageNormalize.ts); near misses leave a
//      reason, and what it claims is skipped below;
//   1. matrix products: SYRK for A'*A, epilogues and diag folded into the write, routing;
//   2. reductions claim their elementwise producer groups when nothing else reads them;
//   3. the remaining elementwise groups become one generated kernel each (several outputs when
//      intermediates are live); a random fill of a group's shape is generated inside its kernel;
//   4. random fills that still need a buffer (live, or read by something that does not generate
//      them), uploads, transposes read by non-products, reshapes (free views), and contiguous
//      index ranges: slices (`x(:, j)`, copied out) and splices (`y(:, j) = v`, written out of
//      place; a chain of them stores only its last node: splice.ts), as `index` kernels.
// Steps come out in an order where every input is computed before it is read.

import type { GraphNode } from '../graph/node.ts';
import type { PlanDecision } from '../../worker/protocol.ts';
import {
  elementwiseGroups,
  fusedSpec,
  generatedRandomNote,
  opList,
  type ElementwiseGroup,
  type FusedKernelSpec,
  whyRandomIsStored,
} from './elementwise.ts';
import { contractedOrder, pendingGraph } from './graphWalk.ts';
import { imageNormalizePass, type ImageNormalizeSpec } from './imageNormalize.ts';
import { matmulSpec, type MatmulSpec } from './matmul.ts';
import type { RoutingOverride } from './matmulRouting.ts';
import { reductionSpec, type ReductionSpec } from './reduction.ts';
import { spliceChain, spliceIntermediates, spliceReason, type SpliceChain } from './splice.ts';

export type PlanStep =
  | { kind: 'upload'; node: GraphNode }
  | { kind: 'random'; node: GraphNode }
  | { kind: 'alias'; node: GraphNode; of: GraphNode }
  | { kind: 'elementwise'; outputs: GraphNode[]; spec: FusedKernelSpec }
  | { kind: 'reduction'; node: GraphNode; spec: ReductionSpec }
  | { kind: 'matmul'; spec: MatmulSpec }
  | { kind: 'transpose'; node: GraphNode }
  | { kind: 'slice'; node: GraphNode }
  /** Computes `chain.output` (= node): a splice, then the chain's later writes into its buffer. */
  | { kind: 'splice'; node: GraphNode; chain: SpliceChain }
  | { kind: 'imageNormalize'; spec: ImageNormalizeSpec };

export interface Plan {
  steps: PlanStep[];
  decisions: PlanDecision[];
}

/** What the device allows one kernel; WebGPU's guaranteed minimum by default. */
export interface PlanLimits {
  maxStorageBuffers: number;
}

const DEFAULT_PLAN_LIMITS: PlanLimits = { maxStorageBuffers: 8 };

export function planFlush(roots: Iterable<GraphNode>, routing: RoutingOverride = 'auto', limits: PlanLimits = DEFAULT_PLAN_LIMITS): Plan {
  const g = pendingGraph(roots);
  // Pass 0: ImageNormalize. Its nodes are computed by one invocation, emitted as one unit.
  const normalize = imageNormalizePass(g);
  const normalizeOf = new Map<GraphNode, ImageNormalizeSpec>();
  for (const spec of normalize.invocations) for (const n of spec.claimed) normalizeOf.set(n, spec);
  const order = normalize.invocations.length > 0 ? contractedOrder(g, normalize.invocations.map((s) => s.claimed)) : g.order;
  // Pass 1: matrix products and what they fold into their write.
  const products = new Map<GraphNode, MatmulSpec>();
  const takenByProduct = new Set<GraphNode>(normalizeOf.keys());
  for (const n of g.order) {
    if (n.op.kind !== 'matmul') continue;
    const spec = matmulSpec(n, g, routing);
    products.set(spec.output, spec);
    // The product, its epilogue and its output are computed by the product's kernel: to the
    // elementwise groups they are inputs like any other node they do not own.
    takenByProduct.add(n);
    for (const c of spec.claimed) takenByProduct.add(c);
  }
  const { groupOf, generated } = elementwiseGroups(g, takenByProduct, limits.maxStorageBuffers);
  const steps: PlanStep[] = [];
  const decisions: PlanDecision[] = [...new Set(normalize.notMatched)].map((reason) => ({ kernel: 'image_normalize', variant: 'not-matched', reason }));
  const claimed = new Set<ElementwiseGroup>();
  const reductions = new Map<GraphNode, ReductionSpec>();

  // Pass 2: reductions, and the producer groups they absorb.
  for (const n of g.order) {
    if (n.op.kind !== 'reduce' || normalizeOf.has(n)) continue;
    const spec = reductionSpec(n, g, groupOf);
    reductions.set(n, spec);
    if (spec.fused) claimed.add(spec.fused);
  }

  // Splices that are intermediates of a chain (step 4), computed inside its last node's buffer.
  const spliceLinks = spliceIntermediates(g);

  // Emission in topological order: a group at its last member, a product at its output node.
  const remaining = new Map<ElementwiseGroup, number>();
  for (const group of new Set(groupOf.values())) remaining.set(group, group.members.length);
  const normalized = new Set<ImageNormalizeSpec>();
  for (const n of order) {
    const inv = normalizeOf.get(n);
    if (inv) {
      // The unit is contiguous in `order`: the invocation runs at its first node, then the views
      // of its live mu/sigma alias the buffers it wrote.
      if (normalized.has(inv)) continue;
      normalized.add(inv);
      steps.push({ kind: 'imageNormalize', spec: inv });
      decisions.push({ kernel: 'image_normalize', variant: inv.variant, reason: inv.reason });
      for (const a of inv.aliases) if (a.op.kind === 'reshape' && (inv.muAliases.includes(a) ? inv.muLive : inv.sigmaLive)) steps.push({ kind: 'alias', node: a, of: a.op.arg });
      continue;
    }
    const product = products.get(n);
    if (product) {
      steps.push({ kind: 'matmul', spec: product });
      const variant = product.kind === 'syrk' ? 'syrk' : `${product.variant}${product.diagonalOnly ? '+diag' : product.epilogue ? '+epilogue' : ''}`;
      decisions.push({ kernel: product.kind === 'syrk' ? 'syrk' : 'matmul', variant, reason: product.reason });
      continue;
    }
    if (takenByProduct.has(n)) continue;
    switch (n.op.kind) {
      case 'elementwise': {
        const group = groupOf.get(n)!;
        const left = remaining.get(group)! - 1;
        remaining.set(group, left);
        if (left > 0 || claimed.has(group)) break;
        const spec = fusedSpec(group);
        steps.push({ kind: 'elementwise', outputs: group.outputs, spec });
        const extra = group.outputs.length > 1 ? `; ${group.outputs.length} outputs (live intermediates written once, not recomputed)` : '';
        decisions.push({
          kernel: 'elementwise',
          variant: group.members.length === 1 ? n.op.op : 'fused',
          reason: `${group.members.length} elementwise op${group.members.length === 1 ? '' : 's'} (${opList(group)}) over ${n.shape.join('×')} in one kernel${extra}${generatedRandomNote(spec)}`,
        });
        break;
      }
      case 'reduce': {
        const spec = reductions.get(n)!;
        steps.push({ kind: 'reduction', node: n, spec });
        const name = n.op.op;
        decisions.push({ kernel: 'reduction', variant: spec.fused ? `${name}+fused` : name, reason: spec.reason });
        break;
      }
      case 'random': {
        // Read only by fused kernels that generate it themselves: no buffer, no kernel, no decision.
        if (generated.has(n)) break;
        steps.push({ kind: 'random', node: n });
        decisions.push({
          kernel: 'random',
          variant: n.op.dist,
          reason: `${n.numel} ${n.op.dist} numbers generated on the GPU (Philox counter-based, reproducible under rng); stored because ${whyRandomIsStored(n, g, groupOf)}`,
        });
        break;
      }
      case 'upload':
        steps.push({ kind: 'upload', node: n });
        break;
      case 'constant':
        // Constants read by elementwise kernels live in their uniforms; others need a buffer.
        if (g.roots.has(n) || (g.consumers.get(n) ?? []).some((c) => c.op.kind !== 'elementwise')) steps.push({ kind: 'upload', node: n });
        break;
      case 'reshape':
        steps.push({ kind: 'alias', node: n, of: n.op.arg });
        break;
      case 'transpose':
        // Products read transposes through strides; anything else needs the data moved.
        steps.push({ kind: 'transpose', node: n });
        decisions.push({ kernel: 'transpose', variant: 'tiled', reason: `${n.op.arg.shape.join('×')} transposed for a reader that is not a matrix product` });
        break;
      case 'slice':
        steps.push({ kind: 'slice', node: n });
        decisions.push({ kernel: 'index', variant: 'slice', reason: sliceReason(n) });
        break;
      case 'splice': {
        if (spliceLinks.has(n)) break;
        const chain = spliceChain(n, spliceLinks);
        steps.push({ kind: 'splice', node: n, chain });
        decisions.push({ kernel: 'index', variant: 'splice', reason: spliceReason(chain) });
        break;
      }
      case 'matmul':
      case 'diag':
        // A product is emitted at its output node; a diag is only ever made of a product.
        throw new Error(`internal: ${n.op.kind} node ${n.id} was not claimed by a product`);
      case 'resident':
        break;
    }
  }
  return { steps, decisions };
}

function sliceReason(n: GraphNode): string {
  if (n.op.kind !== 'slice') throw new Error('internal: sliceReason on another node');
  const range = n.numel === 1 ? `element ${n.op.offset + 1}` : `elements ${n.op.offset + 1}:${n.op.offset + n.numel}`;
  return `${range} of ${n.op.arg.shape.join('×')} (one contiguous range) copied on the GPU into ${n.shape.join('×')}: no read-back`;
}
