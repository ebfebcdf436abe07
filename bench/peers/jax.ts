// jax-js as a peer, on the shared GPUDevice: its init('webgpu') asks navigator.gpu for an adapter
// and a device, and in Node the bench's navigator.gpu (bench/node/sharedGpu.ts) hands it the
// device the engine uses. Arrays are reference-counted (`.ref` keeps an argument alive); the
// chain runs under jit, which fuses it into one kernel, as jax-js recommends. GPU time comes
// from jax-js's profiler: with tracing on it writes timestamp queries around each dispatch and
// reports them as performance.measure entries on its 'webgpu' track, which are read back here.

import type { PeerBackend, PeerSetup } from '../core/peers.ts';

type Jax = typeof import('@jax-js/jax');
type JaxArray = import('@jax-js/jax').Array;

interface MeasureDetail {
  devtools?: { trackGroup?: string; track?: string };
}

function jaxMeasures(): PerformanceEntry[] {
  return performance.getEntriesByType('measure').filter((e) => {
    const detail = (e as PerformanceMeasure).detail as MeasureDetail | null;
    return detail?.devtools?.trackGroup === 'JAX Profiler' && detail.devtools.track === 'webgpu';
  });
}

export async function openJaxPeer(device: GPUDevice, version: string): Promise<PeerSetup> {
  const id = 'jax';
  const label = `@jax-js/jax ${version}`;
  try {
    const jax: Jax = await import('@jax-js/jax');
    const devices = await jax.init('webgpu');
    if (!devices.includes('webgpu')) return { backend: null, id, label, skipped: 'jax.init("webgpu") found no WebGPU device' };
    jax.defaultDevice('webgpu');
    if (jax.getWebGPUDevice() !== device) return { backend: null, id, label, skipped: 'jax-js opened another GPUDevice than the shared one' };
    const np = jax.numpy;
    const chain = jax.jit((x: JaxArray) => np.tanh(x.ref.mul(2).add(1)).sub(np.square(x).mul(0.5)));
    const peer: PeerBackend<JaxArray> = {
      id,
      label,
      method: {
        sync: 'Array.blockUntilReady() (dispatches pending work, then a zero-length read)',
        gpu_time: "jax-js profiler: timestamp queries around each dispatch, read from its performance.measure entries ('webgpu' track)",
      },
      upload: (data, shape) => np.array(data).reshape([...shape]),
      dispose: (t) => t.dispose(),
      matmul: (a, b) => np.matmul(a.ref, b.ref),
      chain: (x) => chain(x.ref),
      sum: (x) => np.sum(x.ref),
      sync: async (t) => {
        await t.blockUntilReady();
      },
      timed: async (op) => {
        performance.clearMeasures();
        jax.profiler.startTrace();
        const out = op();
        await out.blockUntilReady();
        jax.profiler.stopTrace();
        out.dispose();
        await device.queue.onSubmittedWorkDone();
        // The trace's timestamps are mapped asynchronously after the batch is flushed.
        let entries = jaxMeasures();
        for (let i = 0; i < 200 && entries.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 5));
          entries = jaxMeasures();
        }
        if (entries.length === 0) return null;
        const gpuUs = entries.reduce((s, e) => s + e.duration, 0) * 1000;
        return { gpuUs, kernels: entries.map((e) => e.name) };
      },
      readFirst: async (t) => (await t.ref.data())[0] as number,
      close: () => undefined,
    };
    return { backend: peer as PeerBackend, id, label };
  } catch (e) {
    return { backend: null, id, label, skipped: `could not start: ${e instanceof Error ? e.message : String(e)}` };
  }
}
