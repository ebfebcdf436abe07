// A WebGPU provider that runs nothing: it records each dispatch (kernel name and variant), checks
// the binding counts as the real provider does, and reads back zeros. Planner tests attach it to a
// Session so MATLAB source goes through the interpreter, the GPU lowering and the planner exactly
// as with a GPU, without one: the plan decisions and the kernel list are what they check.

import type { WebGpuProvider, GpuArrayHandle } from '../../../src/engine/providers/webgpu/index.ts';
import type { KernelProgram } from '../../../src/engine/kernels/program.ts';
import type { KernelEvent } from '../../../src/worker/protocol.ts';

export interface RecordingProvider extends WebGpuProvider {
  /** Every dispatch since the provider was made, as `name/variant`. */
  readonly dispatched: string[];
}

export function recordingProvider(): RecordingProvider {
  const live = new Map<number, number>();
  let nextId = 1;
  let pending: KernelEvent[] = [];
  const dispatched: string[] = [];
  const handle = (length: number): GpuArrayHandle => {
    const id = nextId++;
    live.set(id, length);
    return { id, length };
  };
  const check = (h: GpuArrayHandle): void => {
    if (!live.has(h.id)) throw new Error(`recording provider: GPU array ${h.id} is not live`);
  };
  return {
    name: 'webgpu',
    dispatched,
    adapter: { available: true, vendor: 'test', architecture: 'recording', description: 'records dispatches, computes nothing', isFallbackAdapter: true, features: [] },
    limits: {
      maxStorageBufferBindingSize: 2 ** 30,
      maxBufferSize: 2 ** 30,
      maxComputeWorkgroupStorageSize: 16384,
      maxComputeInvocationsPerWorkgroup: 256,
      maxComputeWorkgroupSizeX: 256,
      maxComputeWorkgroupsPerDimension: 65535,
      maxStorageBuffersPerShaderStage: 8,
    },
    timing: 'wall',
    lost: false,
    lostMessage: '',
    upload: (data) => handle(data.length),
    allocate: (length) => handle(length),
    download: async (h) => {
      check(h);
      return new Float32Array(h.length);
    },
    release: (h) => {
      if (!live.delete(h.id)) throw new Error(`recording provider: GPU array ${h.id} released twice`);
    },
    dispatch: (program: KernelProgram, inputs, output) => {
      const outputs = Array.isArray(output) ? output : [output as GpuArrayHandle];
      const reads = program.bindings.filter((b) => b.kind === 'read').length;
      const writes = program.bindings.filter((b) => b.kind === 'read_write').length;
      if (inputs.length !== reads || outputs.length !== writes) {
        throw new Error(`${program.name}/${program.variant}: needs ${reads} input(s) and ${writes} output(s), got ${inputs.length} and ${outputs.length}`);
      }
      for (const h of [...inputs, ...outputs]) check(h);
      dispatched.push(`${program.name}/${program.variant}`);
      pending.push({ type: 'kernel', name: program.name, variant: program.variant, shapes: program.shapes.map((s) => [...s]), gpuUs: 0, timing: 'wall' });
    },
    flush: async () => {
      const events = pending;
      pending = [];
      return events;
    },
    elementwise: async () => {
      throw new Error('recording provider: elementwise round trips are not recorded');
    },
    memoryInUse: () => [...live.values()].reduce((s, n) => s + 4 * n, 0),
    stats: () => ({ storage: { created: nextId - 1, reused: 0, bytesInUse: 0, bytesPooled: 0 }, pipelines: { hits: 0, compiles: 0, sharedInFlight: 0 } }),
    destroy: () => undefined,
    simulateDeviceLoss: () => {
      throw new Error('recording provider: no device to lose');
    },
  };
}
