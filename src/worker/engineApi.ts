// The EngineApi implementation: one Session plus the WebGPU provider, as the worker exposes it.
// Kept apart from the worker entry so it can be tested in Node without a Worker.

import { Session } from '../engine/session.ts';
import { runInSession } from '../engine/runJson.ts';
import { gpuSelfTest } from '../engine/gpuSelfTest.ts';
import { openWebGpu, type WebGpuProvider } from '../engine/providers/webgpu/index.ts';
import type { AdapterSummary, EngineApi, EngineEvent, GpuPolicy, InitOptions } from './protocol.ts';

const NO_ADAPTER: AdapterSummary = {
  available: false,
  vendor: '',
  architecture: '',
  description: '',
  isFallbackAdapter: false,
  features: [],
  reason: 'not initialised',
};

export function createEngineApi(): EngineApi {
  let session = new Session({ gpu: 'auto' });
  let gpu: WebGpuProvider | null = null;
  let adapter: AdapterSummary = NO_ADAPTER;
  let interruptFlag: Int32Array | null = null;
  let opening: Promise<void> | null = null;

  /** Opens the adapter once (whatever the policy: the status bar always names it). */
  const openGpu = (): Promise<void> => {
    if (gpu && !gpu.lost) return Promise.resolve();
    opening ??= openWebGpu().then(
      (r) => {
        gpu = r.provider;
        adapter = r.adapter;
        opening = null;
      },
      (e: unknown) => {
        adapter = { ...NO_ADAPTER, reason: e instanceof Error ? e.message : String(e) };
        opening = null;
      },
    );
    return opening;
  };

  const freshSession = (policy: GpuPolicy): Session => {
    const s = new Session({ gpu: policy });
    s.attachGpu(gpu);
    return s;
  };

  return {
    async init(options: InitOptions) {
      interruptFlag = options.interruptFlag ?? null;
      await openGpu();
      session.gpu = options.gpu;
      session.attachGpu(gpu);
      session.interruptFlag = interruptFlag;
      return adapter;
    },
    async run(_cellId: string, source: string, onEvent: (event: EngineEvent) => void) {
      if (interruptFlag) Atomics.store(interruptFlag, 0, 0);
      await session.run(source, onEvent);
    },
    async runJson(source: string, policy: GpuPolicy) {
      await openGpu();
      return runInSession(freshSession(policy), source);
    },
    async reset() {
      session = freshSession(session.gpu);
      session.interruptFlag = interruptFlag;
    },
    async workspace() {
      return session.workspace();
    },
    async preview(name: string) {
      return session.preview(name);
    },
    async complete(prefix: string) {
      // `s.inner.ab`: the fields of s.inner that start with `ab`.
      const dot = prefix.lastIndexOf('.');
      if (dot >= 0) return session.fieldCompletions(prefix.slice(0, dot), prefix.slice(dot + 1));
      return session.complete(prefix);
    },
    async hover(name: string) {
      return session.hover(name);
    },
    async parse(source: string) {
      return session.parseErrors(source);
    },
    async slice(name: string, page: number, rowStart: number, rowCount: number, colStart: number, colCount: number) {
      return session.slice(name, page, rowStart, rowCount, colStart, colCount);
    },
    async kernelSource(sourceId: string) {
      return session.kernelSource(sourceId);
    },
    async memory() {
      return session.memory();
    },
    async listBuiltins() {
      return session.builtinDocs();
    },
    async loseDevice() {
      if (!gpu || gpu.lost) return false;
      gpu.simulateDeviceLoss('test');
      return true;
    },
    async gpuSelfTest() {
      await openGpu();
      if (!gpu) return { ok: false, maxAbsDiff: NaN, n: 0, kernel: null, adapter };
      return { ...(await gpuSelfTest(gpu)), adapter };
    },
  };
}
