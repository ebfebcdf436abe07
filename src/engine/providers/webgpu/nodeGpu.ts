// Node only: the `GPU` object from the `webgpu` npm package (Dawn). Loaded through a dynamic
// import from device.ts, so a browser bundle never pulls Dawn or `node:fs` in.
//
// SwiftShader fallback, and why it works this way. On a machine with no Vulkan driver Dawn finds
// no adapter. Chromium ships SwiftShader as a Vulkan ICD (`vk_swiftshader_icd.json`); the Vulkan
// loader reads VK_ICD_FILENAMES when Dawn creates its Vulkan instance, which happens at
// `create()`, so setting it in `process.env` from JS before a *new* `create()` is enough (checked:
// a fresh instance made after the variable is set finds SwiftShader, even after a first instance
// found nothing). LD_LIBRARY_PATH is not needed: the ICD manifest names its library by a path
// relative to the manifest, and the loader itself is Debian's libvulkan1 (dlopened by Dawn). We
// try the machine's own drivers first and never override a user's VK_ICD_FILENAMES /
// VK_DRIVER_FILES, so a real GPU always wins.

/**
 * Browsers quantise GPU timestamps (to about 65 µs in Dawn) against timing attacks; in Node we
 * measure our own kernels, so we ask for exact timestamps. A kernel of 300 µs is otherwise ±20%.
 */
const DAWN_FLAGS = ['disable-dawn-features=timestamp_quantization'];

export const SWIFTSHADER_ICD_CANDIDATES = ['/usr/lib/chromium/vk_swiftshader_icd.json'];

export interface NodeGpu {
  gpu: GPU;
  adapter: GPUAdapter;
  /** Set when the adapter came from the SwiftShader fallback (the ICD path used). */
  swiftShaderIcd?: string;
}

export type NodeGpuResult = { ok: true; value: NodeGpu } | { ok: false; reason: string };

interface DawnModule {
  create(options: string[]): GPU;
  globals: object;
}

export async function requestNodeAdapter(options: GPURequestAdapterOptions = {}): Promise<NodeGpuResult> {
  let dawn: DawnModule;
  try {
    // A non-literal specifier keeps bundlers from resolving (and shipping) the native addon.
    const specifier = 'webgpu';
    dawn = (await import(/* @vite-ignore */ specifier)) as DawnModule;
  } catch (error) {
    return { ok: false, reason: `the 'webgpu' package (Dawn) could not be loaded: ${String(error)}` };
  }
  // Defines GPUBufferUsage, GPUMapMode, GPUShaderStage… which WebGPU code reads as globals.
  Object.assign(globalThis, dawn.globals);

  const systemGpu = dawn.create(DAWN_FLAGS);
  const systemAdapter = await systemGpu.requestAdapter(options);
  if (systemAdapter) return { ok: true, value: { gpu: systemGpu, adapter: systemAdapter } };

  const env = process.env;
  if (env.VK_ICD_FILENAMES !== undefined || env.VK_DRIVER_FILES !== undefined) {
    return { ok: false, reason: 'Dawn found no adapter with the Vulkan drivers named in VK_ICD_FILENAMES/VK_DRIVER_FILES' };
  }
  const fsSpecifier = 'node:fs';
  const { existsSync } = (await import(/* @vite-ignore */ fsSpecifier)) as typeof import('node:fs');
  const icd = SWIFTSHADER_ICD_CANDIDATES.find((path) => existsSync(path));
  if (icd === undefined) return { ok: false, reason: 'Dawn found no adapter, and no SwiftShader Vulkan ICD is installed' };
  env.VK_ICD_FILENAMES = icd;
  const gpu = dawn.create(DAWN_FLAGS);
  const fallback = await gpu.requestAdapter(options);
  if (!fallback) return { ok: false, reason: `Dawn found no adapter, not even SwiftShader through ${icd}` };
  return { ok: true, value: { gpu, adapter: fallback, swiftShaderIcd: icd } };
}
