// What a flush has to compute: the pending (not yet computed) nodes reachable from the roots,
// in topological order (arguments first), and who consumes each of them.

import type { GraphNode } from '../graph/node.ts';

export interface PendingGraph {
  /** Pending nodes, arguments before their consumers. */
  order: GraphNode[];
  /** Pending consumers of each pending node. */
  consumers: Map<GraphNode, GraphNode[]>;
  roots: Set<GraphNode>;
}

export function isComputed(n: GraphNode): boolean {
  return n.buffer !== null;
}

/** Depth-first walk that stops at computed nodes; iterative so deep chains cannot overflow. */
export function pendingGraph(roots: Iterable<GraphNode>): PendingGraph {
  const rootSet = new Set<GraphNode>();
  const order: GraphNode[] = [];
  const state = new Map<GraphNode, 'visiting' | 'done'>();
  const consumers = new Map<GraphNode, GraphNode[]>();
  for (const root of roots) {
    if (isComputed(root)) continue;
    rootSet.add(root);
    const stack: { node: GraphNode; next: number }[] = [{ node: root, next: 0 }];
    if (state.has(root)) continue;
    state.set(root, 'visiting');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const args = top.node.args;
      if (top.next < args.length) {
        const arg = args[top.next++];
        if (isComputed(arg)) continue;
        const list = consumers.get(arg);
        if (list) {
          if (!list.includes(top.node)) list.push(top.node);
        } else consumers.set(arg, [top.node]);
        const s = state.get(arg);
        if (s === 'visiting') throw new Error('internal: cycle in the pending graph');
        if (s === 'done') continue;
        state.set(arg, 'visiting');
        stack.push({ node: arg, next: 0 });
      } else {
        state.set(top.node, 'done');
        order.push(top.node);
        stack.pop();
      }
    }
  }
  for (const n of order) if (!consumers.has(n)) consumers.set(n, []);
  return { order, consumers, roots: rootSet };
}
