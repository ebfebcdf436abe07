// The distinct kernels of a cell run, for the plan view's WGSL list: a loop that dispatches one
// kernel a thousand times lists it once, with how often it ran and its total GPU time.

import type { KernelEvent } from '../../../worker/protocol.ts';

export interface KernelSourceEntry {
  sourceId: string;
  name: string;
  variant: string;
  dispatches: number;
  gpuUs: number;
}

/** One entry per distinct WGSL source, in the order of first dispatch; events without a sourceId are left out. */
export function kernelSourceEntries(kernels: readonly KernelEvent[]): KernelSourceEntry[] {
  const entries = new Map<string, KernelSourceEntry>();
  for (const kernel of kernels) {
    if (kernel.sourceId === undefined) continue;
    const entry = entries.get(kernel.sourceId);
    if (entry) {
      entry.dispatches += 1;
      entry.gpuUs += kernel.gpuUs;
    } else {
      entries.set(kernel.sourceId, { sourceId: kernel.sourceId, name: kernel.name, variant: kernel.variant, dispatches: 1, gpuUs: kernel.gpuUs });
    }
  }
  return [...entries.values()];
}
