// Splice chains. A loop such as `for t = 2:T, y(:, t) = …; end` makes a chain of splice nodes,
// each the base of the next. Stored one by one, every link would copy all of y: T copies of a
// B×T array per flush, and T buffers of it alive at once. Instead, a splice that nothing else
// reads (not live, and its one pending consumer is the next splice, reading it as its base) is an
// intermediate: never stored. The chain's last node is computed by one splice of the first write
// (the base copied with that range replaced) into the last node's new buffer, then each later
// write's range written into that same buffer, in order. The buffer is the chain's own until the
// last node settles, so nothing another value holds is written. Like a fused elementwise
// intermediate, an unstored splice keeps its arguments and is computed later if something reads it.

import type { GraphNode } from '../graph/node.ts';
import type { PendingGraph } from './graphWalk.ts';

/** One write of a chain: `value` (count elements, or one broadcast) at elements [offset, offset + count). */
export interface SpliceWrite {
  value: GraphNode;
  offset: number;
  count: number;
}

/** The stored end of a chain: `base` with `writes` applied in order. */
export interface SpliceChain {
  output: GraphNode;
  base: GraphNode;
  writes: SpliceWrite[];
}

/** The pending splices that are intermediates of a chain (see the file header). */
export function spliceIntermediates(g: PendingGraph): Set<GraphNode> {
  const out = new Set<GraphNode>();
  for (const n of g.order) {
    if (n.op.kind !== 'splice' || g.roots.has(n)) continue;
    const readers = g.consumers.get(n) ?? [];
    if (readers.length !== 1) continue;
    const next = readers[0].op;
    if (next.kind === 'splice' && next.base === n && next.value !== n) out.add(n);
  }
  return out;
}

/** The chain that ends at the stored splice `end`, its first write first. */
export function spliceChain(end: GraphNode, intermediates: ReadonlySet<GraphNode>): SpliceChain {
  const writes: SpliceWrite[] = [];
  let cur = end;
  for (;;) {
    const op = cur.op;
    if (op.kind !== 'splice') throw new Error(`internal: node ${cur.id} in a splice chain is a ${op.kind}`);
    writes.push({ value: op.value, offset: op.offset, count: op.count });
    if (!intermediates.has(op.base)) {
      writes.reverse();
      return { output: end, base: op.base, writes };
    }
    cur = op.base;
  }
}

/** 1-based inclusive element range, as MATLAB users read it. */
function elementRange(w: SpliceWrite): string {
  return w.count === 1 ? `element ${w.offset + 1}` : `elements ${w.offset + 1}:${w.offset + w.count}`;
}

function writeText(w: SpliceWrite): string {
  return `${elementRange(w)} by ${w.value.numel === w.count ? `a ${w.value.shape.join('×')} value` : 'one value broadcast'}`;
}

export function spliceReason(chain: SpliceChain): string {
  const shape = chain.output.shape.join('×');
  const { writes } = chain;
  if (writes.length === 1) {
    return `${shape} with ${writeText(writes[0])} on the GPU: no read-back; written to a new buffer, since the old array may still be read`;
  }
  const last = writes[writes.length - 1];
  return (
    `${shape} with ${writes.length} contiguous ranges replaced on the GPU (${writeText(writes[0])}, …, ${writeText(last)}): no read-back; ` +
    `one copy of the base into a new buffer, then each range written into it; the ${writes.length - 1} intermediate arrays are not live and never stored`
  );
}
