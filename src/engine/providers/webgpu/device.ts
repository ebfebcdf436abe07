// Acquiring the GPUDevice: the adapter (navigator.gpu in a page or worker, Dawn in Node), the
// device created with the adapter's own limits and the optional features Matbook uses, an
// AdapterSummary for the UI/CLI, and device-loss bookkeeping. What to do after a loss (fall back
// to the CPU provider, tell the user) is the session's decision, not this file's.

import type { AdapterSummary } from '../../../worker/protocol.ts';

/** Limits raised from the WebGPU defaults to whatever the adapter offers: big buffers, big workgroups. */
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Optional features requested when the adapter has them. */
const WANTED_FEATURES: readonly GPUFeatureName[] = ['subgroups', 'timestamp-query'];

export interface AcquiredDevice {
  device: GPUDevice;
  adapter: GPUAdapter;
  summary: AdapterSummary;
  /** Features actually enabled on the device. */
  hasTimestampQuery: boolean;
  hasSubgroups: boolean;
  /** Filled in when the device is lost for any reason other than our own destroy(). */
  loss: { lost: boolean; message: string };
  /** Node: Dawn's GPU instance, held so it outlives its adapter and device. */
  gpuInstance: unknown;
}

export type DeviceResult = { ok: true; value: AcquiredDevice } | { ok: false; summary: AdapterSummary };

export interface DeviceOptions {
  powerPreference?: GPUPowerPreference;
  /** Leave timestamp-query off even when offered (exercises the wall-clock timing path). */
  disableTimestampQuery?: boolean;
}

export async function acquireDevice(options: DeviceOptions = {}): Promise<DeviceResult> {
  const adapterOptions: GPURequestAdapterOptions = { powerPreference: options.powerPreference ?? 'high-performance' };
  let adapter: GPUAdapter | null = null;
  let keepAlive: unknown = null;
  if (typeof navigator !== 'undefined' && navigator.gpu) {
    adapter = await navigator.gpu.requestAdapter(adapterOptions);
    if (!adapter) return unavailable('navigator.gpu.requestAdapter() returned no adapter');
  } else if (typeof process !== 'undefined' && process.versions?.node) {
    const { requestNodeAdapter } = await import('./nodeGpu.ts');
    const node = await requestNodeAdapter(adapterOptions);
    if (!node.ok) return unavailable(node.reason);
    adapter = node.value.adapter;
    keepAlive = node.value.gpu;
  } else {
    return unavailable('this environment has no WebGPU (navigator.gpu is undefined)');
  }

  const requiredFeatures = WANTED_FEATURES.filter(
    (f) => adapter.features.has(f) && !(options.disableTimestampQuery && f === 'timestamp-query'),
  );
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const value = adapter.limits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredFeatures, requiredLimits, label: 'matbook' });
  } catch (error) {
    return unavailable(`requestDevice failed: ${String(error)}`);
  }

  // An error no scope captured is a bug of ours (a kernel the device refused): say so on the
  // console (stderr in Node), never where Dawn would print it by default, stdout, which carries
  // the CLI's JSON.
  device.addEventListener('uncapturederror', (event) => {
    console.error(`matbook: uncaptured WebGPU error: ${(event as GPUUncapturedErrorEvent).error.message}`);
    event.preventDefault();
  });

  const loss = { lost: false, message: '' };
  void device.lost.then((info) => {
    // Our own destroy() also resolves `lost`; only a loss we did not ask for counts.
    if (info.reason === 'destroyed') return;
    loss.lost = true;
    loss.message = info.message || 'WebGPU device lost';
  });

  const info = adapter.info;
  // Dawn and recent Chromium put isFallbackAdapter on adapter.info; older Chromium on the adapter.
  const legacyFallback = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const summary: AdapterSummary = {
    available: true,
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacyFallback ?? false),
    features: [...device.features].sort(),
  };
  return {
    ok: true,
    value: {
      device,
      adapter,
      summary,
      hasTimestampQuery: device.features.has('timestamp-query'),
      hasSubgroups: device.features.has('subgroups'),
      loss,
      gpuInstance: keepAlive,
    },
  };
}

function unavailable(reason: string): DeviceResult {
  return {
    ok: false,
    summary: { available: false, vendor: '', architecture: '', description: '', isFallbackAdapter: false, features: [], reason },
  };
}
