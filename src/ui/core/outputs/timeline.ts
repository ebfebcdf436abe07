// Where each kernel of a cell run sits on a time axis. Kernel events carry a start on the
// provider's clock (KernelEvent.startUs) when it could say; then bars are laid out from the first
// kernel's start, gaps included (the GPU was idle, or the host was between submits). When any
// kernel that did work has no start, bars are laid end to end instead: the order and durations
// are still right, only the gaps are unknown.

import type { KernelEvent } from '../../../worker/protocol.ts';

export interface TimelineBar {
  /** Position in the run's kernel list. */
  index: number;
  kernel: KernelEvent;
  /** µs after the first kernel started. */
  startUs: number;
  durationUs: number;
}

export interface TimelineLayout {
  bars: TimelineBar[];
  /** From the first kernel's start to the last one's end, µs. */
  spanUs: number;
  /** Sum of the kernels' GPU times, µs. */
  gpuUs: number;
  /** 'measured': bars sit at their measured starts; 'sequential': end to end. */
  placement: 'measured' | 'sequential';
}

export function layoutTimeline(kernels: readonly KernelEvent[]): TimelineLayout {
  const gpuUs = kernels.reduce((sum, k) => sum + k.gpuUs, 0);
  const measured = kernels.length > 0 && kernels.every((k) => k.gpuUs === 0 || (k.startUs !== undefined && Number.isFinite(k.startUs)));
  const bars: TimelineBar[] = [];
  if (measured) {
    let origin = Infinity;
    for (const k of kernels) if (k.startUs !== undefined) origin = Math.min(origin, k.startUs);
    if (!Number.isFinite(origin)) origin = 0;
    // A dispatch with no work has no start: it sits where the previous kernel ended.
    let previousEnd = 0;
    kernels.forEach((kernel, index) => {
      const startUs = kernel.startUs !== undefined ? kernel.startUs - origin : previousEnd;
      bars.push({ index, kernel, startUs, durationUs: kernel.gpuUs });
      previousEnd = startUs + kernel.gpuUs;
    });
  } else {
    let at = 0;
    kernels.forEach((kernel, index) => {
      bars.push({ index, kernel, startUs: at, durationUs: kernel.gpuUs });
      at += kernel.gpuUs;
    });
  }
  const spanUs = bars.reduce((end, bar) => Math.max(end, bar.startUs + bar.durationUs), 0);
  return { bars, spanUs, gpuUs, placement: measured ? 'measured' : 'sequential' };
}

/** Tick positions for an axis from 0 to `spanUs`: about `count` round values (1, 2 or 5 × 10^k). */
export function timelineTicks(spanUs: number, count = 5): number[] {
  if (!(spanUs > 0)) return [0];
  const raw = spanUs / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = 0; t <= spanUs + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
