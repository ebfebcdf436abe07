// The `syrk` kernel: C = alpha·A'·A for A k×n (column-major), C n×n symmetric. Only the tiles of
// C on and above the diagonal are computed, by the tiled GEMM kernel of matmul.ts (A' and A are
// both read from the one binding, contiguous along k); each off-diagonal tile also writes its
// mirror, so no element is computed twice and no separate mirror pass is needed.
//
// Two plans:
// - direct (buildSyrk, and buildSyrkPlan when the triangle fills the GPU): one pass over the
//   upper tiles; C = [C +] alpha·A'A.
// - split-k (buildSyrkPlan only, when the triangle has too few tiles to fill a large GPU, e.g.
//   A 200000×1024 has 36 tiles of 128² for 132 SMs): pass 1 gives each (tile, k-range) its own
//   workgroup and writes per-range partial triangles into scratch (splits × n × n f32, upper
//   tiles only); pass 2 (`reduce`) sums the partials of each element, mirrors, scales and
//   accumulates into C.
//
// Row chunks: the kernel sums p ∈ [rowOffset, rowOffset + rows) of the bound A, whose leading
// dimension (all its rows) is k. A caller whose A is beyond one binding's limit binds row chunks
// of it, each as its own rows×n matrix (k = rows, rowOffset = 0), the first with accumulate =
// false and the rest with accumulate = true; a caller that can bind A whole may still cut the
// work into chunks of it (k = all rows, rowOffset > 0).
//
// Bindings:
//   direct : a (read), c (read_write), uniform
//   split  : pass 1 a (read), scratch (read_write), uniform; pass 2 scratch (read), c (read_write), uniform

import {
  checkTile,
  chooseTile,
  emitParamsStruct,
  emitTiled,
  scheduleFor,
  tileThreads,
  writeMatmulUniforms,
  type MatmulLimits,
  type TileConfig,
  type TiledCode,
  type TiledSchedule,
} from './matmul.ts';
import { foldedGrid, programCacheKey, type KernelProgram } from './program.ts';
import { WgslBuilder } from './wgslBuilder.ts';

export interface SyrkParams {
  /** A's columns: C is n×n. */
  n: number;
  /** A's rows as bound (its leading dimension). */
  k: number;
  /** The rows summed: [rowOffset, rowOffset + rows). */
  rowOffset: number;
  rows: number;
  /** C += alpha·A'A instead of C = alpha·A'A. */
  accumulate: boolean;
  epilogue: { alpha: boolean } | null;
}

export interface SyrkConstants {
  alpha?: number;
}

export interface SyrkPlan {
  passes: KernelProgram[];
  /** f32 elements of scratch between the passes (0 for the direct plan). */
  scratchLength: number;
}

/** Bench/tuning overrides. */
export interface SyrkTuning {
  tile?: TileConfig;
  /** The tiled kernel's schedule (matmul.ts TiledSchedule); unset fields come from DEFAULT_SCHEDULE. */
  schedule?: Partial<TiledSchedule>;
  /** Force a split count (1 = direct). */
  splits?: number;
}

/**
 * Workgroups to aim for: about 8 per SM on a large GPU (132 SMs on an H100). Measured there for
 * A 200000×1024 (a triangle of 36 tiles of 128², tune-matmul 2026-11-24): 15 splits (540
 * workgroups) 6.0 ms, 24 splits 5.3 ms, 32 splits 5.1 ms; more splits shorten the tail of
 * workgroups left running alone at the end, and the reduce pass stays small.
 */
const TARGET_WORKGROUPS = 1024;
/**
 * A triangle of this many tiles fills the GPU on its own and is not split: 4096² (528 tiles of
 * 128²) ran direct in 1.50 ms and split in two in 1.67 ms on the H100.
 */
const FILLS_THE_GPU = 512;
/** Each split sums at least this many k-tiles, so the split pass is not all prologue. */
const MIN_TILES_PER_SPLIT = 16;
/** Scratch is capped at this many f32 (256 MiB). */
const MAX_SCRATCH = 1 << 26;
const REDUCE_THREADS = 256;
/** The edge of the biggest square tile chooseTile offers. */
const BIG_TILE = 128;

/** The direct plan: one pass over the upper tiles, no scratch. */
export function buildSyrk(params: SyrkParams, constants: SyrkConstants, limits: MatmulLimits, tuning: SyrkTuning = {}): KernelProgram[] {
  return buildSyrkPlan(params, constants, limits, { ...tuning, splits: 1 }).passes;
}

/** Direct, or split-k over scratch when the triangle alone cannot fill the GPU. */
export function buildSyrkPlan(params: SyrkParams, constants: SyrkConstants, limits: MatmulLimits, tuning: SyrkTuning = {}): SyrkPlan {
  const { n, k, rowOffset, rows } = params;
  if (![n, k, rows].every((v) => Number.isInteger(v) && v >= 1)) throw new Error(`syrk: bad sizes n=${n} k=${k} rows=${rows}`);
  if (!Number.isInteger(rowOffset) || rowOffset < 0 || rowOffset + rows > k) throw new Error(`syrk: rows [${rowOffset}, ${rowOffset + rows}) outside A's ${k} rows`);
  const alpha = params.epilogue?.alpha ? (constants.alpha ?? 1) : 1;

  // Split-k wants big tiles (the splits give the parallelism) once C is at least one big tile
  // across; a smaller C, and the direct plan, size the tile by the grid (a 128² tile over a 40×40
  // C would be mostly padding).
  const splitTile = n >= BIG_TILE ? chooseTile(Math.max(n, 2048), Math.max(n, 2048), limits, true) : chooseTile(n, n, limits, true);
  const tile = tuning.tile ?? (tuning.splits === 1 ? chooseTile(n, n, limits, true) : splitTile);
  if (tile.tm !== tile.tn) throw new Error('syrk: the tile must be square');
  const nt = Math.ceil(n / tile.tm);
  const triangle = (nt * (nt + 1)) / 2;
  if (triangle > limits.maxWorkgroupsPerDimension) throw new Error(`syrk: n = ${n} needs ${triangle} tiles, past the workgroup grid`);
  const kTiles = Math.ceil(rows / tile.tk);
  const wanted = triangle >= FILLS_THE_GPU ? 1 : Math.ceil(TARGET_WORKGROUPS / triangle);
  let splits = tuning.splits ?? Math.max(1, Math.min(wanted, Math.floor(kTiles / MIN_TILES_PER_SPLIT), Math.floor(MAX_SCRATCH / (n * n))));
  splits = Math.min(splits, kTiles, limits.maxWorkgroupsPerDimension);
  const kChunk = Math.ceil(kTiles / splits) * tile.tk;
  splits = Math.ceil(rows / kChunk);

  const vec = k % 4 === 0 && rowOffset % 4 === 0 && rows % 4 === 0;
  const schedule = scheduleFor(tile, tuning.schedule, limits, { workgroups: triangle * splits, scatteredA: vec });
  checkTile(tile, schedule, limits);
  const code: TiledCode = {
    family: 'syrk',
    tile,
    schedule,
    transA: true,
    transB: false,
    vecA: vec,
    vecB: vec,
    vecC: false,
    fitM: n % tile.tm === 0,
    fitN: n % tile.tn === 0,
    fitK: rows % tile.tk === 0,
    epilogue: null,
    bShared: 'j',
    syrkWrite: splits === 1 ? 'direct' : 'partial',
    accumulate: splits === 1 && params.accumulate,
    split: false,
  };
  const uniforms = writeMatmulUniforms({
    m: n, n, k, lda: k, ldb: k, ldc: n,
    kBegin: rowOffset, kChunk: splits === 1 ? rows : kChunk, kEnd: rowOffset + rows,
    tiles: nt, alpha, beta: 0, lo: 0, hi: 0, p: 1,
  });
  const threads = tileThreads(tile);
  const at = { bias: -1, scale: -1, c: 1, uniform: 2 };
  const flops = n * (n + 1) * rows; // the useful half of 2·n²·rows
  const tiles: KernelProgram = {
    name: 'syrk',
    variant: splits === 1 ? 'direct' : 'split',
    wgsl: emitTiled(code, at),
    cacheKey: programCacheKey('syrk', code),
    bindings: [
      { binding: 0, kind: 'read' },
      { binding: 1, kind: 'read_write' },
      { binding: 2, kind: 'uniform' },
    ],
    workgroupSize: [threads, 1, 1],
    workgroups: [triangle, splits, 1],
    uniforms,
    flops,
    bytes: 4 * (k * n + (splits === 1 ? n * n : splits * n * n)),
    boundBy: 'flops',
    shapes: [[k, n], splits === 1 ? [n, n] : [splits * n * n]],
  };
  if (splits === 1) return { passes: [tiles], scratchLength: 0 };

  const reduceCode = { accumulate: params.accumulate, threads: REDUCE_THREADS };
  const reduce: KernelProgram = {
    name: 'syrk',
    variant: 'reduce',
    wgsl: emitReduce(reduceCode),
    cacheKey: programCacheKey('syrk', { pass: 'reduce', ...reduceCode }),
    bindings: [
      { binding: 0, kind: 'read' },
      { binding: 1, kind: 'read_write' },
      { binding: 2, kind: 'uniform' },
    ],
    workgroupSize: [REDUCE_THREADS, 1, 1],
    workgroups: foldedGrid(n * n, REDUCE_THREADS, limits.maxWorkgroupsPerDimension),
    uniforms: writeMatmulUniforms({ m: n, n, k: splits, lda: 0, ldb: 0, ldc: n, kBegin: 0, kChunk: 0, kEnd: 0, tiles: nt, alpha, beta: 0, lo: 0, hi: 0, p: 1 }),
    flops: splits * n * n,
    bytes: 4 * (splits * n * n + n * n * (params.accumulate ? 2 : 1)),
    boundBy: 'bytes',
    shapes: [[splits * n * n], [n, n]],
  };
  return { passes: [tiles, reduce], scratchLength: splits * n * n };
}

/** Pass 2 of split-k: C(i,j) = [C(i,j) +] alpha·Σ_s partial_s(min(i,j), max(i,j)). params.k = splits. */
function emitReduce(code: { accumulate: boolean; threads: number }): string {
  const w = new WgslBuilder();
  w.emit(`// syrk reduce: sum the split partials of the upper triangle, mirror${code.accumulate ? ', accumulate into C' : ''}`);
  emitParamsStruct(w);
  w.emit('');
  w.emit('@group(0) @binding(0) var<storage, read> partials: array<f32>;');
  w.emit('@group(0) @binding(1) var<storage, read_write> c: array<f32>;');
  w.emit('@group(0) @binding(2) var<uniform> params: Params;');
  w.emit('');
  w.emit(`@compute @workgroup_size(${code.threads})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit(`let e = gid.x + gid.y * groups.x * ${code.threads}u;`);
    w.emit('let nn = params.n * params.n;');
    w.block('if (e >= nn)', () => w.emit('return;'));
    w.emit('let i = e % params.n;', 'let j = e / params.n;');
    w.emit('// Only tiles on and above the diagonal hold partials: read (min, max).');
    w.emit('let src = select(j + i * params.n, e, i <= j);');
    w.emit('var s = 0.0;');
    w.block('for (var split = 0u; split < params.k; split = split + 1u)', () => w.emit('s = s + partials[split * nn + src];'));
    w.emit(code.accumulate ? 'c[e] = c[e] + params.alpha * s;' : 'c[e] = params.alpha * s;');
  });
  return w.toString();
}
