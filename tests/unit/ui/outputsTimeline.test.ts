// The kernel timeline's layout (measured starts or end to end), its axis ticks, and the plan
// view's list of distinct kernel sources.
import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../../../src/worker/protocol.ts';
import { layoutTimeline, timelineTicks } from '../../../src/ui/core/outputs/timeline.ts';
import { kernelSourceEntries } from '../../../src/ui/core/outputs/planSources.ts';

function kernel(name: string, gpuUs: number, extra: Partial<KernelEvent> = {}): KernelEvent {
  return { type: 'kernel', name, variant: 'v', shapes: [[4, 4]], gpuUs, timing: 'timestamp', ...extra };
}

describe('layoutTimeline', () => {
  it('places kernels at their measured starts, from the first one', () => {
    const layout = layoutTimeline([
      kernel('elementwise', 10, { startUs: 1_000_050 }),
      kernel('reduction', 5, { startUs: 1_000_100 }),
      kernel('matmul', 20, { startUs: 1_000_000 }),
    ]);
    expect(layout.placement).toBe('measured');
    expect(layout.bars.map((b) => b.startUs)).toEqual([50, 100, 0]);
    expect(layout.spanUs).toBe(105);
    expect(layout.gpuUs).toBe(35);
  });

  it('puts a dispatch with no work where the previous kernel ended', () => {
    const layout = layoutTimeline([kernel('a', 10, { startUs: 100 }), kernel('empty', 0), kernel('b', 4, { startUs: 130 })]);
    expect(layout.placement).toBe('measured');
    expect(layout.bars.map((b) => b.startUs)).toEqual([0, 10, 30]);
  });

  it('lays kernels end to end when a start is missing', () => {
    const layout = layoutTimeline([kernel('a', 10, { startUs: 5 }), kernel('b', 4), kernel('c', 6)]);
    expect(layout.placement).toBe('sequential');
    expect(layout.bars.map((b) => [b.startUs, b.durationUs])).toEqual([
      [0, 10],
      [10, 4],
      [14, 6],
    ]);
    expect(layout.spanUs).toBe(20);
  });

  it('handles no kernels', () => {
    expect(layoutTimeline([])).toEqual({ bars: [], spanUs: 0, gpuUs: 0, placement: 'sequential' });
  });
});

describe('timelineTicks', () => {
  it('gives round steps from zero to the span', () => {
    expect(timelineTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(timelineTicks(1234)).toEqual([0, 500, 1000]);
    expect(timelineTicks(7, 5)).toEqual([0, 2, 4, 6]);
    expect(timelineTicks(0)).toEqual([0]);
    const small = timelineTicks(0.3);
    expect(small[0]).toBe(0);
    expect(small[small.length - 1]).toBeLessThanOrEqual(0.3);
  });
});

describe('kernelSourceEntries', () => {
  it('lists each source once, in first-dispatch order, with counts and total time', () => {
    const entries = kernelSourceEntries([
      kernel('elementwise', 3, { sourceId: 'a' }),
      kernel('reduction', 2, { sourceId: 'b' }),
      kernel('elementwise', 4, { sourceId: 'a' }),
      kernel('legacy', 1),
    ]);
    expect(entries).toEqual([
      { sourceId: 'a', name: 'elementwise', variant: 'v', dispatches: 2, gpuUs: 7 },
      { sourceId: 'b', name: 'reduction', variant: 'v', dispatches: 1, gpuUs: 2 },
    ]);
  });
});
