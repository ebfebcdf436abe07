// The GPU suite in Node: opens Dawn (the `webgpu` package; SwiftShader when there is no GPU) with
// ONE device shared by the engine and the peers (bench/node/sharedGpu.ts), runs the suite
// (bench/core/gpuSuite.ts: copy, elementwise, reductions, matmul family, ImageNormalize,
// workloads), then tfjs-backend-webgpu and jax-js on the same shapes. Returns the JSON object;
// run directly (node --import tsx bench/gpu.ts [--quick]) it prints it.

import type { WebGpuProvider } from '../src/engine/providers/webgpu/index.ts';
import type { BenchHost } from './core/harness.ts';
import { runGpuSuite, type SuiteSizes } from './core/gpuSuite.ts';
import type { MemorySizes } from './core/memoryCases.ts';
import type { AdapterNames } from './core/peak.ts';
import type { PeerSetup } from './core/peers.ts';
import { benchEmbed } from './node/embedded.ts';
import { openSharedGpu } from './node/sharedGpu.ts';
import { openJaxPeer } from './peers/jax.ts';
import { openTfjsPeer } from './peers/tfjs.ts';
import { collectGarbage, isEntryPoint, parseBenchArgs } from './util.ts';

export { CHAIN } from './core/memoryCases.ts';
export { FULL_SIZES, QUICK_SIZES } from './core/gpuSuite.ts';
/** The memory-bound sizes (kept under this name for callers of the first version). */
export type GpuBenchSizes = MemorySizes;

export interface GpuBenchOptions {
  /** Small sizes and 2 repetitions. Forced on for a fallback (software) adapter. */
  quick?: boolean;
  /** Untimed runs before the timed ones (default 2). */
  warmups?: number;
  /** Timed runs, each one flush (default 7; 2 when quick). */
  repetitions?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Override the memory-bound sizes (vector lengths, the reduce length, the matrix side). */
  sizes?: GpuBenchSizes;
  /** Override the other families' sizes. */
  suiteSizes?: Partial<SuiteSizes>;
  /** Measure this provider instead of opening one; it is left open, and no peers run. */
  provider?: WebGpuProvider;
  /** Case groups to run (bench/core/gpuSuite.ts CASE_GROUPS); default all. */
  only?: readonly string[] | null;
  /** The device's f32 peak in TFLOP/s, when the table does not know it. */
  peakTflops?: number | null;
}

export async function runGpuBench(options: GpuBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[bench gpu] ${line}\n`));
  const host: BenchHost = { log, collectGarbage };
  let provider: WebGpuProvider;
  let adapterNames: AdapterNames;
  let openPeers: (() => Promise<PeerSetup[]>) | undefined;
  /** Dawn's GPU instance must outlive the device: held until the suite is done. */
  let keepAlive: unknown = null;
  const embed = await benchEmbed();
  if (options.provider) {
    provider = options.provider;
    adapterNames = { vendor: provider.adapter.vendor, architecture: provider.adapter.architecture, description: provider.adapter.description };
  } else {
    const opened = await openSharedGpu();
    if (!opened.ok) return { suite: 'gpu', skipped: true, reason: opened.adapter.reason ?? 'no WebGPU adapter', adapter: opened.adapter };
    const shared = opened.gpu;
    provider = shared.provider;
    adapterNames = shared.info;
    keepAlive = shared.instance;
    openPeers = async () => [await openTfjsPeer(shared.device, shared.adapterInfo), await openJaxPeer(shared.device, embed.jaxVersion)];
  }
  const adapter = provider.adapter;
  const quick = options.quick === true || adapter.isFallbackAdapter;
  const quickReason = options.quick ? '--quick' : adapter.isFallbackAdapter ? 'fallback adapter (software)' : null;
  const report = await runGpuSuite(provider, host, {
    quick,
    quickReason,
    warmups: options.warmups ?? 2,
    repetitions: options.repetitions ?? (quick ? 2 : 7),
    only: options.only ?? null,
    peakTflops: options.peakTflops ?? null,
    adapterNames,
    workloadSources: embed.workloads,
    ...(openPeers ? { openPeers } : {}),
    sizes: { ...options.suiteSizes, ...(options.sizes ? { memory: options.sizes } : {}) },
    environment: { node: process.version },
  });
  if (!options.provider) provider.destroy();
  void keepAlive;
  return report;
}

if (isEntryPoint('gpu.ts')) {
  const options = parseBenchArgs(process.argv.slice(2));
  const report = await runGpuBench({ quick: options.quick, only: options.only, peakTflops: options.peakTflops });
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  // Dawn's instance can keep the event loop alive; the report is out, so leave.
  process.exit(report.fatal ? 1 : 0);
}
