// The WebGPU provider: f32 arrays resident on the GPU as pooled buffers, kernel programs
// dispatched in order and timed, results read back. It runs what it is given (KernelProgram
// data from src/engine/kernels); which kernel to run, and whether the GPU is worth it, is decided
// above it.
//
// Ordering guarantees (the provider contract, DESIGN.md "Kernels and the WebGPU provider"):
// - upload() writes through the queue at once; a later dispatch sees the data.
// - dispatch() only records; dispatches run in the order they were recorded, at the next
//   flush() or download(), many per submit.
// - download() and flush() are serialised: each sees all work recorded before it was called.
// - release() may be called right after the last dispatch that reads a handle: the buffer goes
//   back to the pool only once that dispatch has been submitted, so a later upload that reuses
//   it cannot overwrite data a pending kernel still has to read.

import type { ElementwiseOp } from '../../graph/elementwiseOps.ts';
import { buildElementwise } from '../../kernels/elementwise.ts';
import type { KernelProgram } from '../../kernels/program.ts';
import type { AdapterSummary, KernelEvent } from '../../../worker/protocol.ts';
import type { HostArray } from '../provider.ts';
import { BufferPool, type BufferPoolStats } from './bufferPool.ts';
import { acquireDevice, type DeviceOptions } from './device.ts';
import { PipelineCache, type CompiledPipeline, type PipelineCacheStats } from './pipelineCache.ts';
import { Readback } from './readback.ts';
import { kernelEvent, MAX_TIMED_PASSES, TimestampBatch, wallSpan, type PassSpan, type TimingMethod } from './timing.ts';

/** An f32 array on the GPU. Opaque: only the provider that made it can use it. */
export interface GpuArrayHandle {
  readonly id: number;
  /** Number of f32 elements. */
  readonly length: number;
}

export interface WebGpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupSizeX: number;
  maxComputeWorkgroupsPerDimension: number;
  /** Storage buffers one kernel may bind (8 by default; the planner splits kernels that need more). */
  maxStorageBuffersPerShaderStage: number;
  /** Present when the `subgroups` feature is enabled (adapter.info). */
  subgroupMinSize?: number;
  subgroupMaxSize?: number;
}

export interface WebGpuProviderOptions extends DeviceOptions {
  /** Print the WGSL of each newly compiled kernel whose name contains this string ('' = all). */
  printWgsl?: string;
}

export interface WebGpuProvider {
  readonly name: 'webgpu';
  readonly adapter: AdapterSummary;
  readonly limits: WebGpuLimits;
  /** How kernel times are measured on this device. */
  readonly timing: TimingMethod;
  /** true once the device was lost (not by destroy()); every call then throws. */
  readonly lost: boolean;
  readonly lostMessage: string;
  /** Copies `data` to a new GPU array, as f32. */
  upload(data: Float64Array | Float32Array): GpuArrayHandle;
  /** A new GPU array of `length` f32 elements: zeroed when `zeroed`, else unspecified contents. */
  allocate(length: number, zeroed?: boolean): GpuArrayHandle;
  /** Submits recorded work, then reads the array back. */
  download(handle: GpuArrayHandle): Promise<Float32Array>;
  /** Gives the array's buffer back to the pool (after any recorded dispatch reading it is submitted). */
  release(handle: GpuArrayHandle): void;
  /**
   * Records `program` reading `inputs` (its `read` bindings, in order) and writing `output`
   * (its `read_write` bindings, in order). Starts compiling the pipeline if it is new.
   */
  dispatch(program: KernelProgram, inputs: readonly GpuArrayHandle[], output: GpuArrayHandle | readonly GpuArrayHandle[]): void;
  /** Submits everything recorded and returns one kernel event per dispatch since the last flush, in order. */
  flush(): Promise<KernelEvent[]>;
  /** Upload, one elementwise kernel, download: the whole round trip for one op (tests, self-test). */
  elementwise(op: ElementwiseOp, inputs: readonly HostArray[], outShape: readonly number[]): Promise<{ data: Float64Array; kernel: KernelEvent }>;
  /** Bytes of GPU storage buffers handed out to live arrays (pool class sizes). */
  memoryInUse(): number;
  stats(): { storage: BufferPoolStats; pipelines: PipelineCacheStats };
  /** Frees every buffer and the device. The provider is unusable afterwards. */
  destroy(): void;
  /**
   * Destroys the device as a driver reset would, and reports it as lost (not as our own
   * destroy): how the fallback to the CPU is tested, in Node and in the page.
   */
  simulateDeviceLoss(reason: string): void;
}

export type OpenWebGpuResult = { provider: WebGpuProvider; adapter: AdapterSummary } | { provider: null; adapter: AdapterSummary };

/** Opens the provider, or says why it can't (adapter.reason) when WebGPU is unavailable. */
export async function openWebGpu(options: WebGpuProviderOptions = {}): Promise<OpenWebGpuResult> {
  const acquired = await acquireDevice(options);
  if (!acquired.ok) return { provider: null, adapter: acquired.summary };
  const provider = new WebGpuProviderImpl(acquired.value, options);
  return { provider, adapter: provider.adapter };
}

/** The provider, or null when no adapter is available (openWebGpu gives the reason). */
export async function createWebGpuProvider(options: WebGpuProviderOptions = {}): Promise<WebGpuProvider | null> {
  return (await openWebGpu(options)).provider;
}

interface PendingDispatch {
  /** Position in recording order: release() compares it with what has been submitted. */
  seq: number;
  program: KernelProgram;
  pipeline: Promise<CompiledPipeline>;
  inputs: GPUBuffer[];
  outputs: GPUBuffer[];
  uniform: GPUBuffer | null;
}

interface SequencedEvent {
  seq: number;
  event: KernelEvent;
}

class WebGpuProviderImpl implements WebGpuProvider {
  readonly name = 'webgpu';
  readonly adapter: AdapterSummary;
  readonly limits: WebGpuLimits;
  readonly timing: TimingMethod;

  private readonly device: GPUDevice;
  private readonly loss: { lost: boolean; message: string };
  private readonly storage: BufferPool;
  private readonly uniforms: BufferPool;
  private readonly pipelines: PipelineCache;
  private readonly readback: Readback;
  private readonly buffers = new Map<number, GPUBuffer>();
  private nextHandleId = 1;

  private pending: PendingDispatch[] = [];
  /** Sequence number of the last recorded dispatch, and of the last one submitted. */
  private recordedSeq = 0;
  private submittedSeq = 0;
  /** Buffers whose release waits until dispatch `seq` has been submitted. */
  private deferredReleases: { seq: number; pool: BufferPool; buffer: GPUBuffer }[] = [];
  /** Events of submitted work not yet handed out: the next flush() returns them. */
  private carriedEvents: SequencedEvent[] = [];
  /** Dispatches whose event belongs to an elementwise() call, not to flush(). */
  private readonly claimedSeqs = new Set<number>();
  /** Tail of the serialised flush/download chain. */
  private queueTail: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  private readonly keepAlive: unknown;

  constructor(acquired: import('./device.ts').AcquiredDevice, options: WebGpuProviderOptions) {
    this.device = acquired.device;
    this.adapter = acquired.summary;
    this.loss = acquired.loss;
    this.keepAlive = acquired.gpuInstance;
    this.timing = acquired.hasTimestampQuery ? 'timestamp' : 'wall';
    const l = this.device.limits;
    const info = acquired.adapter.info;
    this.limits = {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
      ...(acquired.hasSubgroups ? { subgroupMinSize: info.subgroupMinSize, subgroupMaxSize: info.subgroupMaxSize } : {}),
    };
    this.storage = new BufferPool(this.device, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'array');
    this.uniforms = new BufferPool(this.device, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'uniforms');
    const printFilter = options.printWgsl;
    this.pipelines = new PipelineCache(
      this.device,
      printFilter === undefined
        ? undefined
        : (program) => {
            if (program.name.includes(printFilter)) console.log(`// ${program.name}/${program.variant} ${program.cacheKey}\n${program.wgsl}`);
          },
    );
    this.readback = new Readback(this.device);
  }

  get lost(): boolean {
    return this.loss.lost;
  }

  get lostMessage(): string {
    return this.loss.message;
  }

  upload(data: Float64Array | Float32Array): GpuArrayHandle {
    this.checkUsable();
    const f32 = data instanceof Float32Array ? data : Float32Array.from(data);
    const buffer = this.storage.acquire(f32.byteLength);
    if (f32.length > 0) this.device.queue.writeBuffer(buffer, 0, f32.buffer, f32.byteOffset, f32.byteLength);
    return this.register(buffer, f32.length);
  }

  allocate(length: number, zeroed = false): GpuArrayHandle {
    this.checkUsable();
    const buffer = this.storage.acquire(length * 4);
    if (zeroed) {
      // clearBuffer is an encoder command: submit it now so it is ordered before later work.
      const encoder = this.device.createCommandEncoder({ label: 'zero' });
      encoder.clearBuffer(buffer);
      this.device.queue.submit([encoder.finish()]);
    }
    return this.register(buffer, length);
  }

  release(handle: GpuArrayHandle): void {
    // destroy() already freed every buffer; a finalizer may still hand back a handle afterwards.
    if (this.destroyed) return;
    const buffer = this.buffers.get(handle.id);
    if (!buffer) throw new Error(`release: GPU array ${handle.id} is not live (released twice?)`);
    this.buffers.delete(handle.id);
    this.releaseAfterSubmit(this.storage, buffer);
  }

  dispatch(program: KernelProgram, inputs: readonly GpuArrayHandle[], output: GpuArrayHandle | readonly GpuArrayHandle[]): void {
    this.recordDispatch(program, inputs, isHandleList(output) ? output : [output]);
  }

  flush(): Promise<KernelEvent[]> {
    return this.serialised(async () => {
      await this.submitPending();
      const events = this.carriedEvents.filter((e) => !this.claimedSeqs.has(e.seq));
      this.carriedEvents = this.carriedEvents.filter((e) => this.claimedSeqs.has(e.seq));
      return events.map((e) => e.event);
    });
  }

  download(handle: GpuArrayHandle): Promise<Float32Array> {
    const buffer = this.bufferOf(handle);
    return this.serialised(async () => {
      await this.submitPending();
      return new Float32Array(await this.readback.read(buffer, handle.length * 4));
    });
  }

  async elementwise(op: ElementwiseOp, inputs: readonly HostArray[], outShape: readonly number[]): Promise<{ data: Float64Array; kernel: KernelEvent }> {
    const program = buildElementwise({
      op,
      inputShapes: inputs.map((x) => x.shape),
      outShape,
      maxWorkgroupsPerDimension: this.limits.maxComputeWorkgroupsPerDimension,
    });
    const handles = inputs.map((x) => this.upload(x.data));
    const out = this.allocate(outShape.reduce((n, d) => n * d, 1));
    const seq = this.recordDispatch(program, handles, [out]);
    // This dispatch's event goes to the caller; others submitted alongside stay for flush().
    this.claimedSeqs.add(seq);
    for (const h of handles) this.release(h);
    try {
      const data = await this.download(out);
      const mine = this.carriedEvents.find((e) => e.seq === seq);
      if (!mine) throw new Error('elementwise: kernel event missing');
      return { data: Float64Array.from(data), kernel: mine.event };
    } finally {
      this.claimedSeqs.delete(seq);
      this.carriedEvents = this.carriedEvents.filter((e) => e.seq !== seq);
      this.release(out);
    }
  }

  memoryInUse(): number {
    return this.storage.snapshot().bytesInUse;
  }

  stats(): { storage: BufferPoolStats; pipelines: PipelineCacheStats } {
    return { storage: this.storage.snapshot(), pipelines: this.pipelines.snapshot() };
  }

  simulateDeviceLoss(reason: string): void {
    this.loss.lost = true;
    this.loss.message = reason;
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const d of this.pending) if (d.uniform) this.uniforms.release(d.uniform);
    this.pending = [];
    this.buffers.clear();
    this.storage.destroy();
    this.uniforms.destroy();
    this.readback.destroy();
    this.device.destroy();
    void this.keepAlive;
  }

  // ---- internals ----

  private register(buffer: GPUBuffer, length: number): GpuArrayHandle {
    const id = this.nextHandleId++;
    this.buffers.set(id, buffer);
    return { id, length };
  }

  private bufferOf(handle: GpuArrayHandle): GPUBuffer {
    this.checkUsable();
    const buffer = this.buffers.get(handle.id);
    if (!buffer) throw new Error(`GPU array ${handle.id} is not live (used after release?)`);
    return buffer;
  }

  private checkUsable(): void {
    if (this.destroyed) throw new Error('WebGPU provider used after destroy()');
    if (this.loss.lost) throw new Error(`WebGPU device lost: ${this.loss.message}`);
  }

  private recordDispatch(program: KernelProgram, inputs: readonly GpuArrayHandle[], outputs: readonly GpuArrayHandle[]): number {
    const reads = program.bindings.filter((b) => b.kind === 'read').length;
    const writes = program.bindings.filter((b) => b.kind === 'read_write').length;
    if (inputs.length !== reads || outputs.length !== writes) {
      throw new Error(`${program.name}/${program.variant}: needs ${reads} input(s) and ${writes} output(s), got ${inputs.length} and ${outputs.length}`);
    }
    const hasUniform = program.bindings.some((b) => b.kind === 'uniform');
    let uniform: GPUBuffer | null = null;
    if (hasUniform) {
      // Each dispatch gets its own uniform buffer, written now: later dispatches can't clobber it.
      uniform = this.uniforms.acquire(program.uniforms.byteLength);
      this.device.queue.writeBuffer(uniform, 0, program.uniforms);
    }
    const seq = ++this.recordedSeq;
    this.pending.push({
      seq,
      program,
      pipeline: this.pipelines.get(program),
      inputs: inputs.map((h) => this.bufferOf(h)),
      outputs: outputs.map((h) => this.bufferOf(h)),
      uniform,
    });
    return seq;
  }

  private releaseAfterSubmit(pool: BufferPool, buffer: GPUBuffer): void {
    if (this.submittedSeq >= this.recordedSeq) pool.release(buffer);
    else this.deferredReleases.push({ seq: this.recordedSeq, pool, buffer });
  }

  private markSubmitted(seq: number): void {
    this.submittedSeq = seq;
    const ready = this.deferredReleases.filter((r) => r.seq <= seq);
    this.deferredReleases = this.deferredReleases.filter((r) => r.seq > seq);
    for (const r of ready) r.pool.release(r.buffer);
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queueTail.then(task);
    this.queueTail = run.catch(() => undefined);
    return run;
  }

  /** Encodes and submits every pending dispatch (compiling first), collecting their events. */
  private async submitPending(): Promise<void> {
    this.checkUsable();
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const lastSeq = batch[batch.length - 1].seq;
    let compiled: CompiledPipeline[];
    try {
      compiled = await Promise.all(batch.map((d) => d.pipeline));
    } catch (error) {
      // Nothing of this batch will run: free its uniforms and let deferred releases go.
      for (const d of batch) this.releaseUniform(d);
      this.markSubmitted(lastSeq);
      throw error;
    }
    const work = batch.map((d, i) => ({ dispatch: d, compiled: compiled[i] }));
    try {
      if (this.timing === 'timestamp') await this.submitTimed(work);
      else await this.submitWallTimed(work);
    } finally {
      for (const d of batch) this.releaseUniform(d);
      this.markSubmitted(lastSeq);
    }
  }

  private async submitTimed(work: { dispatch: PendingDispatch; compiled: CompiledPipeline }[]): Promise<void> {
    for (let start = 0; start < work.length; start += MAX_TIMED_PASSES) {
      const chunk = work.slice(start, start + MAX_TIMED_PASSES);
      const nonEmpty = chunk.filter((w) => hasWork(w.dispatch.program));
      const timer = nonEmpty.length > 0 ? new TimestampBatch(this.device, nonEmpty.length) : null;
      // The scope covers encoding too: a bad bind group is reported there, not at submit.
      this.device.pushErrorScope('validation');
      const encoder = this.device.createCommandEncoder({ label: 'matbook kernels' });
      nonEmpty.forEach((w, i) => this.encodePass(encoder, w.dispatch, w.compiled, timer?.passWrites(i)));
      timer?.encodeResolve(encoder);
      this.device.queue.submit([encoder.finish()]);
      await this.throwOnValidationError(chunk);
      const spans = timer ? await timer.readSpans() : [];
      let t = 0;
      for (const w of chunk) {
        const span = hasWork(w.dispatch.program) ? spans[t++] : undefined;
        this.carriedEvents.push({ seq: w.dispatch.seq, event: kernelEvent(w.dispatch.program, span?.us ?? 0, 'timestamp', span?.startUs) });
      }
    }
  }

  /** No timestamps: one submit per dispatch, each timed to onSubmittedWorkDone. */
  private async submitWallTimed(work: { dispatch: PendingDispatch; compiled: CompiledPipeline }[]): Promise<void> {
    // Let earlier uploads finish so they are not billed to the first kernel.
    await this.device.queue.onSubmittedWorkDone();
    for (const w of work) {
      let span: PassSpan | undefined;
      if (hasWork(w.dispatch.program)) {
        this.device.pushErrorScope('validation');
        const encoder = this.device.createCommandEncoder({ label: w.dispatch.program.name });
        this.encodePass(encoder, w.dispatch, w.compiled, undefined);
        const commands = encoder.finish();
        span = await wallSpan(this.device.queue, () => this.device.queue.submit([commands]));
        await this.throwOnValidationError([w]);
      }
      this.carriedEvents.push({ seq: w.dispatch.seq, event: kernelEvent(w.dispatch.program, span?.us ?? 0, 'wall', span?.startUs) });
    }
  }

  private encodePass(
    encoder: GPUCommandEncoder,
    dispatch: PendingDispatch,
    compiled: CompiledPipeline,
    timestampWrites: GPUComputePassTimestampWrites | undefined,
  ): void {
    const { program } = dispatch;
    let read = 0;
    let written = 0;
    const entries: GPUBindGroupEntry[] = program.bindings.map((b) => {
      const buffer = b.kind === 'read' ? dispatch.inputs[read++] : b.kind === 'read_write' ? dispatch.outputs[written++] : dispatch.uniform!;
      return { binding: b.binding, resource: { buffer } };
    });
    const bindGroup = this.device.createBindGroup({ layout: compiled.bindGroupLayout, entries, label: program.name });
    const pass = encoder.beginComputePass({ label: `${program.name}/${program.variant}`, ...(timestampWrites ? { timestampWrites } : {}) });
    pass.setPipeline(compiled.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(...program.workgroups);
    pass.end();
  }

  private async throwOnValidationError(work: { dispatch: PendingDispatch }[]): Promise<void> {
    const error = await this.device.popErrorScope();
    if (error) {
      const kernels = work.map((w) => `${w.dispatch.program.name}/${w.dispatch.program.variant}`).join(', ');
      throw new Error(`WebGPU validation error while running ${kernels}: ${error.message}`);
    }
  }

  private releaseUniform(dispatch: PendingDispatch): void {
    if (dispatch.uniform) {
      this.uniforms.release(dispatch.uniform);
      dispatch.uniform = null;
    }
  }
}

function hasWork(program: KernelProgram): boolean {
  return program.workgroups.every((n) => n > 0);
}

function isHandleList(output: GpuArrayHandle | readonly GpuArrayHandle[]): output is readonly GpuArrayHandle[] {
  return Array.isArray(output);
}
