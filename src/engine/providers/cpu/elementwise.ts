// Host reference for elementwise ops with implicit expansion. Fast paths for the shapes that
// dominate real code (same shape, scalar with array); the general path walks N-D strides.

import { expandedStrides } from '../../graph/broadcast.ts';
import type { ElementwiseOp } from '../../graph/elementwiseOps.ts';
import type { HostArray } from '../provider.ts';

export function runElementwise(op: ElementwiseOp, inputs: readonly HostArray[], outShape: readonly number[]): Float64Array {
  let n = 1;
  for (const d of outShape) n *= d;
  const out = new Float64Array(n);
  const f = op.host;
  if (op.arity === 1) {
    const a = inputs[0].data;
    for (let i = 0; i < n; i++) out[i] = f(a[i], 0);
    return out;
  }
  const a = inputs[0].data;
  const b = inputs[1].data;
  if (a.length === n && b.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
  } else if (a.length === 1 && b.length === n) {
    const x = a[0];
    for (let i = 0; i < n; i++) out[i] = f(x, b[i]);
  } else if (b.length === 1 && a.length === n) {
    const y = b[0];
    for (let i = 0; i < n; i++) out[i] = f(a[i], y);
  } else if (n > 0) {
    broadcastWalk(f, a, expandedStrides(inputs[0].shape, outShape), b, expandedStrides(inputs[1].shape, outShape), outShape, out);
  }
  return out;
}

function broadcastWalk(
  f: (a: number, b: number) => number,
  a: Float64Array,
  sa: number[],
  b: Float64Array,
  sb: number[],
  shape: readonly number[],
  out: Float64Array,
): void {
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = f(a[ia], b[ib]);
    for (let d = 0; d < rank; d++) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < shape[d]) break;
      ia -= sa[d] * shape[d];
      ib -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
}
