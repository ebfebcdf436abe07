// GPU time per dispatch, and the KernelEvent each dispatch yields.
//
// With `timestamp-query`, every dispatch gets its own compute pass whose beginning and end write
// a timestamp into a query set; after the submit the query set is resolved into a buffer and read
// back, so many dispatches share one submit and still get their own times. Without it, the only
// clock is wall time around `queue.onSubmittedWorkDone()`, which can time a submit but not the
// dispatches inside it: the provider then submits dispatches one at a time (slower, but the
// numbers are honest), see WebGpuProvider.flush.

import type { KernelEvent } from '../../../worker/protocol.ts';
import type { KernelProgram } from '../../kernels/program.ts';
import { kernelSources, sourceIdOf } from './kernelSources.ts';

export type TimingMethod = KernelEvent['timing'];

/** A query set holds at most 4096 queries (two per pass), so one batch times at most 2048 passes. */
export const MAX_TIMED_PASSES = 2048;

/** When a dispatch started and how long it ran, in µs (the start on the timing method's own clock). */
export interface PassSpan {
  startUs: number;
  us: number;
}

/** Timestamps for up to MAX_TIMED_PASSES compute passes encoded into one command encoder. */
export class TimestampBatch {
  private readonly querySet: GPUQuerySet;
  private readonly resolveBuffer: GPUBuffer;
  private readonly readBuffer: GPUBuffer;

  constructor(
    device: GPUDevice,
    private readonly passes: number,
  ) {
    if (passes < 1 || passes > MAX_TIMED_PASSES) throw new Error(`TimestampBatch: ${passes} passes (1..${MAX_TIMED_PASSES})`);
    const bytes = passes * 2 * 8;
    this.querySet = device.createQuerySet({ type: 'timestamp', count: passes * 2, label: 'pass timestamps' });
    this.resolveBuffer = device.createBuffer({ size: bytes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.readBuffer = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  /** The timestampWrites for pass `index` of the batch. */
  passWrites(index: number): GPUComputePassTimestampWrites {
    return { querySet: this.querySet, beginningOfPassWriteIndex: 2 * index, endOfPassWriteIndex: 2 * index + 1 };
  }

  /** Encodes the resolve and copy; call after the batch's passes, before finishing the encoder. */
  encodeResolve(encoder: GPUCommandEncoder): void {
    encoder.resolveQuerySet(this.querySet, 0, this.passes * 2, this.resolveBuffer, 0);
    encoder.copyBufferToBuffer(this.resolveBuffer, 0, this.readBuffer, 0, this.passes * 2 * 8);
  }

  /** After the submit: each pass's start (device clock) and GPU time, in µs. Frees the batch's GPU objects. */
  async readSpans(): Promise<PassSpan[]> {
    try {
      await this.readBuffer.mapAsync(GPUMapMode.READ);
      const stamps = new BigUint64Array(this.readBuffer.getMappedRange().slice(0));
      this.readBuffer.unmap();
      const out: PassSpan[] = [];
      for (let i = 0; i < this.passes; i++) {
        // Timestamps are ns; some drivers quantise them or let end < begin on a tiny pass.
        const ns = Number(stamps[2 * i + 1] - stamps[2 * i]);
        out.push({ startUs: Number(stamps[2 * i]) / 1000, us: Math.max(0, ns) / 1000 });
      }
      return out;
    } finally {
      this.querySet.destroy();
      this.resolveBuffer.destroy();
      this.readBuffer.destroy();
    }
  }
}

/**
 * Wall-clock µs for the work submitted by `submit`, measured to onSubmittedWorkDone, with its
 * start on the performance clock (µs).
 */
export async function wallSpan(queue: GPUQueue, submit: () => void): Promise<PassSpan> {
  const start = performance.now();
  submit();
  await queue.onSubmittedWorkDone();
  return { startUs: start * 1000, us: (performance.now() - start) * 1000 };
}

/**
 * The event for one dispatch. Achieved throughput is reported for what bounds the kernel
 * (program.boundBy): GFLOP/s for compute-bound kernels, GB/s for memory-bound ones. The event
 * names the kernel's WGSL by id; the text goes to the bounded kernelSources store.
 */
export function kernelEvent(program: KernelProgram, gpuUs: number, timing: TimingMethod, startUs?: number): KernelEvent {
  const sourceId = sourceIdOf(program);
  kernelSources.remember(sourceId, program.wgsl);
  const event: KernelEvent = {
    type: 'kernel',
    name: program.name,
    variant: program.variant,
    shapes: program.shapes.map((s) => [...s]),
    gpuUs,
    timing,
    sourceId,
  };
  if (startUs !== undefined) event.startUs = startUs;
  if (gpuUs > 0) {
    // flops / (µs · 1e3) = GFLOP/s; bytes / (µs · 1e3) = GB/s.
    if (program.boundBy === 'flops') event.gflops = program.flops / (gpuUs * 1e3);
    else event.gbps = program.bytes / (gpuUs * 1e3);
  }
  return event;
}
