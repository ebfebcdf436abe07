// A quick proof that the GPU path works on this machine: one elementwise kernel (a broadcast
// add on an awkward shape) through the WebGPU provider, compared with the CPU provider.

import { ELEMENTWISE_OPS } from './graph/elementwiseOps.ts';
import { broadcastShapes } from './graph/broadcast.ts';
import { cpuProvider } from './providers/cpu/index.ts';
import type { WebGpuProvider } from './providers/webgpu/index.ts';
import type { KernelEvent } from '../worker/protocol.ts';

export interface SelfTestResult {
  ok: boolean;
  maxAbsDiff: number;
  n: number;
  kernel: KernelEvent | null;
}

export async function gpuSelfTest(gpu: WebGpuProvider): Promise<SelfTestResult> {
  // 37×129 plus a 1×129 row: not a multiple of any workgroup size, and broadcast.
  const a = { shape: [37, 129], data: Float64Array.from({ length: 37 * 129 }, (_, i) => Math.sin(i) * 100) };
  const b = { shape: [1, 129], data: Float64Array.from({ length: 129 }, (_, i) => i / 7 - 3) };
  const shape = broadcastShapes(a.shape, b.shape)!;
  const expected = cpuProvider.elementwise(ELEMENTWISE_OPS.add, [a, b], shape);
  const { data, kernel } = await gpu.elementwise(ELEMENTWISE_OPS.add, [a, b], shape);
  let maxAbsDiff = 0;
  for (let i = 0; i < expected.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(expected[i] - data[i]));
  // f32 against f64 on values up to ~120: a few ulps of f32.
  return { ok: data.length === expected.length && maxAbsDiff < 1e-4, maxAbsDiff, n: expected.length, kernel };
}
