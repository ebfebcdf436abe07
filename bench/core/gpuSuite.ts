// The GPU suite: every case family in order, on a provider it is handed, with a BenchHost for
// progress and garbage collection. The same code runs in Node (bench/gpu.ts, which opens Dawn and
// adds the peers) and in the browser page (bench/browser/, on navigator.gpu).
//
// Order: copy first (the bandwidth reference for every memory-bound case), then the elementwise
// chain and reductions, the matrix products, ImageNormalize, the workloads, and last the peers
// (their numbers are attached to the engine's cases of the same shape).

import type { WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';
import { CaseRunner, type BenchHost } from './harness.ts';
import { gemmHeater } from './heater.ts';
import { FULL_IMAGE, QUICK_IMAGE, runImageNormalizeCases, type ImageSizes } from './imageCases.ts';
import { FULL_MATMUL, QUICK_MATMUL, runMatmulCases, type MatmulSizes } from './matmulCases.ts';
import { CopyReference, runCopyCases, runElementwiseAndReductions, type MemorySizes, type Repeat } from './memoryCases.ts';
import { choosePeak, type AdapterNames } from './peak.ts';
import { runPeers, type PeerSetup } from './peers.ts';
import { sig } from './stats.ts';
import { runWorkloads } from './workloads.ts';

/** GPU milliseconds of heater load before the first case, and before every timed sample. */
const HEAT_FIRST_MS = 1500;
const HEAT_PER_SAMPLE_MS = 30;

export const FULL_SIZES: MemorySizes = { vectors: [1e7, 1e8], reduce: 1e8, matrix: 1e4 };
export const QUICK_SIZES: MemorySizes = { vectors: [1e5, 1e6], reduce: 1e6, matrix: 1e3 };

/** Case groups, in the order they run; --only picks some of them. */
export const CASE_GROUPS = ['copy', 'elementwise', 'reduction', 'matmul', 'image', 'workload', 'peers'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];

export interface SuiteSizes {
  memory: MemorySizes;
  matmul: MatmulSizes;
  image: ImageSizes;
}

export interface GpuSuiteOptions {
  quick: boolean;
  /** Why quick sizes are used (--quick, a software adapter), or null. */
  quickReason: string | null;
  /** Warm-ups and timed repetitions of the kernel cases (workloads and peers use fewer). */
  warmups: number;
  repetitions: number;
  /** Groups to run (null: all). */
  only: readonly string[] | null;
  /** f32 TFLOP/s given by the user; otherwise the peak table is matched against `adapterNames`. */
  peakTflops: number | null;
  adapterNames: AdapterNames;
  /** Workload scripts by name; null skips the workloads (with the reason in the report). */
  workloadSources: Readonly<Record<string, string>> | null;
  /** Opens the peers (Node); absent in the browser. */
  openPeers?: () => Promise<PeerSetup[]>;
  sizes?: Partial<SuiteSizes>;
  /** Where this runs (node version, user agent…), copied into the report. */
  environment: Record<string, unknown>;
}

export async function runGpuSuite(provider: WebGpuProvider, host: BenchHost, options: GpuSuiteOptions): Promise<Record<string, unknown>> {
  const started = performance.now();
  const { quick } = options;
  const sizes: SuiteSizes = {
    memory: options.sizes?.memory ?? (quick ? QUICK_SIZES : FULL_SIZES),
    matmul: options.sizes?.matmul ?? (quick ? QUICK_MATMUL : FULL_MATMUL),
    image: options.sizes?.image ?? (quick ? QUICK_IMAGE : FULL_IMAGE),
  };
  const mem = sizes.memory;
  if (!mem.vectors.includes(mem.reduce)) throw new Error(`bench: sizes.reduce (${mem.reduce}) must be one of sizes.vectors`);
  const rep: Repeat = { warmups: options.warmups, repetitions: options.repetitions };
  const workloadRep: Repeat = quick ? { warmups: 1, repetitions: 1 } : { warmups: 1, repetitions: 3 };
  const peerRep: Repeat = quick ? { warmups: 1, repetitions: 2 } : { warmups: 2, repetitions: 5 };
  const peak = choosePeak(options.adapterNames, options.peakTflops);
  // Real GPUs drop their clock whenever the host pauses; a software adapter has no clock to keep.
  const heater = quick || provider.adapter.isFallbackAdapter ? null : gemmHeater(provider, HEAT_PER_SAMPLE_MS);
  if (heater) {
    const first = await heater.heat(HEAT_FIRST_MS);
    host.log(`heater: ${first.heater_us} µs per 2048² GEMM after ${HEAT_FIRST_MS} ms of load${first.settled ? '' : ' (not settled)'}`);
  }
  const timedHost: BenchHost = heater ? { ...host, warmGpu: async () => (await heater.heat()).settled } : host;
  const runner = new CaseRunner(timedHost, provider, options.only);
  const copy = new CopyReference();
  const gcAvailable = await host.collectGarbage();
  runner.gcAvailable = gcAvailable;
  const imageLengths = sizes.image.batches.map((b) => b * sizes.image.height * sizes.image.width);
  const copyLengths = [...new Set([...mem.vectors, mem.reduce, mem.matrix * mem.matrix, ...imageLengths])].sort((a, b) => a - b);

  let peers: Record<string, unknown> = { skipped: 'not run (--only)' };
  let workloadNote: string | null = null;
  let fatal: string | null = null;
  try {
    // Copy is the reference for everything memory-bound: it runs whenever those do.
    if (['copy', 'elementwise', 'reduction', 'matmul', 'image'].some((g) => runner.wants(g))) {
      await runCopyCases(runner, copyLengths, rep, copy, peak.bandwidth_gbs);
    }
    if (runner.wants('elementwise') || runner.wants('reduction')) await runElementwiseAndReductions(runner, mem, rep, copy);
    if (runner.wants('matmul')) await runMatmulCases(runner, sizes.matmul, rep, peak.f32_tflops, copy);
    if (runner.wants('image')) await runImageNormalizeCases(runner, sizes.image, rep, copy);
    if (runner.wants('workload')) {
      if (options.workloadSources) await runWorkloads(runner, options.workloadSources, quick, workloadRep);
      else workloadNote = 'no workload sources in this build';
    }
    if (runner.wants('peers')) {
      if (!options.openPeers) peers = { skipped: 'peers need the shared Dawn device of the Node bench (npm run bench, matbook bench)' };
      else {
        const setups = await options.openPeers();
        peers = await runPeers(runner, setups, { matmul: sizes.matmul.square, vectors: mem.vectors, reduce: mem.reduce }, peerRep);
      }
    }
  } catch (e) {
    fatal = e instanceof Error ? e.message : String(e);
  } finally {
    heater?.release();
  }

  const adapter = provider.adapter;
  return {
    suite: 'gpu',
    skipped: false,
    device: {
      vendor: adapter.vendor,
      architecture: adapter.architecture,
      description: adapter.description,
      name: options.adapterNames.device ?? '',
      is_fallback_adapter: adapter.isFallbackAdapter,
      features: adapter.features,
      timing: provider.timing,
      limits: provider.limits,
      peak,
      copy_gbps_best: sig(copy.best() ?? NaN),
    },
    ...options.environment,
    quick,
    sizes: mem,
    matmul_sizes: sizes.matmul,
    image_sizes: sizes.image,
    ...(options.quickReason ? { quick_reason: options.quickReason } : {}),
    ...(options.only ? { only: options.only } : {}),
    method: {
      warmups: rep.warmups,
      repetitions: rep.repetitions,
      workload_repetitions: workloadRep,
      peer_repetitions: peerRep,
      statistic: 'median GPU time over the repetitions; each repetition is one flush',
      clock: heater
        ? `before every timed sample (ours and the peers'), a 2048² GEMM runs for ${HEAT_PER_SAMPLE_MS} ms of GPU time at least and until its time per dispatch is within 2% of its best in the run (bench/core/heater.ts); clock_settled per case says whether it got there every time`
        : 'no heater (quick sizes or a software adapter)',
      gpu_time: provider.timing === 'timestamp' ? 'timestamp queries around each compute pass' : 'wall time to onSubmittedWorkDone per dispatch',
      wall_ms: 'cell run (or dispatch + flush) plus a read-back of one element of the result; unfused: the sum over its cells (the garbage collection between them is not timed)',
      engine_memory_budget: 'a session raises out-of-memory past 4 GiB of GPU arrays (pool classes are powers of two: 512 MiB per 1e8 f32 array)',
      bytes: 'copy 2·4·n; elementwise 4·n in + 4·n out; reductions 4·n in; matmul 4·(mk + kn + mn); image_normalize 12·n (x read twice, out written once)',
      fraction_of_copy: 'GB/s ÷ GB/s of the copy kernel of the same length (matmul, image: the nearest length), same run',
      fraction_of_peak: "GFLOP/s ÷ the device's f32 peak (device.peak: the vendor's figure for the GPU matched by name, or given with --peak-tflops)",
      peers: 'same process, same GPUDevice, same shapes; warm-ups then the median of the repetitions; ours_over_peer = our time ÷ the peer time (below 1: Matbook faster)',
      workloads: 'bench/workloads/*.m run as a cell (fused) and with a sync point after every statement (per_statement, top-level loops unrolled); GPU ms is the sum of all kernel events',
      gc_between_cases: gcAvailable,
    },
    results: runner.results,
    peers,
    ...(workloadNote ? { workloads_note: workloadNote } : {}),
    memory_in_use_mb_at_end: sig(provider.memoryInUse() / 1e6),
    ...(fatal ? { fatal } : {}),
    elapsed_s: sig((performance.now() - started) / 1000, 3),
  };
}
