// Small builders for planner tests: graphs made with the node factories, without a GPU.

import type { ElementwiseOpName } from '../../../src/engine/graph/elementwiseOps.ts';
import { constantNode, elementwiseNode, residentNode, type GraphNode } from '../../../src/engine/graph/node.ts';

/** A computed input of the given shape (a leaf for every flush). */
export const input = (...shape: number[]): GraphNode => residentNode({}, shape);

/** A scalar constant. */
export const k = (value: number): GraphNode => constantNode(value);

/** elementwiseNode that must succeed (shapes compatible). */
export function ew(op: ElementwiseOpName, ...args: GraphNode[]): GraphNode {
  const n = elementwiseNode(op, args);
  if (!n) throw new Error(`test setup: incompatible shapes for ${op}`);
  return n;
}
