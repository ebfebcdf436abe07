// Keeping the GPU at its working clock while it is timed. An H100 idles near 345 MHz whenever the
// host is busy for a moment (planning, compiling, checking, collecting garbage) and climbs back in
// steps of about 100 ms: a kernel timed on a step runs 2-5× slow, and its samples still look
// steady. So right before a measurement a reference load runs until its own time per dispatch is
// within 2% of the best it ever had in this run: the clock is then at the top, not just steady.

import { buildMatmul } from '../../src/engine/kernels/matmul.ts';
import type { GpuArrayHandle, WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';
import { median, sig } from './stats.ts';

/** Warm-up batches of about this much GPU time each. */
export const WARM_BATCH_US = 25_000;
/** Give up on reaching the best time after this long (a clock that moved for good). */
const GIVE_UP_MS = 4000;

/** µs of each run (every pass once) of `count` runs recorded in one flush. */
export async function timeRuns(gpu: WebGpuProvider, run: () => void, passes: number, count: number): Promise<number[]> {
  for (let i = 0; i < count; i++) run();
  const events = await gpu.flush();
  if (events.length !== count * passes) throw new Error(`expected ${count * passes} kernel events, got ${events.length}`);
  const out: number[] = [];
  for (let r = 0; r < count; r++) out.push(events.slice(r * passes, (r + 1) * passes).reduce((s, e) => s + e.gpuUs, 0));
  return out;
}

export interface HeatResult {
  /** The load's µs per dispatch at the end. */
  heater_us: number | null;
  /** Whether it came within 2% of its best (false: gave up after GIVE_UP_MS). */
  settled: boolean;
}

export class ClockHeater {
  private best = Infinity;

  constructor(
    /** The provider now (a tool that reopens a lost device hands out the new one). */
    private readonly provider: () => WebGpuProvider,
    /** Records one dispatch of the load. */
    private readonly dispatch: () => void,
    /** GPU milliseconds of load at least, unless a call asks otherwise. */
    private readonly minMs: number,
  ) {}

  async heat(minMs = this.minMs): Promise<HeatResult> {
    const started = performance.now();
    let spentUs = 0;
    let count = 8;
    for (;;) {
      const times = await timeRuns(this.provider(), this.dispatch, 1, count);
      const per = median(times);
      this.best = Math.min(this.best, per);
      spentUs += times.reduce((x, y) => x + y, 0);
      const settled = per <= 1.02 * this.best;
      if ((spentUs >= minMs * 1000 && settled) || performance.now() - started > GIVE_UP_MS) return { heater_us: sig(per), settled };
      count = Math.min(256, Math.max(2, Math.ceil(WARM_BATCH_US / Math.max(per, 1))));
    }
  }
}

/**
 * A heater whose load is the engine's own 2048² GEMM on operands uploaded once (about 0.4 ms a
 * dispatch on an H100). `release()` gives its buffers back.
 */
export function gemmHeater(provider: WebGpuProvider, minMs: number): ClockHeater & { release(): void } {
  const n = 2048;
  const limits = {
    maxWorkgroupStorage: provider.limits.maxComputeWorkgroupStorageSize,
    maxInvocations: provider.limits.maxComputeInvocationsPerWorkgroup,
    maxWorkgroupsPerDimension: provider.limits.maxComputeWorkgroupsPerDimension,
  };
  const program = buildMatmul(
    { variant: 'tiled', m: n, n, k: n, transA: false, transB: false, epilogue: null, diagonalOnly: false },
    {},
    limits,
  );
  const operand = new Float32Array(n * n);
  for (let i = 0; i < operand.length; i++) operand[i] = ((i * 7919) % 17) / 8 - 1;
  const a: GpuArrayHandle = provider.upload(operand);
  const c: GpuArrayHandle = provider.allocate(n * n);
  const heater = new ClockHeater(() => provider, () => provider.dispatch(program, [a, a], c), minMs);
  return Object.assign(heater, {
    release(): void {
      if (provider.lost) return;
      provider.release(a);
      provider.release(c);
    },
  });
}
