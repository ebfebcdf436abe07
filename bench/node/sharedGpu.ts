// Node only: one Dawn adapter and ONE GPUDevice, shared by Matbook's WebGPU provider and the peer
// libraries (tfjs-backend-webgpu, jax-js), so every library in a run measures the same device.
//
// How: the engine acquires its device through `navigator.gpu` when that exists (device.ts), and
// so does jax-js (`init('webgpu')`). We open Dawn ourselves (nodeGpu.ts, with its SwiftShader
// fallback), then install a `navigator.gpu` whose adapter hands out one device: the first
// requestDevice() (the engine's, with its features and raised limits) creates it, later ones get
// the same object. tfjs takes the device directly (`new WebGPUBackend(device)`). No engine code
// changes; the shim lives for the whole process (bench runs are one-shot).

import { requestNodeAdapter } from '../../src/engine/providers/webgpu/nodeGpu.ts';
import { openWebGpu, type WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';
import type { AdapterSummary } from '../../src/worker/protocol.ts';

export interface SharedGpu {
  provider: WebGpuProvider;
  device: GPUDevice;
  /** The adapter's info (device name for the peak table: Dawn puts the GPU's name in `device`). */
  info: { vendor: string; architecture: string; device: string; description: string };
  /** The adapter's GPUAdapterInfo object (tfjs reads it to tune for some vendors). */
  adapterInfo: GPUAdapterInfo;
  /** Dawn's GPU instance: must outlive the device. */
  readonly instance: unknown;
}

export type SharedGpuResult = { ok: true; gpu: SharedGpu } | { ok: false; adapter: AdapterSummary };

export async function openSharedGpu(): Promise<SharedGpuResult> {
  const node = await requestNodeAdapter({ powerPreference: 'high-performance' });
  if (!node.ok) return { ok: false, adapter: noAdapter(node.reason) };
  const { gpu, adapter } = node.value;
  // An object, not a `let`: TypeScript does not see assignments made inside the closure.
  const shared: { device: Promise<GPUDevice> | null } = { device: null };
  const sharingAdapter = new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'requestDevice') {
        return (descriptor?: GPUDeviceDescriptor) => (shared.device ??= target.requestDevice(descriptor));
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const gpuShim = {
    requestAdapter: async () => sharingAdapter,
    getPreferredCanvasFormat: () => 'bgra8unorm' as const,
    wgslLanguageFeatures: gpu.wgslLanguageFeatures,
  };
  installNavigatorGpu(gpuShim);
  const opened = await openWebGpu();
  if (!opened.provider || !shared.device) return { ok: false, adapter: opened.adapter };
  const device = await shared.device;
  // Errors nobody captured (a pipeline that fails to build, a peer's bad encoder) go to stderr
  // as progress lines: Dawn would otherwise print them on stdout, inside the JSON report.
  device.addEventListener('uncapturederror', (event) => {
    process.stderr.write(`[bench gpu] uncaptured WebGPU error: ${(event as GPUUncapturedErrorEvent).error.message.split('\n')[0]}\n`);
    event.preventDefault();
  });
  const info = adapter.info;
  return {
    ok: true,
    gpu: {
      provider: opened.provider,
      device,
      info: { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description },
      adapterInfo: info,
      instance: gpu,
    },
  };
}

function installNavigatorGpu(gpu: object): void {
  const g = globalThis as { navigator?: { gpu?: object; hardwareConcurrency?: number } };
  // Node 21+ has a global navigator (no gpu): add one. Node 20 has none, and should an existing
  // one refuse the property, a plain object with what the libraries read takes its place.
  try {
    if (g.navigator !== undefined) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  } catch {
    // replaced below
  }
  if (g.navigator?.gpu !== gpu) {
    const replacement = { userAgent: `Node.js/${process.version}`, hardwareConcurrency: g.navigator?.hardwareConcurrency ?? 4, gpu };
    Object.defineProperty(globalThis, 'navigator', { value: replacement, configurable: true, writable: true });
  }
}

function noAdapter(reason: string): AdapterSummary {
  return { available: false, vendor: '', architecture: '', description: '', isFallbackAdapter: false, features: [], reason };
}
