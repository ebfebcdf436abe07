// Host reference for elementwise ops with implicit expansion. Fast paths for the shapes that
// dominate real code (same shape, scalar with array); the general path walks N-D strides.

import { forEachBroadcast } from '../../graph/broadcast.ts';
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
    forEachBroadcast(inputs[0].shape, inputs[1].shape, outShape, (k, ia, ib) => {
      out[k] = f(a[ia], b[ib]);
    });
  }
  return out;
}
