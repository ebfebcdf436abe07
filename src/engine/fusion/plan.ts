// The fusion planner: given the roots a flush must compute, decide which kernels run, in order,
// with a reason for every decision. Passes, in order:
//   1. reductions claim their elementwise producer groups when nothing else reads them;
//   2. the remaining elementwise groups become one generated kernel each (several outputs when
//      intermediates are live);
//   3. random fills, uploads and reshapes (free views) fill in the rest.
// Steps come out in an order where every input is computed before it is read.

import type { GraphNode } from '../graph/node.ts';
import type { PlanDecision } from '../../worker/protocol.ts';
import { elementwiseGroups, fusedSpec, opList, type ElementwiseGroup, type FusedKernelSpec } from './elementwise.ts';
import { pendingGraph } from './graphWalk.ts';
import { reductionSpec, type ReductionSpec } from './reduction.ts';

export type PlanStep =
  | { kind: 'upload'; node: GraphNode }
  | { kind: 'random'; node: GraphNode }
  | { kind: 'alias'; node: GraphNode; of: GraphNode }
  | { kind: 'elementwise'; outputs: GraphNode[]; spec: FusedKernelSpec }
  | { kind: 'reduction'; node: GraphNode; spec: ReductionSpec };

export interface Plan {
  steps: PlanStep[];
  decisions: PlanDecision[];
}

export function planFlush(roots: Iterable<GraphNode>): Plan {
  const g = pendingGraph(roots);
  const groupOf = elementwiseGroups(g);
  const steps: PlanStep[] = [];
  const decisions: PlanDecision[] = [];
  const claimed = new Set<ElementwiseGroup>();
  const reductions = new Map<GraphNode, ReductionSpec>();

  // Pass 1: reductions, and the producer groups they absorb.
  for (const n of g.order) {
    if (n.op.kind !== 'reduce') continue;
    const spec = reductionSpec(n, g, groupOf);
    reductions.set(n, spec);
    if (spec.fused) claimed.add(spec.fused);
  }

  // Pass 2 and 3, emitted in topological order; a group is emitted at its last member.
  const remaining = new Map<ElementwiseGroup, number>();
  for (const group of new Set(groupOf.values())) remaining.set(group, group.members.length);
  for (const n of g.order) {
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
          reason: `${group.members.length} elementwise op${group.members.length === 1 ? '' : 's'} (${opList(group)}) over ${n.shape.join('×')} in one kernel${extra}`,
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
      case 'random':
        steps.push({ kind: 'random', node: n });
        decisions.push({ kernel: 'random', variant: n.op.dist, reason: `${n.numel} ${n.op.dist} numbers generated on the GPU (Philox counter-based, reproducible under rng)` });
        break;
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
      case 'resident':
        break;
    }
  }
  return { steps, decisions };
}
