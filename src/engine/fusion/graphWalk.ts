// What a flush has to compute: the pending (not yet computed) nodes reachable from the roots,
// in topological order (arguments first), and who consumes each of them; and that order
// rearranged so the nodes one multi-node kernel computes are contiguous.

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

/**
 * A topological order of the pending nodes in which every unit (nodes one kernel computes
 * together, e.g. an ImageNormalize invocation) is contiguous, otherwise following `g.order`.
 * Iterative, like pendingGraph. Throws when a unit reads its own results through nodes outside
 * it: a pass must not claim such a unit.
 */
export function contractedOrder(g: PendingGraph, units: readonly ReadonlySet<GraphNode>[]): GraphNode[] {
  const position = new Map<GraphNode, number>();
  g.order.forEach((n, i) => position.set(n, i));
  const members = units.map((u) => [...u].filter((n) => position.has(n)).sort((a, b) => position.get(a)! - position.get(b)!));
  const unitOf = new Map<GraphNode, number>();
  members.forEach((ms, i) => ms.forEach((n) => unitOf.set(n, i)));
  type Key = GraphNode | number;
  const keyOf = (n: GraphNode): Key => unitOf.get(n) ?? n;
  const nodesOf = (k: Key): GraphNode[] => (typeof k === 'number' ? members[k] : [k]);
  const depsOf = (k: Key): Key[] => {
    const deps: Key[] = [];
    for (const m of nodesOf(k)) {
      for (const a of m.args) {
        if (!position.has(a)) continue;
        const ka = keyOf(a);
        if (ka !== k) deps.push(ka);
      }
    }
    return deps;
  };
  const state = new Map<Key, 'visiting' | 'done'>();
  const out: GraphNode[] = [];
  for (const n of g.order) {
    const start = keyOf(n);
    if (state.has(start)) continue;
    state.set(start, 'visiting');
    const stack: { key: Key; deps: Key[]; next: number }[] = [{ key: start, deps: depsOf(start), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.deps.length) {
        const d = top.deps[top.next++];
        const s = state.get(d);
        if (s === 'done') continue;
        if (s === 'visiting') throw new Error('internal: a planner unit reads its own results through other nodes (cycle)');
        state.set(d, 'visiting');
        stack.push({ key: d, deps: depsOf(d), next: 0 });
      } else {
        state.set(top.key, 'done');
        out.push(...nodesOf(top.key));
        stack.pop();
      }
    }
  }
  return out;
}
