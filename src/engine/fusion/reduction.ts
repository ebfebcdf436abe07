// Reductions: a reduce node becomes one reduction kernel (or a two-pass one for big inputs). When
// its argument is an elementwise group whose only output is that argument, and nothing else
// reads it, the group is fused in as the reduction's producer (`sum(A.*B, 2)`, `mean(x.^2)`).

import type { GraphNode } from '../graph/node.ts';
import type { ReductionParams } from '../kernels/reduction.ts';
import { fusedSpec, generatedRandomNote, opList, type ElementwiseGroup } from './elementwise.ts';
import type { PendingGraph } from './graphWalk.ts';

export interface ReductionSpec {
  params: ReductionParams;
  inputs: GraphNode[];
  constants: number[];
  scale: number;
  /** The producer group fused into this reduction, if any. */
  fused: ElementwiseGroup | null;
  reason: string;
}

export function reductionSpec(node: GraphNode, g: PendingGraph, groupOf: Map<GraphNode, ElementwiseGroup>): ReductionSpec {
  if (node.op.kind !== 'reduce') throw new Error('internal: reductionSpec on a non-reduce node');
  const { op, dim, omitNaN, arg } = node.op;
  const kernelOp = op === 'mean' ? 'sum' : op;
  const count = dim === 'all' ? arg.numel : (arg.shape[dim] ?? 1);
  const scale = op === 'mean' ? 1 / count : 1;
  const group = groupOf.get(arg);
  const onlyReader = (g.consumers.get(arg) ?? []).length === 1 && !g.roots.has(arg);
  const where = dim === 'all' ? `all ${arg.numel} elements` : `dimension ${dim + 1} of ${arg.shape.join('×')}`;
  if (group && onlyReader && group.outputs.length === 1 && group.outputs[0] === arg) {
    const spec = fusedSpec(group);
    return {
      params: { op: kernelOp, inShape: [...arg.shape], dim, producer: spec.params, scale: op === 'mean', omitNaN },
      inputs: spec.inputs,
      constants: spec.constants,
      scale,
      fused: group,
      reason: `${op} over ${where}, fused with its elementwise producer (${opList(group)}): the intermediate is never written${generatedRandomNote(spec)}`,
    };
  }
  const why = g.roots.has(arg)
    ? 'its argument is a live variable, so it is materialised once and read'
    : arg.op.kind === 'reshape'
      ? 'its argument is a free view (x(:), reshape) of an array that is materialised'
      : group
        ? 'its argument is read elsewhere too'
        : `its argument comes from a ${arg.op.kind} node`;
  return {
    params: { op: kernelOp, inShape: [...arg.shape], dim, producer: null, scale: op === 'mean', omitNaN },
    inputs: [arg],
    constants: [],
    scale,
    fused: null,
    reason: `${op} over ${where}; not fused: ${why}`,
  };
}
