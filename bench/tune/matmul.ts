// The matmul tuning sweep: many tiles × schedules of the tiled GEMM (src/engine/kernels/matmul.ts,
// TileConfig × TiledSchedule) timed on one device in one run, for choosing GEMM_TILES and
// DEFAULT_SCHEDULE. Node only: `node --import tsx bench/tune/matmul.ts --json`, or from the CLI
// bundle `matbook tune-matmul --json` (progress on stderr, one JSON object on stdout).
//
// Phases, each under a share of one time budget (--budget, default 230 s; what is left out is
// listed as skipped, never silently dropped; shares: fixed list 45%, descent 60%, transposes 70%,
// sizes 87%, SYRK 97%):
// 1. `gemm`: C = A*B at 4096² (f32, the vec4 variant) for a fixed list of candidates
//    (fixedCandidates: the first version with clamped shared indices, the current default, each
//    schedule knob alone, other tiles, and knobs together), then a coordinate descent from the best:
//    one dimension at a time (tile, stages, warp arrangement, unrolling, k-major stores, padding,
//    branch-free loop), every value of it, moving to the best, two rounds.
// 2. `trans`: A'*B, A*B' and A'*B' at 4096² (the k-major operands scattered into shared memory)
//    for the first version, the default, the best schedule and a few variants of it.
// 3. `sizes`: at 1024², 2048² and 8192², the best three, the default, the default tile with the
//    best schedule, the first version, and every tile with ≥ 32 workgroups with the best schedule.
// 4. `syrk`: G = A'*A for A 200000×1024 through the SYRK plans (auto, direct, split-k with several
//    split counts and tiles, with the default and the best schedule) against our general GEMM
//    A'*B with B = A on the same shape; the issue asks for SYRK ≤ 0.6× the GEMM's time.
// Each timing: one run (compiling), then a heater, a 2048² reference GEMM, until its time per
// dispatch is within 2% of its best in this run (an H100 idles near 345 MHz while this tool
// compiles and checks, and climbs back in ~100 ms steps: without the heater, kernels measured 2-5×
// slow, and looked settled on a step), then the candidate until its own times settle, then `reps`
// dispatches in one flush, each with its own timestamp pair; the median is reported (min, samples,
// the warm-up batches and the heater's last time too). The first version's kernel is measured
// again every few candidates (`drift`), so a clock that moved anyway shows.
//
// Correctness, for every candidate, before its time counts: inputs are multiples of 1/8 in
// [-1, 1], so every partial sum is exact in f32 whatever the order (|sum| · 64 < 2^24); the result
// must equal an exact host dot product at sampled entries (corners, tile edges, random) AND equal,
// element for element, the first correct result of the same shape; a small ragged product (not a
// multiple of the tile anywhere) with the same tile and schedule is checked against a full host
// product. A failing candidate is reported with `correct: false` and never recommended. Every
// candidate runs inside try/catch; a lost device is reopened and the phase goes on.
//
// --quick (SwiftShader, CI): every candidate as a one-warp miniature (the same rm×rn, tk and
// schedule, 32 threads) on a small tile-aligned product plus the ragged check, the real-size WGSL of
// each validated by Tint (shader module compilation only), a short descent, small sizes and a
// small SYRK. Timings there mean nothing; the point is that every code path runs and is correct.

import { writeFileSync } from 'node:fs';
import {
  buildMatmul,
  chooseTile,
  DEFAULT_SCHEDULE,
  GEMM_TILES,
  resolveSchedule,
  tiledConfig,
  tileStorage,
  tileThreads,
  type MatmulLimits,
  type TileConfig,
  type TiledSchedule,
} from '../../src/engine/kernels/matmul.ts';
import type { KernelProgram } from '../../src/engine/kernels/program.ts';
import { ClockHeater, timeRuns, WARM_BATCH_US } from '../core/heater.ts';
import { buildSyrkPlan, type SyrkTuning } from '../../src/engine/kernels/syrk.ts';
import { acquireDevice } from '../../src/engine/providers/webgpu/device.ts';
import { openWebGpu, type GpuArrayHandle, type WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';

// ---- options ----

export interface TuneOptions {
  json: boolean;
  quick: boolean;
  out: string | null;
  /** Seconds for the whole sweep (phases stop starting new work past their share). */
  budgetS: number;
  /** Untimed dispatches at least, and GPU milliseconds of sustained warm-up at least. */
  warmups: number;
  warmMs: number;
  reps: number;
  /** Phases to run. */
  phases: readonly Phase[];
}

const PHASES = ['gemm', 'trans', 'sizes', 'syrk'] as const;
type Phase = (typeof PHASES)[number];

export const TUNE_USAGE = `usage: tune-matmul [--json] [--quick] [--out=FILE] [--budget=SECONDS] [--reps=N] [--warm-ms=MS] [--only=gemm,sizes,syrk]
  --json          print one JSON object on stdout (progress goes to stderr)
  --quick         one-warp miniatures of every candidate on small shapes (SwiftShader, CI): correctness only
  --budget=S      seconds for the whole sweep (default 230; 900 with --quick)
  --reps=N        timed dispatches per measurement, median reported (default 7, at least 5)
  --warm-ms=MS    GPU milliseconds of heater load (a reference GEMM) before each measurement, until the clock is at
                  its top (default 250; 0 with --quick: no heater)
  --warmups=N     untimed dispatches first, at least (default 2)
  --out=FILE      also write the JSON object to FILE
  --only=P1,P2    phases: ${PHASES.join(', ')}
`;

export function parseTuneArgs(argv: readonly string[]): TuneOptions {
  const o: TuneOptions = { json: false, quick: false, out: null, budgetS: 0, warmups: 2, warmMs: -1, reps: 7, phases: PHASES };
  for (const a of argv) {
    const [flag, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, ''];
    const num = (min: number): number => {
      const x = Number(value);
      if (!Number.isFinite(x) || x < min) throw new Error(`tune-matmul: ${flag} takes a number ≥ ${min}\n${TUNE_USAGE}`);
      return x;
    };
    if (a === '--json') o.json = true;
    else if (a === '--quick') o.quick = true;
    else if (flag === '--budget') o.budgetS = num(10);
    else if (flag === '--reps') o.reps = Math.round(num(5));
    else if (flag === '--warmups') o.warmups = Math.round(num(0));
    else if (flag === '--warm-ms') o.warmMs = num(0);
    else if (flag === '--out' && value !== '') o.out = value;
    else if (flag === '--only') {
      const phases = value.split(',').filter((p) => p !== '');
      const unknown = phases.filter((p) => !(PHASES as readonly string[]).includes(p));
      if (phases.length === 0 || unknown.length > 0) throw new Error(`tune-matmul: unknown phase in ${a}\n${TUNE_USAGE}`);
      o.phases = phases as Phase[];
    } else throw new Error(`tune-matmul: unknown argument ${a}\n${TUNE_USAGE}`);
  }
  // --quick is about running every candidate, not about time: its budget only stops a runaway.
  if (o.budgetS === 0) o.budgetS = o.quick ? 900 : 230;
  if (o.warmMs < 0) o.warmMs = o.quick ? 0 : 250;
  return o;
}

// ---- candidates ----

export interface Config {
  tile: TileConfig;
  schedule: TiledSchedule;
}

interface Candidate extends Config {
  id: string;
  /** Why it is in the list. */
  note: string;
  group: 'fixed' | 'descent';
}

/** The schedule the knob candidates vary from: the first version's, with bounded indices. */
const BASE_SCHEDULE: TiledSchedule = {
  stages: 2,
  warpRows: 0,
  unroll: false,
  kStore: 'scalar',
  padA: 0,
  padB: 0,
  branchFree: false,
  boundedIndices: true,
};
/** Every knob that plausibly helps on NVIDIA, together. */
const ALL_KNOBS: Partial<TiledSchedule> = { unroll: true, branchFree: true, warpRows: 8, kStore: 'block' };

const t = (tm: number, tn: number, tk: number, rm: number, rn: number): TileConfig => ({ tm, tn, tk, rm, rn });
/** Tiles the sweep tries (the descent's tile dimension). Threads = (tm/rm)(tn/rn). */
const TILES: readonly TileConfig[] = [
  t(128, 128, 16, 8, 8), // 256 threads: the 4096² tile of the first version
  t(128, 128, 8, 8, 8),
  t(128, 128, 32, 8, 8), // one stage only (64 KiB double-buffered)
  t(128, 256, 16, 8, 16), // 256 threads, 128 outputs each; 48 KiB double-buffered
  t(256, 128, 16, 16, 8),
  t(128, 256, 8, 8, 16),
  t(256, 128, 8, 16, 8),
  t(128, 128, 16, 8, 16), // 128 threads
  t(128, 128, 16, 16, 8),
  t(64, 128, 16, 8, 8), // 128 threads
  t(128, 64, 16, 8, 8),
  t(64, 64, 16, 8, 8), // 64 threads
  t(64, 128, 16, 4, 8), // the 1024² tile of the first version
  t(64, 64, 16, 4, 4), // 256 threads: the small-grid tile
  t(256, 128, 16, 8, 8), // 512 threads
  t(128, 256, 16, 8, 8), // 512 threads
  t(256, 128, 32, 8, 8), // 512 threads, one stage (48 KiB)
  t(256, 64, 16, 8, 8), // 256 threads
  t(64, 256, 16, 8, 8), // 256 threads
  t(256, 64, 32, 8, 8), // 256 threads, one stage
  t(128, 64, 32, 8, 8), // 128 threads, 48 KiB double-buffered
];
const BASE_TILE = TILES[0];
const tileOf = (tm: number, tn: number, tk: number, rm: number, rn: number): TileConfig => {
  const found = TILES.find((x) => x.tm === tm && x.tn === tn && x.tk === tk && x.rm === rm && x.rn === rn);
  if (!found) throw new Error(`tune-matmul: tile ${tm}x${tn}x${tk}/${rm}x${rn} is not in TILES`);
  return found;
};

function spec(note: string, tile: TileConfig, schedule: Partial<TiledSchedule>): Omit<Candidate, 'id' | 'group'> {
  return { note, tile, schedule: { ...BASE_SCHEDULE, ...schedule } };
}

/** Unrolled and branch-free: the best pair of knobs in the second H100 run. */
const UB: Partial<TiledSchedule> = { unroll: true, branchFree: true };
/** One stage, unrolled, branch-free, 4×8 warps, B rows padded: the best schedule of the third H100 run. */
const BEST3: Partial<TiledSchedule> = { stages: 1, unroll: true, branchFree: true, warpRows: 4, padB: 1 };

/** The fixed list, in order. */
function fixedCandidates(defaultConfig: Config): Omit<Candidate, 'id' | 'group'>[] {
  const plainTiles = [tileOf(128, 256, 16, 8, 16), tileOf(256, 128, 16, 16, 8), tileOf(128, 128, 8, 8, 8), tileOf(64, 128, 16, 8, 8), tileOf(128, 64, 16, 8, 8), tileOf(64, 128, 16, 4, 8), tileOf(256, 128, 16, 8, 8)];
  const ubTiles = [...plainTiles, tileOf(256, 64, 16, 8, 8), tileOf(64, 256, 16, 8, 8)];
  const best3Tiles = [
    tileOf(256, 64, 16, 8, 8),
    tileOf(64, 256, 16, 8, 8),
    tileOf(64, 128, 16, 8, 8),
    tileOf(128, 64, 16, 8, 8),
    tileOf(64, 64, 16, 8, 8),
    tileOf(256, 128, 16, 8, 8),
    tileOf(128, 256, 16, 8, 8),
    tileOf(256, 128, 16, 16, 8),
    tileOf(128, 256, 16, 8, 16),
    tileOf(64, 128, 16, 4, 8),
    tileOf(256, 64, 32, 8, 8),
    tileOf(64, 64, 16, 4, 4),
  ];
  return [
    spec('the first version: clamped shared indices (measured 35.6 TFLOP/s at 4096²)', BASE_TILE, { boundedIndices: false }),
    { note: 'the default now (chooseTile + its GEMM_TILES schedule)', ...defaultConfig },
    spec('bounded shared indices (no clamp per shared load)', BASE_TILE, {}),
    spec('+ unrolled k-tile', BASE_TILE, { unroll: true }),
    spec('+ branch-free k loop', BASE_TILE, { branchFree: true }),
    spec('+ unrolled, branch-free', BASE_TILE, UB),
    spec('+ 8×4 threads per warp', BASE_TILE, { warpRows: 8 }),
    spec('+ 4×8 threads per warp', BASE_TILE, { warpRows: 4 }),
    spec('+ B through 4×4 register blocks (16-byte shared stores)', BASE_TILE, { kStore: 'block' }),
    spec('+ B rows padded by 1 vec4 (2-way instead of 4-way store conflicts)', BASE_TILE, { padB: 1 }),
    spec('+ A and B rows padded', BASE_TILE, { padA: 1, padB: 1 }),
    spec('+ one stage, next tile in registers', BASE_TILE, { stages: 1 }),
    spec('unrolled, branch-free + 8×4 warps', BASE_TILE, { ...UB, warpRows: 8 }),
    spec('unrolled, branch-free + 4×4 blocks', BASE_TILE, { ...UB, kStore: 'block' }),
    spec('unrolled, branch-free + B padded', BASE_TILE, { ...UB, padB: 1 }),
    spec('unrolled, branch-free, one stage', BASE_TILE, { ...UB, stages: 1 }),
    spec('unrolled, branch-free, one stage, 4×8 warps', BASE_TILE, { ...UB, stages: 1, warpRows: 4 }),
    spec('unrolled, branch-free, one stage, B padded', BASE_TILE, { ...UB, stages: 1, padB: 1 }),
    spec('one stage, unrolled, branch-free, 4×8 warps, B padded (BEST3)', BASE_TILE, BEST3),
    spec('BEST3 with 8×4 warps', BASE_TILE, { ...BEST3, warpRows: 8 }),
    spec('BEST3 with B padded by 2', BASE_TILE, { ...BEST3, padB: 2 }),
    spec('BEST3, tk 8', tileOf(128, 128, 8, 8, 8), BEST3),
    spec('BEST3, tk 32', tileOf(128, 128, 32, 8, 8), BEST3),
    ...plainTiles.map((x) => spec('other tile, first-version schedule (bounded)', x, {})),
    ...ubTiles.map((x) => spec('other tile, unrolled, branch-free', x, UB)),
    ...best3Tiles.map((x) => spec('other tile, BEST3', x, BEST3)),
    spec('all knobs (8×4 warps, 4×4 blocks, unrolled, branch-free)', BASE_TILE, ALL_KNOBS),
    spec('all knobs', tileOf(256, 128, 16, 16, 8), ALL_KNOBS),
  ];
}

/** The descent's dimensions: each maps a config to its alternatives along that dimension. */
const DIMENSIONS: readonly { name: string; values: (c: Config) => Config[] }[] = [
  { name: 'tile', values: (c) => TILES.map((tile) => ({ tile, schedule: c.schedule })) },
  { name: 'stages', values: (c) => ([1, 2] as const).map((stages) => ({ tile: c.tile, schedule: { ...c.schedule, stages } })) },
  { name: 'warpRows', values: (c) => [0, 4, 8, 16].map((warpRows) => ({ tile: c.tile, schedule: { ...c.schedule, warpRows } })) },
  { name: 'unroll', values: (c) => [false, true].map((unroll) => ({ tile: c.tile, schedule: { ...c.schedule, unroll } })) },
  { name: 'kStore', values: (c) => (['scalar', 'block'] as const).map((kStore) => ({ tile: c.tile, schedule: { ...c.schedule, kStore } })) },
  {
    name: 'padding',
    values: (c) => [[0, 0], [0, 1], [1, 1], [1, 0], [0, 2]].map(([padA, padB]) => ({ tile: c.tile, schedule: { ...c.schedule, padA, padB } })),
  },
  { name: 'branchFree', values: (c) => [false, true].map((branchFree) => ({ tile: c.tile, schedule: { ...c.schedule, branchFree } })) },
];

export function configId(c: Config): string {
  const { tm, tn, tk, rm, rn } = c.tile;
  const s = c.schedule;
  return (
    `${tm}x${tn}x${tk}/${rm}x${rn} s${s.stages} w${s.warpRows} ${s.unroll ? 'unroll' : 'loop'} ${s.kStore} ` +
    `pad${s.padA}.${s.padB}${s.branchFree ? ' branchfree' : ''}${s.boundedIndices ? '' : ' clamped'}`
  );
}

/** Why a config cannot run on this device (storage, threads, warp arrangement), or null. */
function unfit(c: Config, limits: MatmulLimits): string | null {
  const threads = tileThreads(c.tile);
  if (threads > limits.maxInvocations) return `${threads} threads > ${limits.maxInvocations}`;
  const bytes = tileStorage(c.tile, c.schedule);
  if (bytes > limits.maxWorkgroupStorage) return `${bytes} bytes of workgroup storage > ${limits.maxWorkgroupStorage}`;
  const TX = c.tile.tm / c.tile.rm;
  const TY = c.tile.tn / c.tile.rn;
  const wr = c.schedule.warpRows;
  if (wr !== 0 && (threads % 32 !== 0 || TX % wr !== 0 || TY % (32 / wr) !== 0)) return `warpRows ${wr} does not tile ${TX}×${TY} threads`;
  return null;
}

/**
 * The one-warp miniature --quick runs: the same schedule, 32 threads, rm, rn and tk capped at 8
 * (SwiftShader's compile time grows with the unrolled rm·rn·tk; every code path stays the same).
 */
function miniature(c: Config): Config {
  const rm = Math.min(c.tile.rm, 8);
  const rn = Math.min(c.tile.rn, 8);
  const wr = c.schedule.warpRows;
  const TX = wr > 0 ? wr : Math.min(8, c.tile.tm / c.tile.rm);
  const TY = 32 / TX;
  return { tile: { tm: rm * TX, tn: rn * TY, tk: Math.min(c.tile.tk, 8), rm, rn }, schedule: c.schedule };
}

/** What --quick builds real-size WGSL for: the H100's limits (Dawn/Vulkan, driver 580). */
const TARGET_LIMITS: MatmulLimits = { maxWorkgroupStorage: 49152, maxInvocations: 1024, maxWorkgroupsPerDimension: 65535 };

// ---- host data: multiples of 1/8 in [-1, 1], so every sum below is exact in f32 ----

function hostMatrix(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let s = (0x9e3779b9 ^ Math.imul(seed + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s >>> 24) % 17) / 8 - 1;
  }
  return out;
}

/** C(i,j) = Σ_p A(i,p)·B(p,j) exactly (f64 of exact f32 products), A m×k (k×m stored when transA), B k×n. */
function hostEntry(a: Float32Array, b: Float32Array, m: number, k: number, transA: boolean, i: number, j: number, transB = false, n = 0): number {
  let s = 0;
  for (let p = 0; p < k; p++) s += (transA ? a[p + i * k] : a[i + p * m]) * (transB ? b[j + p * n] : b[p + j * k]);
  return s;
}

/** Entries worth checking: corners, tile edges, and random ones. */
function sampleEntries(m: number, n: number, count: number, seed: number): [number, number][] {
  const out: [number, number][] = [[0, 0], [m - 1, n - 1], [m - 1, 0], [0, n - 1]];
  for (const e of [127, 128, 255, 256, 1023, 1024]) if (e < Math.min(m, n)) out.push([e, e], [e, n - 1 - e]);
  let s = seed >>> 0;
  while (out.length < count) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const i = s % m;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push([i, s % n]);
  }
  return out;
}

interface Check {
  correct: boolean;
  sampled: number;
  /** Entries differing from the first correct result of the same shape (null: this is that result). */
  differing_from_reference: number | null;
  ragged?: string;
  first_error?: string;
}

// ---- measuring ----

interface Timing {
  gpu_us: number;
  gpu_us_min: number;
  samples_us: number[];
  /** Median µs of each warm-up batch: falling while the clock ramps, flat once it has. */
  warm_batches_us: number[];
  /** The heater's µs per dispatch just before, and whether it reached its best (the clock at the top). */
  heater_us?: number | null;
  clock_settled?: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const sig = (x: number, digits = 4): number => Number(x.toPrecision(digits));

/**
 * Median over `reps` runs (each run = every pass once). First one run (compiling the pipelines),
 * then the heater (when there is one), then at least `warmups` runs and, with no heater, `warmMs`
 * of the program's own GPU time until a batch's median is within 2% of the one before.
 */
async function timePasses(
  gpu: WebGpuProvider,
  run: () => void,
  passes: number,
  o: Pick<TuneOptions, 'warmups' | 'warmMs' | 'reps'>,
  heater: ClockHeater | null,
): Promise<Timing> {
  await timeRuns(gpu, run, passes, 1);
  const heat = heater ? await heater.heat() : null;
  const warm: number[] = [];
  const started = performance.now();
  let spentUs = 0;
  let previous = Infinity;
  let count = Math.max(1, o.warmups);
  const minUs = heater ? 0 : o.warmMs * 1000;
  for (;;) {
    const times = await timeRuns(gpu, run, passes, count);
    const per = median(times);
    warm.push(sig(per));
    spentUs += times.reduce((x, y) => x + y, 0);
    const settled = Math.abs(per - previous) <= 0.02 * previous;
    if ((spentUs >= minUs && (settled || minUs === 0)) || performance.now() - started > 3000) break;
    previous = per;
    count = Math.min(256, Math.max(2, Math.ceil(WARM_BATCH_US / Math.max(per, 1))));
  }
  const samples = await timeRuns(gpu, run, passes, o.reps);
  return {
    gpu_us: sig(median(samples)),
    gpu_us_min: sig(Math.min(...samples)),
    samples_us: samples.map((x) => sig(x)),
    warm_batches_us: warm,
    ...(heat ? { heater_us: heat.heater_us, clock_settled: heat.settled } : {}),
  };
}

// ---- the run ----

type Row = Record<string, unknown>;

class Clock {
  readonly start = performance.now();
  constructor(readonly budgetS: number) {}
  elapsedS(): number {
    return (performance.now() - this.start) / 1000;
  }
  /** True while less than `share` of the budget is spent. */
  within(share: number): boolean {
    return this.elapsedS() < share * this.budgetS;
  }
}

/** The provider, reopened if the device is lost. */
class Gpu {
  provider: WebGpuProvider;
  reopened = 0;
  constructor(provider: WebGpuProvider) {
    this.provider = provider;
  }
  /** After an error: reopens the provider if the device was lost (true), else leaves it (false). */
  async recover(): Promise<boolean> {
    if (!this.provider.lost) return false;
    try {
      this.provider.destroy();
    } catch {
      // already gone
    }
    const opened = await openWebGpu();
    if (!opened.provider) throw new Error(`device lost and could not be reopened: ${opened.adapter.reason ?? ''}`);
    this.provider = opened.provider;
    this.reopened++;
    return true;
  }
}

interface Operands {
  m: number;
  n: number;
  k: number;
  transA: boolean;
  /** B stored n×k (read as B'). */
  transB?: boolean;
  a: Float32Array;
  b: Float32Array;
  /** Same array for B (SYRK's A'*A): b === a. */
  sameB: boolean;
}

/** Uploaded operands of one shape plus C, re-uploaded after a device loss; the first correct C is the reference. */
class Problem {
  private handles: { gpu: WebGpuProvider; a: GpuArrayHandle; b: GpuArrayHandle; c: GpuArrayHandle } | null = null;
  reference: Float32Array | null = null;
  readonly samples: [number, number][];
  private readonly expected: number[];

  constructor(
    readonly ops: Operands,
    sampleCount: number,
  ) {
    this.samples = sampleEntries(ops.m, ops.n, sampleCount, ops.m * 7 + ops.k);
    this.expected = this.samples.map(([i, j]) => hostEntry(ops.a, ops.b, ops.m, ops.k, ops.transA, i, j, ops.transB === true, ops.n));
  }

  bind(gpu: WebGpuProvider): { a: GpuArrayHandle; b: GpuArrayHandle; c: GpuArrayHandle } {
    if (this.handles && this.handles.gpu === gpu) return this.handles;
    const a = gpu.upload(this.ops.a);
    const b = this.ops.sameB ? a : gpu.upload(this.ops.b);
    const c = gpu.allocate(this.ops.m * this.ops.n);
    this.handles = { gpu, a, b, c };
    return this.handles;
  }

  release(): void {
    const h = this.handles;
    this.handles = null;
    if (!h || h.gpu.lost) return;
    h.gpu.release(h.a);
    if (h.b !== h.a) h.gpu.release(h.b);
    h.gpu.release(h.c);
  }

  /** Compares a result with the exact host entries and with the reference result. */
  check(got: Float32Array): Check {
    let bad = 0;
    let first: string | undefined;
    this.samples.forEach(([i, j], s) => {
      const v = got[i + j * this.ops.m];
      if (v !== this.expected[s]) {
        bad++;
        first ??= `C(${i},${j}) = ${v}, exact ${this.expected[s]}`;
      }
    });
    let differing: number | null = null;
    if (this.reference) {
      differing = 0;
      for (let e = 0; e < got.length; e++) {
        if (got[e] !== this.reference[e]) {
          if (differing === 0) first ??= `element ${e} = ${got[e]}, reference ${this.reference[e]}`;
          differing++;
        }
      }
    }
    const correct = bad === 0 && (differing ?? 0) === 0;
    if (correct && !this.reference) this.reference = got;
    return { correct, sampled: this.samples.length, differing_from_reference: differing, ...(first ? { first_error: first } : {}) };
  }
}

export async function runTuneMatmul(options: TuneOptions, log: (line: string) => void): Promise<Row> {
  const clock = new Clock(options.budgetS);
  const opened = await openWebGpu();
  if (!opened.provider) return { tool: 'tune-matmul', skipped: true, reason: opened.adapter.reason ?? 'no WebGPU adapter', adapter: opened.adapter };
  const gpu = new Gpu(opened.provider);
  const l = gpu.provider.limits;
  const limits: MatmulLimits = { maxWorkgroupStorage: l.maxComputeWorkgroupStorageSize, maxInvocations: l.maxComputeInvocationsPerWorkgroup, maxWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension };
  const quick = options.quick;
  const report: Row = {
    tool: 'tune-matmul',
    quick,
    adapter: gpu.provider.adapter,
    timing: gpu.provider.timing,
    limits: l,
    method: {
      warmups: options.warmups,
      warm_ms: options.warmMs,
      reps: options.reps,
      statistic:
        'median GPU time (timestamp queries per dispatch) over the reps; before each measurement a heater (2048² GEMM) runs for warm_ms of GPU time at least and until its own time is within 2% of its best in the run (the clock at its top: heater_us, clock_settled), then the candidate runs until settled; TFLOP/s = 2mnk / median',
      correctness:
        'inputs are multiples of 1/8 in [-1, 1] (every sum exact in f32): sampled entries equal an exact host dot product and every element equals the first correct result of the shape; plus a ragged product (m = tm + 36, n = tn + 13, k = 3tk + 4) against a full host product',
      budget_s: options.budgetS,
      ...(quick ? { quick: 'one-warp miniatures on small shapes: timings mean nothing; real-size WGSL validated by Tint' } : {}),
    },
    default_config: { tile_4096: chooseTile(4096, 4096, limits), schedule: DEFAULT_SCHEDULE, gemm_tiles: GEMM_TILES },
  };

  // Real-size WGSL validation for --quick (compilation only, no pipeline: SwiftShader pipelines of 256 threads take seconds).
  const validator = quick ? await openValidator() : null;
  // The heater: a 2048² GEMM (the first version's kernel), bound for the whole run; --quick has none.
  let heater: ClockHeater | null = null;
  if (options.warmMs > 0) {
    const n = 2048;
    const a = hostMatrix(n * n, 101);
    const heatProblem = new Problem({ m: n, n, k: n, transA: false, a, b: hostMatrix(n * n, 102), sameB: false }, 4);
    const heatProgram = gemmProgram({ tile: BASE_TILE, schedule: { ...BASE_SCHEDULE, boundedIndices: false } }, n, n, n, limits);
    const heatOnce = (): void => {
      const h = heatProblem.bind(gpu.provider);
      gpu.provider.dispatch(heatProgram, [h.a, h.b], h.c);
    };
    heater = new ClockHeater(() => gpu.provider, heatOnce, options.warmMs);
    const first = await heater.heat(1500);
    log(`heater: ${first.heater_us} µs per 2048² dispatch after 1.5 s of load`);
  }
  const measured = new Map<string, Row>();
  /** --quick: the first row that ran each miniature. */
  const miniatures = new Map<string, Row>();

  // ---- GEMM ----
  const N = quick ? 0 : 4096;
  const gemmRows: Row[] = [];
  const problems = new Map<string, Problem>();
  /** Problem of a shape (m, n, k), built once per run. */
  const problemFor = (m: number, n: number, k: number, transA = false, sameB = false, samples = 96, transB = false): Problem => {
    const key = `${m}x${n}x${k}${transA ? 't' : ''}${transB ? 'T' : ''}${sameB ? 's' : ''}`;
    let p = problems.get(key);
    if (!p) {
      const a = hostMatrix(m * k, m + 3 * k);
      p = new Problem({ m, n, k, transA, transB, a, b: sameB ? a : hostMatrix(k * n, n + 5 * k), sameB }, samples);
      problems.set(key, p);
    }
    return p;
  };
  const dropProblem = (p: Problem): void => {
    p.release();
    for (const [key, q] of problems) if (q === p) problems.delete(key);
  };

  /** Times and checks one GEMM config on C = A*B (square n, or its miniature when quick). */
  const measureGemm = async (cfg: Config, n: number, extra: Row): Promise<Row> => {
    const id = configId(cfg);
    const row: Row = { id, ...extra, tile: cfg.tile, schedule: cfg.schedule, threads: tileThreads(cfg.tile), storage_bytes: tileStorage(cfg.tile, cfg.schedule) };
    // --quick judges the real config against the H100's limits (this device is not the target).
    const why = unfit(cfg, quick ? TARGET_LIMITS : limits);
    if (why) return { ...row, skipped: why };
    try {
      let run = cfg;
      let size = { m: n, n, k: n };
      let wgsl = 'ok';
      if (quick) {
        if (validator) wgsl = row.wgsl_4096 = await validator(gemmProgram(cfg, 4096, 4096, 4096, TARGET_LIMITS).wgsl);
        run = miniature(cfg);
        const whyMini = unfit(run, limits);
        if (whyMini) return { ...row, skipped: `miniature: ${whyMini}` };
        size = { m: 2 * run.tile.tm, n: 2 * run.tile.tn, k: 4 * run.tile.tk };
        row.miniature = { id: configId(run), m: size.m, n: size.n, k: size.k };
        // Candidates differing only in tm/tn share a miniature: run each once.
        const twin = miniatures.get(configId(run));
        if (twin) return { ...row, miniature_run_by: twin.id, tflops: twin.tflops, correct: twin.correct === true && wgsl === 'ok' };
      }
      const problem = problemFor(size.m, size.n, size.k);
      const program = gemmProgram(run, size.m, size.n, size.k, limits);
      const h = problem.bind(gpu.provider);
      const timing = await timePasses(gpu.provider, () => gpu.provider.dispatch(program, [h.a, h.b], h.c), 1, options, heater);
      const check = problem.check(await gpu.provider.download(h.c));
      const ragged = await raggedCheck(gpu.provider, run, limits);
      if (ragged !== 'ok' || wgsl !== 'ok') check.correct = false;
      check.ragged = ragged;
      const tflops = (2 * size.m * size.n * size.k) / (timing.gpu_us * 1e6);
      const result = { ...row, tflops: sig(tflops), ...timing, correct: check.correct, check };
      if (quick) miniatures.set(configId(run), result);
      return result;
    } catch (e) {
      const lost = await gpu.recover();
      return { ...row, error: String(e instanceof Error ? e.message : e).slice(0, 600), ...(lost ? { device_reopened: true } : {}) };
    }
  };

  const logRow = (r: Row): void => {
    const what = r.error ? `ERROR ${String(r.error).slice(0, 120)}` : r.skipped ? `skipped: ${String(r.skipped)}` : `${r.tflops} TFLOP/s${r.correct ? '' : ' WRONG'}`;
    log(`${String(r.id).padEnd(64)} ${what}  [${clock.elapsedS().toFixed(0)} s]`);
  };

  const score = (r: Row | undefined): number => (r && r.correct === true && typeof r.tflops === 'number' ? r.tflops : -1);

  // The first version's kernel, timed again every DRIFT_EVERY candidates: a clock that moved shows here.
  const drift: Row[] = [];
  let sinceDrift = 0;
  const DRIFT_EVERY = 8;
  const checkDrift = async (force = false): Promise<void> => {
    if (!force && ++sinceDrift < DRIFT_EVERY) return;
    sinceDrift = 0;
    const reference: Config = { tile: BASE_TILE, schedule: { ...BASE_SCHEDULE, boundedIndices: false } };
    const cfg = quick ? miniature(reference) : reference;
    const size = quick ? { m: 2 * cfg.tile.tm, n: 2 * cfg.tile.tn, k: 4 * cfg.tile.tk } : { m: N, n: N, k: N };
    try {
      const h = problemFor(size.m, size.n, size.k).bind(gpu.provider);
      const program = gemmProgram(cfg, size.m, size.n, size.k, limits);
      const timing = await timePasses(gpu.provider, () => gpu.provider.dispatch(program, [h.a, h.b], h.c), 1, options, heater);
      drift.push({ after_candidates: measured.size, at_s: sig(clock.elapsedS(), 3), tflops: sig((2 * size.m * size.n * size.k) / (timing.gpu_us * 1e6)), gpu_us: timing.gpu_us });
    } catch (e) {
      await gpu.recover();
      drift.push({ after_candidates: measured.size, error: String(e instanceof Error ? e.message : e).slice(0, 300) });
    }
  };

  if (options.phases.includes('gemm')) {
    const fixed = fixedCandidates(defaultConfig(4096, 4096, 4096, false, false, limits));
    log(`gemm ${quick ? 'miniatures' : `${N}²`}: ${fixed.length} fixed candidates, then a descent`);
    for (const c of fixed) {
      const id = configId(c);
      if (measured.has(id)) {
        gemmRows.push({ id, note: c.note, group: 'fixed', duplicate_of: id });
        continue;
      }
      if (!clock.within(0.45)) {
        gemmRows.push({ id, note: c.note, group: 'fixed', skipped: 'time budget' });
        continue;
      }
      const r = await measureGemm(c, N, { note: c.note, group: 'fixed' });
      measured.set(id, r);
      gemmRows.push(r);
      logRow(r);
      await checkDrift();
    }

    // Coordinate descent from the best so far.
    const descent: Row[] = [];
    const best = (): Row | undefined => [...measured.values()].filter((r) => score(r) > 0).sort((x, y) => score(y) - score(x))[0];
    let current = best();
    const rounds = quick ? 1 : 2;
    const stepLimit = quick ? 6 : Infinity;
    let steps = 0;
    for (let round = 0; round < rounds && current; round++) {
      let moved = false;
      for (const dim of DIMENSIONS) {
        if (!current) break;
        const from: Config = { tile: current.tile as TileConfig, schedule: current.schedule as TiledSchedule };
        for (const cfg of dim.values(from)) {
          const id = configId(cfg);
          if (measured.has(id) || unfit(cfg, limits)) continue;
          if (!clock.within(0.6) || steps >= stepLimit) break;
          steps++;
          const r = await measureGemm(cfg, N, { note: `descent round ${round + 1}: ${dim.name}`, group: 'descent' });
          measured.set(id, r);
          descent.push(r);
          logRow(r);
          await checkDrift();
        }
        const b = best();
        if (b && b.id !== current.id) {
          moved = true;
          current = b;
        }
      }
      if (!moved) break;
    }
    await checkDrift(true);
    const ranked = [...measured.values()].filter((r) => score(r) > 0).sort((x, y) => score(y) - score(x));
    const legacy = gemmRows[0];
    report.gemm = {
      n: quick ? 'miniatures' : N,
      fixed: gemmRows,
      descent,
      ranking: ranked.slice(0, 10).map((r) => ({ id: r.id, tflops: r.tflops, vs_first_version: score(legacy) > 0 ? sig(score(r) / score(legacy), 3) : null })),
      wrong_or_failed: [...measured.values()].filter((r) => r.correct === false || r.error).map((r) => r.id),
      drift,
    };
    for (const p of [...problems.values()]) dropProblem(p);
  }

  const ranked = [...measured.values()].filter((r) => score(r) > 0).sort((x, y) => score(y) - score(x));
  const top = ranked.slice(0, 3).map((r) => ({ tile: r.tile as TileConfig, schedule: r.schedule as TiledSchedule }));
  const bestSchedule = top[0]?.schedule ?? DEFAULT_SCHEDULE;

  // ---- transposed operands: A'*B, A*B', A'*B' (scattered k-major tiles) ----
  if (options.phases.includes('trans')) {
    const n = quick ? 64 : 4096;
    const rows: Row[] = [];
    const base: Config = { tile: BASE_TILE, schedule: BASE_SCHEDULE };
    const configs: [string, Config][] = [
      ['the first version', { tile: BASE_TILE, schedule: { ...BASE_SCHEDULE, boundedIndices: false } }],
      ['the best at 4096² A*B', { tile: BASE_TILE, schedule: bestSchedule }],
      ...top.slice(0, 1).map((c): [string, Config] => ['top 1 at 4096² A*B', c]),
      ['unrolled, branch-free', { ...base, schedule: { ...BASE_SCHEDULE, ...UB } }],
      ['BEST3', { ...base, schedule: { ...BASE_SCHEDULE, ...BEST3 } }],
      ['BEST3, A padded too', { ...base, schedule: { ...BASE_SCHEDULE, ...BEST3, padA: 1 } }],
      ['BEST3, two stages', { ...base, schedule: { ...BASE_SCHEDULE, ...BEST3, stages: 2 } }],
      ['BEST3, two stages, A padded', { ...base, schedule: { ...BASE_SCHEDULE, ...BEST3, stages: 2, padA: 1 } }],
      ['unrolled, branch-free, 4×8 warps, two stages', { ...base, schedule: { ...BASE_SCHEDULE, ...UB, warpRows: 4 } }],
      ['BEST3 with 4×4 register blocks', { ...base, schedule: { ...BASE_SCHEDULE, ...BEST3, kStore: 'block' } }],
    ];
    for (const [transA, transB] of [[true, false], [false, true], [true, true]] as const) {
      const what = `${transA ? "A'" : 'A'}*${transB ? "B'" : 'B'}`;
      const seen = new Set<string>();
      for (const [note, cfg] of [['the default for this product (buildMatmul on its own)', defaultConfig(n, n, n, transA, transB, limits)] as [string, Config], ...configs]) {
        const id = configId(cfg);
        if (seen.has(id)) continue;
        seen.add(id);
        if (!clock.within(0.7)) {
          rows.push({ product: what, id, note, skipped: 'time budget' });
          continue;
        }
        const runCfg = quick ? miniature(cfg) : cfg;
        const size = quick ? 2 * Math.max(runCfg.tile.tm, runCfg.tile.tn) : n;
        const r = await measureGemmAt(gpu, runCfg, size, limits, options, problemFor, heater, transA, transB);
        const row: Row = { product: what, n: size, id, note, tile: cfg.tile, schedule: cfg.schedule, ...r };
        rows.push(row);
        log(`${`${what} ${size}² ${id}`.padEnd(72)} ${row.error ? `ERROR ${String(row.error).slice(0, 100)}` : `${row.tflops} TFLOP/s${row.correct ? '' : ' WRONG'}`}`);
      }
      for (const p of [...problems.values()]) dropProblem(p);
    }
    report.transposed = rows;
  }

  // ---- sizes ----
  const bySize: Row = {};
  if (options.phases.includes('sizes')) {
    const sizes = quick ? [64, 128] : [1024, 2048, 8192];
    const rows: Row[] = [];
    for (const n of sizes) {
      const byDefault = defaultConfig(n, n, n, false, false, limits);
      const configs: [string, Config][] = [
        ...top.map((c, i): [string, Config] => [`top ${i + 1} at 4096²`, c]),
        ['the default (chooseTile + its GEMM_TILES schedule)', byDefault],
        ["chooseTile's tile + the best schedule", { tile: byDefault.tile, schedule: bestSchedule }],
        ['the first version', { tile: byDefault.tile, schedule: { ...BASE_SCHEDULE, boundedIndices: false } }],
      ];
      // Every tile with at least 32 workgroups at this size, with the best schedule (adapted to the tile).
      if (!quick) {
        for (const tile of TILES) {
          const schedule = resolveSchedule(tile, bestSchedule, limits);
          if (schedule && Math.ceil(n / tile.tm) * Math.ceil(n / tile.tn) >= 32) configs.push(['tile sweep, the best schedule', { tile, schedule }]);
        }
      }
      const seen = new Set<string>();
      const measuredHere: Row[] = [];
      for (const [note, cfg] of configs) {
        const id = configId(cfg);
        if (seen.has(id)) continue;
        seen.add(id);
        if (!clock.within(0.87)) {
          rows.push({ n, id, note, skipped: 'time budget' });
          continue;
        }
        // Quick: the real config on the small size only if it is cheap to compile there, else its miniature.
        const cheap = !quick || tileThreads(cfg.tile) <= 64;
        const runCfg = cheap ? cfg : miniature(cfg);
        const r = await measureGemmAt(gpu, runCfg, n, limits, options, problemFor, heater);
        const row: Row = { n, id, note, tile: cfg.tile, schedule: cfg.schedule, ...(cheap ? {} : { miniature: runCfg.tile }), ...r };
        rows.push(row);
        measuredHere.push(row);
        log(`${`${n}² ${id}`.padEnd(72)} ${row.error ? `ERROR ${String(row.error).slice(0, 100)}` : `${row.tflops} TFLOP/s${row.correct ? '' : ' WRONG'}`}`);
      }
      const best = measuredHere.filter((r) => score(r) > 0).sort((x, y) => score(y) - score(x))[0];
      const def = measuredHere.find((r) => r.note === 'the default (chooseTile + its GEMM_TILES schedule)');
      if (best) bySize[n] = { best: best.id, tflops: best.tflops, tile: best.tile, schedule: best.schedule, default: def?.id ?? null, default_tflops: def?.tflops ?? null };
      for (const p of [...problems.values()]) dropProblem(p);
    }
    report.sizes = rows;
  }

  // ---- SYRK vs GEMM ----
  if (options.phases.includes('syrk')) {
    report.syrk = await runSyrk(gpu, limits, options, clock, bestSchedule, top[0] ?? null, problemFor, log, heater);
    for (const p of [...problems.values()]) dropProblem(p);
  }

  // ---- recommendation ----
  const winner = ranked[0];
  const legacyRow = [...measured.values()].find((r) => (r.schedule as TiledSchedule | undefined)?.boundedIndices === false && JSON.stringify(r.tile) === JSON.stringify(BASE_TILE));
  const defaultRow = [...measured.values()].find((r) => r.note === 'the default now (chooseTile + its GEMM_TILES schedule)');
  if (winner) {
    report.recommendation = {
      id: winner.id,
      tflops: winner.tflops,
      vs_first_version: score(legacyRow) > 0 ? sig(score(winner) / score(legacyRow), 3) : null,
      vs_default_now: score(defaultRow) > 0 ? sig(score(winner) / score(defaultRow), 3) : null,
      reaches_45_tflops: score(winner) >= 45,
      set_in_matmul_ts: {
        'GEMM_TILES, a row first (minGrid FULL_GRID)': { tile: winner.tile, schedule: winner.schedule },
        DEFAULT_SCHEDULE: winner.schedule,
      },
      best_by_size: bySize,
    };
  }
  report.device_reopened = gpu.reopened;
  report.elapsed_s = sig(clock.elapsedS(), 3);
  if (!gpu.provider.lost) gpu.provider.destroy();
  return report;
}

/** The tile and schedule buildMatmul picks on its own for this product (vec4 when m % 4 == 0). */
function defaultConfig(m: number, n: number, k: number, transA: boolean, transB: boolean, limits: MatmulLimits): Config {
  const variant = m % 4 === 0 ? 'vec4' : 'tiled';
  return tiledConfig({ variant, m, n, k, transA, transB, epilogue: null, diagonalOnly: false }, limits);
}

function gemmProgram(cfg: Config, m: number, n: number, k: number, limits: MatmulLimits, transA = false, transB = false): KernelProgram {
  const variant = m % 4 === 0 ? 'vec4' : 'tiled';
  return buildMatmul({ variant, m, n, k, transA, transB, epilogue: null, diagonalOnly: false }, {}, limits, { tile: cfg.tile, schedule: cfg.schedule });
}

/** C = A*B on (tm + 36)×(tn + 13) with k = 3tk + 4 (nothing a multiple of the tile) against a full host product. */
async function raggedCheck(gpu: WebGpuProvider, cfg: Config, limits: MatmulLimits): Promise<string> {
  const m = cfg.tile.tm + 36;
  const n = cfg.tile.tn + 13;
  const k = 3 * cfg.tile.tk + 4;
  const a = hostMatrix(m * k, 11);
  const b = hostMatrix(k * n, 12);
  const ha = gpu.upload(a);
  const hb = gpu.upload(b);
  const hc = gpu.allocate(m * n);
  try {
    gpu.dispatch(gemmProgram(cfg, m, n, k, limits), [ha, hb], hc);
    const got = await gpu.download(hc);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) {
        const want = hostEntry(a, b, m, k, false, i, j);
        if (got[i + j * m] !== want) return `C(${i},${j}) = ${got[i + j * m]}, exact ${want} (${m}×${n}, k = ${k})`;
      }
    }
    return 'ok';
  } finally {
    gpu.release(ha);
    gpu.release(hb);
    gpu.release(hc);
    await gpu.flush();
  }
}

/** One GEMM config at n² (sizes phase): time and check, errors caught. */
async function measureGemmAt(
  gpu: Gpu,
  cfg: Config,
  n: number,
  limits: MatmulLimits,
  options: TuneOptions,
  problemFor: (m: number, n: number, k: number, transA?: boolean, sameB?: boolean, samples?: number, transB?: boolean) => Problem,
  heater: ClockHeater | null,
  transA = false,
  transB = false,
): Promise<Row> {
  const why = unfit(cfg, limits);
  if (why) return { skipped: why };
  try {
    const problem = problemFor(n, n, n, transA, false, 96, transB);
    const h = problem.bind(gpu.provider);
    const program = gemmProgram(cfg, n, n, n, limits, transA, transB);
    const timing = await timePasses(gpu.provider, () => gpu.provider.dispatch(program, [h.a, h.b], h.c), 1, options, heater);
    const check = problem.check(await gpu.provider.download(h.c));
    return { tflops: sig((2 * n * n * n) / (timing.gpu_us * 1e6)), ...timing, correct: check.correct, check, workgroups: program.workgroups };
  } catch (e) {
    const reopened = await gpu.recover();
    return { error: String(e instanceof Error ? e.message : e).slice(0, 600), ...(reopened ? { device_reopened: true } : {}) };
  }
}

// ---- SYRK ----

async function runSyrk(
  gpu: Gpu,
  deviceLimits: MatmulLimits,
  options: TuneOptions,
  clock: Clock,
  bestSchedule: TiledSchedule,
  bestGemm: Config | null,
  problemFor: (m: number, n: number, k: number, transA?: boolean, sameB?: boolean, samples?: number) => Problem,
  log: (line: string) => void,
  heater: ClockHeater | null,
): Promise<Row> {
  const quick = options.quick;
  // --quick: automatic tiles capped at 64 threads, which SwiftShader compiles in seconds.
  const limits = quick ? { ...deviceLimits, maxInvocations: Math.min(64, deviceLimits.maxInvocations) } : deviceLimits;
  const rows = quick ? 2048 : 200000;
  const n = quick ? 64 : 1024;
  // C = A'*A with A rows×n: as a GEMM, m = n = n, k = rows, A' read through strides, B = A.
  const problem = problemFor(n, n, rows, true, true, quick ? 64 : 48);
  const flopsUseful = 2 * n * n * rows;
  const out: Row = { shape: { a: [rows, n], c: [n, n] }, gemm: [] as Row[], configs: [] as Row[] };
  const tileSmall: TileConfig = quick ? { tm: 32, tn: 32, tk: 8, rm: 4, rn: 8 } : { tm: 64, tn: 64, tk: 16, rm: 4, rn: 4 };
  const tileBig: TileConfig = quick ? { tm: 32, tn: 32, tk: 16, rm: 8, rn: 4 } : { tm: 128, tn: 128, tk: 16, rm: 8, rn: 8 };

  const time = async (label: string, passes: () => { programs: KernelProgram[]; scratch: number }, extra: Row): Promise<Row> => {
    if (!clock.within(0.97)) return { label, ...extra, skipped: 'time budget' };
    let scratch: GpuArrayHandle | null = null;
    try {
      const h = problem.bind(gpu.provider);
      const { programs, scratch: scratchLength } = passes();
      if (programs.length === 2) scratch = gpu.provider.allocate(scratchLength);
      const run = (): void => {
        if (programs.length === 1) gpu.provider.dispatch(programs[0], programs[0].name === 'syrk' ? [h.a] : [h.a, h.b], h.c);
        else {
          gpu.provider.dispatch(programs[0], [h.a], scratch!);
          gpu.provider.dispatch(programs[1], [scratch!], h.c);
        }
      };
      const timing = await timePasses(gpu.provider, run, programs.length, options, heater);
      const check = problem.check(await gpu.provider.download(h.c));
      const row: Row = {
        label,
        ...extra,
        kernels: programs.map((p) => `${p.name}/${p.variant} ${p.workgroups.join('×')}`),
        ...timing,
        tflops_equivalent: sig(flopsUseful / (timing.gpu_us * 1e6)),
        correct: check.correct,
        check,
      };
      log(`syrk ${label.padEnd(60)} ${timing.gpu_us} µs${check.correct ? '' : ' WRONG'}`);
      return row;
    } catch (e) {
      const reopened = await gpu.recover();
      log(`syrk ${label}: ERROR ${String(e).slice(0, 120)}`);
      return { label, ...extra, error: String(e instanceof Error ? e.message : e).slice(0, 600), ...(reopened ? { device_reopened: true } : {}) };
    } finally {
      if (scratch && !gpu.provider.lost) gpu.provider.release(scratch);
    }
  };

  const gemmRows = out.gemm as Row[];
  const gemm = (label: string, cfg: Config | null): Promise<Row> =>
    time(label, () => ({ programs: [buildMatmul({ variant: 'vec4', m: n, n, k: rows, transA: true, transB: false, epilogue: null, diagonalOnly: false }, {}, limits, cfg ? { tile: cfg.tile, schedule: cfg.schedule } : {})], scratch: 0 }), cfg ? { id: configId(cfg) } : { id: 'default' });
  gemmRows.push(await gemm("our GEMM A'*B (B = A), default tile and schedule", null));
  gemmRows.push(await gemm("our GEMM A'*B (B = A), default tile + the best schedule", { tile: chooseTile(n, n, limits), schedule: bestSchedule }));
  if (bestGemm && !quick) gemmRows.push(await gemm("our GEMM A'*B (B = A), the best 4096² config", bestGemm));
  const smallTile = chooseTile(n, n, limits);
  gemmRows.push(await gemm("our GEMM A'*B (B = A), default tile, unrolled, branch-free, two stages", { tile: smallTile, schedule: { ...BASE_SCHEDULE, ...UB } }));
  gemmRows.push(await gemm("our GEMM A'*B (B = A), default tile, BEST3 with A padded", { tile: smallTile, schedule: { ...BASE_SCHEDULE, ...BEST3, padA: 1 } }));
  gemmRows.push(await gemm("our GEMM A'*B (B = A), default tile, BEST3 with two stages, A padded", { tile: smallTile, schedule: { ...BASE_SCHEDULE, ...BEST3, stages: 2, padA: 1 } }));

  const syrk = (label: string, tuning: SyrkTuning): Promise<Row> =>
    time(
      label,
      () => {
        const plan = buildSyrkPlan({ n, k: rows, rowOffset: 0, rows, accumulate: false, epilogue: null }, {}, limits, tuning);
        return { programs: plan.passes, scratch: plan.scratchLength };
      },
      { tuning },
    );
  const configs = out.configs as Row[];
  configs.push(await syrk('auto plan (default)', {}));
  configs.push(await syrk('auto plan, the best schedule', { schedule: bestSchedule }));
  configs.push(await syrk('direct, small tile', { splits: 1, tile: tileSmall }));
  configs.push(await syrk('direct, big tile', { splits: 1, tile: tileBig }));
  for (const splits of quick ? [3, 8] : [4, 8, 12, 16, 24, 32]) configs.push(await syrk(`split ${splits}, big tile`, { splits, tile: tileBig }));
  for (const splits of quick ? [4] : [4, 8]) configs.push(await syrk(`split ${splits}, small tile`, { splits, tile: tileSmall }));
  for (const splits of quick ? [4] : [8, 16]) configs.push(await syrk(`split ${splits}, big tile, the best schedule`, { splits, tile: tileBig, schedule: bestSchedule }));
  if (!quick) configs.push(await syrk('split 8, 128×128×32 one stage, all knobs', { splits: 8, tile: { tm: 128, tn: 128, tk: 32, rm: 8, rn: 8 }, schedule: { ...BASE_SCHEDULE, ...ALL_KNOBS, stages: 1 } }));

  const gemmUs = typeof gemmRows[0]?.gpu_us === 'number' && gemmRows[0].correct ? (gemmRows[0].gpu_us as number) : null;
  const bestGemmUs = Math.min(...gemmRows.filter((r) => r.correct && typeof r.gpu_us === 'number').map((r) => r.gpu_us as number));
  for (const r of configs) {
    if (typeof r.gpu_us === 'number' && r.correct) {
      if (gemmUs) r.ratio_to_default_gemm = sig((r.gpu_us as number) / gemmUs, 3);
      if (Number.isFinite(bestGemmUs)) r.ratio_to_best_gemm = sig((r.gpu_us as number) / bestGemmUs, 3);
    }
  }
  const bestSyrk = configs.filter((r) => r.correct && typeof r.gpu_us === 'number').sort((x, y) => (x.gpu_us as number) - (y.gpu_us as number))[0];
  const auto = configs[0];
  out.summary = {
    best: bestSyrk ? { label: bestSyrk.label, gpu_us: bestSyrk.gpu_us, ratio_to_default_gemm: bestSyrk.ratio_to_default_gemm ?? null, ratio_to_best_gemm: bestSyrk.ratio_to_best_gemm ?? null } : null,
    auto: auto && typeof auto.gpu_us === 'number' ? { gpu_us: auto.gpu_us, ratio_to_default_gemm: auto.ratio_to_default_gemm ?? null, ratio_to_best_gemm: auto.ratio_to_best_gemm ?? null } : null,
    target: 'SYRK ≤ 0.6× the GEMM time on the same shape',
  };
  return out;
}

// ---- WGSL validation for --quick ----

/** Compiles WGSL into a shader module on a second device (no pipeline): 'ok' or the first error. */
async function openValidator(): Promise<((wgsl: string) => Promise<string>) | null> {
  try {
    const acquired = await acquireDevice();
    if (!acquired.ok) return null;
    // Hold the whole acquisition: Dawn's instance (gpuInstance) must outlive the device.
    const held = acquired.value;
    const device = held.device;
    return async (wgsl: string) => {
      void held.gpuInstance;
      device.pushErrorScope('validation');
      const module = device.createShaderModule({ code: wgsl });
      const info = await module.getCompilationInfo();
      const scopeError = await device.popErrorScope();
      const error = info.messages.find((m) => m.type === 'error');
      if (error) return `line ${error.lineNum}: ${error.message}`;
      return scopeError ? scopeError.message : 'ok';
    };
  } catch {
    return null;
  }
}

// ---- entry points ----

function summary(report: Row): string {
  const lines: string[] = [];
  const gemm = report.gemm as { ranking?: { id: string; tflops: number; vs_first_version: number | null }[] } | undefined;
  if (gemm?.ranking) {
    lines.push('best GEMM configs (TFLOP/s, × the first version):');
    for (const r of gemm.ranking) lines.push(`  ${String(r.tflops).padStart(7)}  ×${r.vs_first_version ?? '?'}  ${r.id}`);
  }
  const syrk = report.syrk as { summary?: unknown } | undefined;
  if (syrk?.summary) lines.push(`syrk: ${JSON.stringify(syrk.summary)}`);
  if (report.recommendation) lines.push(`recommendation: ${JSON.stringify(report.recommendation)}`);
  lines.push(`elapsed ${String(report.elapsed_s)} s`);
  return lines.join('\n') + '\n';
}

/** `matbook tune-matmul …` and the direct Node entry: prints the report, returns the exit code. */
export async function tuneMatmulMain(argv: readonly string[]): Promise<number> {
  let options: TuneOptions;
  try {
    options = parseTuneArgs(argv);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const log = (line: string): void => void process.stderr.write(`[tune-matmul] ${line}\n`);
  let report: Row;
  try {
    report = await runTuneMatmul(options, log);
  } catch (e) {
    report = { tool: 'tune-matmul', fatal: String(e instanceof Error ? (e.stack ?? e.message) : e) };
  }
  const json = JSON.stringify(report, null, 1) + '\n';
  if (options.out) writeFileSync(options.out, json);
  await new Promise<void>((resolve) => process.stdout.write(options.json ? json : summary(report), () => resolve()));
  return report.fatal ? 1 : 0;
}

// Run directly (not from the CLI bundle, where every module shares the bundle's URL).
if ((process.argv[1] ?? '').replace(/\\/g, '/').endsWith('bench/tune/matmul.ts')) {
  tuneMatmulMain(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`tune-matmul: ${String(e)}\n`);
      process.exit(1);
    },
  );
}
