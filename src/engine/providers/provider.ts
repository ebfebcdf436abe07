// What every compute provider offers the engine. Arrays cross this boundary as HostArray: a
// shape plus column-major real doubles (the WebGPU provider computes in f32 and widens back).
// Ordering guarantee: calls on one provider complete in the order they are made.

import type { ElementwiseOp } from '../graph/elementwiseOps.ts';

export interface HostArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export interface CpuProvider {
  readonly name: 'cpu';
  /** Applies `op` with implicit expansion; the caller has checked the shapes are compatible. */
  elementwise(op: ElementwiseOp, inputs: readonly HostArray[], outShape: readonly number[]): Float64Array;
  /** C(m×n) = A(m×k) · B(k×n), all column-major. */
  matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array;
}
