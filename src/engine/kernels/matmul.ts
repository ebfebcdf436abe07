// The `matmul` kernel family: C = op(A)·op(B) in f32, column-major (MATLAB), with an optional
// epilogue folded into the write (alpha, + beta, bias row/column, row/column scaling, clamps,
// power) and `diag(A*B)` computing only the diagonal. Which variant runs is the planner's decision
// (fusion/matmulRouting.ts: one function, a comment per threshold), and so is which expressions
// fold into the epilogue. This file only generates code.
//
// Variants:
// - `tiled`  : shared-memory tiles of A and B (one or two stages; the next tile's global loads in
//              flight during the current tile's math: TiledSchedule), a register block of RM×RN
//              outputs per thread; scalar global loads, so any layout and any M, N, K ≥ 1.
// - `vec4`   : the same kernel with 16-byte global loads for each operand whose contiguous
//              dimension is a multiple of 4, and 16-byte stores of C (needs M % 4 == 0).
// - `smallk` : K ≤ 8 (outer-product-like, bound by writing C): each thread holds 4 rows of A in
//              registers for all K and sweeps a strip of columns, one vec4 store per column.
// - `gemv`   : M == 1 or N == 1: one dot product per output, lanes of a workgroup along K (or
//              along the outputs when that is the contiguous direction), a tree in workgroup memory.
// - diagonalOnly (`diag`): the gemv kernel with both operands depending on the output index.
// - split-k (buildMatmulPartials, driven by matmulSplit.ts): tiled/vec4 with workgroup layer wid.z
//              summing its own k range into a scratch slice; a reduce pass sums and applies the epilogue.
//
// Operand addressing (column-major, leading dimensions in the uniforms):
//   A(i,p) = transA ? a[p + i·lda] : a[i + p·lda]     lda = transA ? K : M
//   B(p,j) = transB ? b[j + p·ldb] : b[p + j·ldb]     ldb = transB ? N : K
//   C(i,j) = c[i + j·M]
// Transposed operands are read through these strides: no transpose kernel ever runs.
//
// Shared-memory layout of the tiled kernels: As[p][i/4] and Bs[p][j/4] (vec4 along i and j, what
// the inner loop reads: conflict-free 16-byte reads of A, broadcasts of B). A and B' are stored
// straight from their 16-byte loads; A' and B (contiguous along k) are scattered by component
// (rows padded by a vec4 so the scatter has 2-way, not 4-way, bank conflicts). On an H100 that
// scatter beats keeping B along k (Bs[j][p/4]): 35.6 vs 31.5 TFLOP/s at 4096², and beats 4×4
// blocks transposed in registers (TiledSchedule.kStore); TiledCode.bShared keeps the other layout.
// Every shared-memory index is one Tint's range analysis can bound (t % 2, never t & 1), so Dawn's
// robustness pass adds no clamp to the inner loop's loads.
//
// Bindings: a (read), b (read), bias (read, if any), scale (read, if any), c (read_write), uniform.
// The key holds the variant, the transposes, the epilogue flags, the tile, the vec4 flags and the
// fit flags (M/N/K divisible by the tile: bounds checks dropped); shapes live in the uniforms.

import { foldedGrid, programCacheKey, UniformWriter, type KernelBinding, type KernelProgram } from './program.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';
import {
  checkTile,
  chooseTile,
  scheduleFor,
  splitTile,
  tileThreads,
  type MatmulLimits,
  type ScheduleUse,
  type TileConfig,
  type TiledSchedule,
} from './matmulTiles.ts';

export * from './matmulTiles.ts';

export type MatmulVariant = 'tiled' | 'vec4' | 'smallk' | 'gemv';

/** Applied to each output element c = Σ_k A(i,k)B(k,j), in this order; each step optional. */
export interface MatmulEpilogue {
  /** c *= alpha (uniform). */
  alpha: boolean;
  /** c += beta (uniform scalar). */
  beta: boolean;
  /** c += bias[j] (row vector 1×N) or bias[i] (column vector M×1): an extra input. */
  bias: 'none' | 'row' | 'column';
  /** c *= or /= s[i] (rowX: per row, M×1) or s[j] (colX: per column, 1×N): an extra input. */
  scale: 'none' | 'rowMul' | 'rowDiv' | 'colMul' | 'colDiv';
  /** c = max(c, lo), then min(c, hi) (uniforms; NaN-ignoring like MATLAB max/min). */
  clampMin: boolean;
  clampMax: boolean;
  /** c = c .^ p (uniform; MATLAB power semantics, p = 2 exactly as c*c). */
  power: boolean;
}

export interface MatmulParams {
  variant: MatmulVariant;
  /** C is m×n; A is m×k (k×m stored when transA), B is k×n (n×k stored when transB). */
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  epilogue: MatmulEpilogue | null;
  /** diag(A*B): only C(i,i), output length min(m,n). `variant` is then ignored. */
  diagonalOnly: boolean;
}

export interface MatmulConstants {
  alpha?: number;
  beta?: number;
  lo?: number;
  hi?: number;
  p?: number;
}

/** Bench/tuning overrides; the planner never passes these. */
export interface MatmulTuning {
  tile?: TileConfig;
  /**
   * Fields given here are used as they are (an error if they do not fit); the rest come from
   * DEFAULT_SCHEDULE, adapted to the tile (a warp arrangement it cannot take, storage it lacks).
   */
  schedule?: Partial<TiledSchedule>;
  /** Columns each smallk thread sweeps. */
  smallkColumns?: number;
  /** Shared-memory layout of B (not B'); see TiledCode.bShared. */
  bShared?: 'k' | 'j';
}

// ---- routing ----

/** K at or below which the product is an outer-product-like write of C (smallk). */
export const SMALL_K = 8;

// ---- the builder ----

export function buildMatmul(params: MatmulParams, constants: MatmulConstants, limits: MatmulLimits, tuning: MatmulTuning = {}): KernelProgram {
  const { m, n, k } = params;
  for (const [name, v] of [['m', m], ['n', n], ['k', k]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`matmul: ${name} = ${v}; sizes must be integers ≥ 1 (the planner handles empties)`);
  }
  const epilogue = normaliseEpilogue(params.epilogue);
  if (params.diagonalOnly) return buildDot(params, epilogue, constants, limits, 'diag');
  switch (params.variant) {
    case 'tiled':
    case 'vec4':
      return buildTiledGemm(params, epilogue, constants, limits, tuning);
    case 'smallk':
      return buildSmallK(params, epilogue, constants, limits, tuning.smallkColumns);
    case 'gemv':
      if (m !== 1 && n !== 1) throw new Error(`matmul gemv: needs m == 1 or n == 1, got ${m}×${n}`);
      return buildDot(params, epilogue, constants, limits, n === 1 ? 'rows' : 'cols');
  }
}

/** An epilogue with no step is no epilogue (so `+epilogue` and the key stay honest). */
function normaliseEpilogue(e: MatmulEpilogue | null): MatmulEpilogue | null {
  if (!e) return null;
  const any = e.alpha || e.beta || e.bias !== 'none' || e.scale !== 'none' || e.clampMin || e.clampMax || e.power;
  return any
    ? { alpha: e.alpha, beta: e.beta, bias: e.bias, scale: e.scale, clampMin: e.clampMin, clampMax: e.clampMax, power: e.power }
    : null;
}

// ---- uniforms (one layout for every variant and for syrk) ----

/** Mirrors the WGSL `Params` struct of emitParamsStruct. */
export interface MatmulUniforms {
  m: number;
  n: number;
  k: number;
  lda: number;
  ldb: number;
  ldc: number;
  /** First k index summed (syrk row chunks), the k-range of one split, and the end of the k range. */
  kBegin: number;
  kChunk: number;
  kEnd: number;
  /** syrk: tiles per side of C. */
  tiles: number;
  alpha: number;
  beta: number;
  lo: number;
  hi: number;
  p: number;
}

export function writeMatmulUniforms(u: MatmulUniforms): ArrayBuffer {
  return new UniformWriter()
    .u32(u.m).u32(u.n).u32(u.k).u32(u.lda)
    .u32(u.ldb).u32(u.ldc).u32(u.kBegin).u32(u.kChunk)
    .u32(u.kEnd).u32(u.tiles).u32(f32Bits(u.alpha)).u32(f32Bits(u.beta))
    .u32(f32Bits(u.lo)).u32(f32Bits(u.hi)).u32(f32Bits(u.p))
    .finish();
}

export function emitParamsStruct(w: WgslBuilder): void {
  w.block('struct Params', () => {
    w.emit('m: u32,', 'n: u32,', 'k: u32,', 'lda: u32,', 'ldb: u32,', 'ldc: u32,');
    w.emit('// The summed k range: [k_begin + split·k_chunk, min(… + k_chunk, k_end)).');
    w.emit('k_begin: u32,', 'k_chunk: u32,', 'k_end: u32,', 'tiles: u32,');
    w.emit('alpha: f32,', 'beta: f32,', 'lo: f32,', 'hi: f32,', 'p: f32,');
  });
}

function uniformsFor(params: MatmulParams, constants: MatmulConstants): ArrayBuffer {
  const { m, n, k, transA, transB } = params;
  return writeMatmulUniforms({
    m, n, k,
    lda: transA ? k : m,
    ldb: transB ? n : k,
    ldc: m,
    kBegin: 0,
    kChunk: k,
    kEnd: k,
    tiles: 0,
    alpha: constants.alpha ?? 1,
    beta: constants.beta ?? 0,
    lo: constants.lo ?? 0,
    hi: constants.hi ?? 0,
    p: constants.p ?? 1,
  });
}

// ---- epilogue ----

/**
 * Bindings of a product: its `operands` read inputs (a and b; the partials for split-k's reduce
 * pass), then the epilogue's extra inputs, then c, then the uniform.
 */
export function productBindings(epilogue: MatmulEpilogue | null, operands = 2): { bindings: KernelBinding[]; bias: number; scale: number; c: number; uniform: number } {
  let next = operands;
  const bias = epilogue && epilogue.bias !== 'none' ? next++ : -1;
  const scale = epilogue && epilogue.scale !== 'none' ? next++ : -1;
  const c = next++;
  const uniform = next++;
  const bindings: KernelBinding[] = [];
  for (let b = 0; b < c; b++) bindings.push({ binding: b, kind: 'read' });
  bindings.push({ binding: c, kind: 'read_write' }, { binding: uniform, kind: 'uniform' });
  return { bindings, bias, scale, c, uniform };
}

export function emitEpilogueBindings(w: WgslBuilder, epilogue: MatmulEpilogue | null, at: { bias: number; scale: number }): void {
  if (at.bias >= 0) w.emit(`@group(0) @binding(${at.bias}) var<storage, read> bias: array<f32>;`);
  if (at.scale >= 0) w.emit(`@group(0) @binding(${at.scale}) var<storage, read> scale: array<f32>;`);
  void epilogue;
}

/** `fn epilogue(v, i, j) -> f32`, the steps in the contract's order. Emitted only when there is one. */
export function emitEpilogueFunction(w: WgslBuilder, e: MatmulEpilogue | null): void {
  if (!e) return;
  w.block('fn epilogue(value: f32, i: u32, j: u32) -> f32', () => {
    w.emit('var v = value;');
    if (e.alpha) w.emit('v = v * params.alpha;');
    if (e.beta) w.emit('v = v + params.beta;');
    if (e.bias === 'row') w.emit('v = v + bias[j];');
    if (e.bias === 'column') w.emit('v = v + bias[i];');
    if (e.scale === 'rowMul') w.emit('v = v * scale[i];');
    if (e.scale === 'rowDiv') w.emit('v = v / scale[i];');
    if (e.scale === 'colMul') w.emit('v = v * scale[j];');
    if (e.scale === 'colDiv') w.emit('v = v / scale[j];');
    if (e.clampMin) w.emit('v = mb_max(v, params.lo);');
    if (e.clampMax) w.emit('v = mb_min(v, params.hi);');
    if (e.power) w.emit('v = mb_pow(v, params.p);');
    w.emit('return v;');
  });
  w.emit('');
}

function epilogueCall(e: MatmulEpilogue | null, value: string, i: string, j: string): string {
  return e ? `epilogue(${value}, ${i}, ${j})` : value;
}

export function epilogueInputShapes(e: MatmulEpilogue | null, m: number, n: number): number[][] {
  const shapes: number[][] = [];
  if (e && e.bias !== 'none') shapes.push(e.bias === 'row' ? [1, n] : [m, 1]);
  if (e && e.scale !== 'none') shapes.push(e.scale.startsWith('row') ? [m, 1] : [1, n]);
  return shapes;
}

export function variantName(base: string, e: MatmulEpilogue | null): string {
  return e ? `${base}+epilogue` : base;
}

// ---- tiled / vec4 GEMM (shared with syrk) ----

/** Everything the tiled kernel's WGSL depends on: serialised, its cache key. */
export interface TiledCode {
  readonly family: 'gemm' | 'syrk';
  readonly tile: TileConfig;
  readonly schedule: TiledSchedule;
  readonly transA: boolean;
  readonly transB: boolean;
  /** 16-byte global loads of A / B, 16-byte stores of C. */
  readonly vecA: boolean;
  readonly vecB: boolean;
  readonly vecC: boolean;
  /** m, n divisible by the tile; every k range divisible by tk: bounds checks dropped. */
  readonly fitM: boolean;
  readonly fitN: boolean;
  readonly fitK: boolean;
  readonly epilogue: MatmulEpilogue | null;
  /** B (not B') in shared memory: kept along k (Bs[j][p/4]) or scattered along j (Bs[p][j/4], the default: measured faster on an H100). */
  readonly bShared: 'k' | 'j';
  /**
   * syrk only: how C is written. `direct`: C(i,j) (and its mirror C(j,i) off the diagonal) =
   * [C(i,j) when accumulating] + alpha·acc. `partial`: acc into a scratch of splits × n × n.
   */
  readonly syrkWrite: 'none' | 'direct' | 'partial';
  readonly accumulate: boolean;
  /**
   * gemm only, split-k (matmulSplit.ts): workgroup layer wid.z sums its own k range and writes its
   * raw partial C (no epilogue) to scratch[wid.z·m·n + i + j·m].
   */
  readonly split: boolean;
}

/** The tile and schedule a tiled/vec4 product runs with: tuning's, else chooseTile's and scheduleFor's. */
export function tiledConfig(params: MatmulParams, limits: MatmulLimits, tuning: MatmulTuning = {}): { tile: TileConfig; schedule: TiledSchedule } {
  const { m, n, k, transA } = params;
  const tile = tuning.tile ?? chooseTile(m, n, limits);
  const use: ScheduleUse = { workgroups: Math.ceil(m / tile.tm) * Math.ceil(n / tile.tn), scatteredA: transA && params.variant === 'vec4' && k % 4 === 0 };
  return { tile, schedule: scheduleFor(tile, tuning.schedule, limits, use) };
}

function buildTiledGemm(
  params: MatmulParams,
  epilogue: MatmulEpilogue | null,
  constants: MatmulConstants,
  limits: MatmulLimits,
  tuning: MatmulTuning,
): KernelProgram {
  return tiledGemmProgram(params, epilogue, constants, limits, tuning, null);
}

/**
 * Pass 1 of a split-k product: the tiled/vec4 kernel with the k range of workgroup layer wid.z,
 * writing raw partials into scratch (splits × m × n f32, split s at s·m·n, leading dimension m).
 * `splits` is the count wanted; each range is a multiple of the tile's tk, so the count run (the
 * returned `splits`) can come out lower on a short k. The epilogue belongs to the reduce pass.
 */
export function buildMatmulPartials(params: MatmulParams, limits: MatmulLimits, splits: number, tuning: MatmulTuning = {}): { program: KernelProgram; splits: number } {
  const { m, n, k } = params;
  for (const [name, v] of [['m', m], ['n', n], ['k', k], ['splits', splits]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`matmul split-k: ${name} = ${v}; must be an integer ≥ 1`);
  }
  if (params.diagonalOnly || (params.variant !== 'tiled' && params.variant !== 'vec4')) {
    throw new Error(`matmul split-k: only the tiled and vec4 kernels split k, not ${params.diagonalOnly ? 'diag' : params.variant}`);
  }
  const tile = tuning.tile ?? splitTile(m, n, limits);
  const kTiles = Math.ceil(k / tile.tk);
  const kChunk = Math.ceil(kTiles / Math.min(splits, kTiles)) * tile.tk;
  const run = Math.ceil(k / kChunk);
  const program = tiledGemmProgram(params, null, {}, limits, { ...tuning, tile }, { splits: run, kChunk });
  return { program, splits: run };
}

function tiledGemmProgram(
  params: MatmulParams,
  epilogue: MatmulEpilogue | null,
  constants: MatmulConstants,
  limits: MatmulLimits,
  tuning: MatmulTuning,
  split: { splits: number; kChunk: number } | null,
): KernelProgram {
  const { m, n, k, transA, transB } = params;
  const vec = params.variant === 'vec4';
  if (vec && m % 4 !== 0) throw new Error(`matmul vec4: needs m % 4 == 0 (16-byte stores of C), got m = ${m}`);
  const { tile, schedule } = split ? splitConfig(params, limits, tuning, split.splits) : tiledConfig(params, limits, tuning);
  checkTile(tile, schedule, limits);
  const code: TiledCode = {
    family: 'gemm',
    tile,
    schedule,
    transA,
    transB,
    vecA: vec && (transA ? k : m) % 4 === 0,
    vecB: vec && (transB ? n : k) % 4 === 0,
    vecC: vec,
    fitM: m % tile.tm === 0,
    fitN: n % tile.tn === 0,
    fitK: k % tile.tk === 0,
    epilogue,
    bShared: tuning.bShared ?? 'j',
    syrkWrite: 'none',
    accumulate: false,
    split: split !== null,
  };
  const groups: [number, number, number] = [Math.ceil(m / tile.tm), Math.ceil(n / tile.tn), split ? split.splits : 1];
  if (groups.some((g) => g > limits.maxWorkgroupsPerDimension)) {
    throw new Error(`matmul: ${m}×${n}${split ? ` in ${split.splits} k-splits` : ''} needs a ${groups.join('×')} grid, past the device's ${limits.maxWorkgroupsPerDimension} per dimension`);
  }
  const layout = productBindings(epilogue);
  const extra = epilogueInputShapes(epilogue, m, n);
  const uniforms = split
    ? writeMatmulUniforms({
      m, n, k, lda: transA ? k : m, ldb: transB ? n : k, ldc: m,
      kBegin: 0, kChunk: split.kChunk, kEnd: k, tiles: 0, alpha: 1, beta: 0, lo: 0, hi: 0, p: 1,
    })
    : uniformsFor(params, constants);
  const outputs = split ? split.splits * m * n : m * n;
  return {
    name: 'matmul',
    variant: split ? `${params.variant}+split` : variantName(params.variant, epilogue),
    wgsl: emitTiled(code, layout),
    cacheKey: programCacheKey('matmul', code),
    bindings: layout.bindings,
    workgroupSize: [tileThreads(tile), 1, 1],
    workgroups: groups,
    uniforms,
    flops: 2 * m * n * k,
    bytes: 4 * (m * k + k * n + outputs + extra.reduce((s, sh) => s + sh[0] * sh[1], 0)),
    boundBy: 'flops',
    shapes: [transA ? [k, m] : [m, k], transB ? [n, k] : [k, n], ...extra, split ? [outputs] : [m, n]],
  };
}

/** tiledConfig for a split-k pass: the tile given (splitTile's by default), the schedule sized by the whole grid. */
function splitConfig(params: MatmulParams, limits: MatmulLimits, tuning: MatmulTuning, splits: number): { tile: TileConfig; schedule: TiledSchedule } {
  const { m, n, k, transA } = params;
  const tile = tuning.tile ?? splitTile(m, n, limits);
  const workgroups = Math.ceil(m / tile.tm) * Math.ceil(n / tile.tn) * splits;
  const use: ScheduleUse = { workgroups, scatteredA: transA && params.variant === 'vec4' && k % 4 === 0 };
  return { tile, schedule: scheduleFor(tile, tuning.schedule, limits, use) };
}

export interface TiledBindingLayout {
  bias: number;
  scale: number;
  c: number;
  uniform: number;
}

/**
 * One operand of the tiled kernel as the loaders see it: X(x, p) with x along the tile's rows (A,
 * x = i) or columns (B, x = j), addressed as `p + x·ld` when contiguous along k, else `x + p·ld`.
 */
interface TiledOperand {
  readonly role: 'A' | 'B';
  /** Storage array, register prefix, shared array. */
  readonly array: string;
  readonly reg: string;
  readonly shared: string;
  /** Tile extent along x (tm or tn), the first x of the tile, the bound on x, the leading dimension. */
  readonly extent: number;
  readonly x0: string;
  readonly bound: string;
  readonly ld: string;
  readonly fit: boolean;
  readonly vec: boolean;
  readonly alongK: boolean;
  /** vec4 slots per k-row of the shared tile (extent/4 + padding). */
  readonly row: number;
  /** B kept along k in shared memory (Bs[x][p/4], rows of tk/4 + padding slots). */
  readonly keepAlongK: boolean;
}

/** How an operand's tile goes from global memory through registers to shared memory. */
type LoadPlan =
  /** Contiguous along x: slots (p, x/4), x fastest; stored as they are. */
  | 'alongX'
  /** Contiguous along k, 16-byte loads of 4 k values, scattered by component into Xs[p][x/4] (or stored as they are along k). */
  | 'kScatter'
  /** Contiguous along k, 4×4 blocks transposed in registers: four 16-byte stores. */
  | 'kBlock'
  /** Contiguous along k, scalar loads of 4 neighbouring x at one k: slots (x/4, p), p fastest. */
  | 'kColumns';

function loadPlan(op: TiledOperand, s: TiledSchedule): LoadPlan {
  if (!op.alongK) return 'alongX';
  if (op.keepAlongK) return 'kScatter';
  if (!op.vec) return op.role === 'A' || s.kStore === 'block' ? 'kColumns' : 'kScatter';
  return s.kStore === 'block' ? 'kBlock' : 'kScatter';
}

/** The widest of 8, 4, 2, 1 dividing n: quarter-warp groups of vec4 slots along a k-row. */
function groupWidth(n: number): number {
  return [8, 4, 2, 1].find((w) => n % w === 0) ?? 1;
}

/**
 * The tiled kernel. Thread (tx, ty) (TX = tm/rm threads along i, TY = tn/rn along j) owns rows
 * i0 + g·4TX + 4tx + (0..3) for g < rm/4 and columns j0 + h·4TY + 4ty + (0..3) for h < rn/4:
 * its A reads are consecutive vec4s across neighbouring threads (conflict-free), its B reads the
 * same address across the threads of a row (broadcast), and its C stores are vec4s along
 * columns, adjacent threads writing adjacent 16 bytes. tx, ty come from the thread index either
 * row by row over the tile or warp by warp (schedule.warpRows).
 */
export function emitTiled(code: TiledCode, at: TiledBindingLayout): string {
  const { tm, tn, tk, rm, rn } = code.tile;
  const s = code.schedule;
  const TX = tm / rm;
  const TY = tn / rn;
  const threads = TX * TY;
  const G = rm / 4; // row groups (vec4s of C per column) per thread
  const H = rn / 4; // column groups per thread
  const KQ = tk / 4;
  const syrk = code.family === 'syrk';
  const bounded = s.boundedIndices;
  // i mod 2 and i mod 4 as index expressions: `%` Tint's range analysis bounds, `&` it does not.
  const paren = (e: string): string => (e.includes(' ') ? `(${e})` : e);
  const mod2 = (e: string): string => (bounded ? `${paren(e)} % 2u` : `${paren(e)} & 1u`);
  const mod4 = (e: string): string => (bounded ? `${e} % 4u` : `${e} & 3u`);

  const A: TiledOperand = {
    role: 'A', array: 'a', reg: 'ra', shared: 'As', extent: tm, x0: 'i0', bound: 'params.m', ld: 'params.lda',
    fit: code.fitM, vec: code.vecA, alongK: code.transA, row: tm / 4 + s.padA, keepAlongK: false,
  };
  // B contiguous along k (B) or along j (B'); kept along k in shared memory only when code.bShared says so.
  const keepB = !code.transB && code.bShared === 'k';
  const B: TiledOperand = {
    role: 'B', array: syrk ? 'a' : 'b', reg: 'rb', shared: 'Bs', extent: tn, x0: 'j0', bound: 'params.n', ld: 'params.ldb',
    fit: code.fitN, vec: code.vecB, alongK: !code.transB, row: keepB ? KQ : tn / 4 + s.padB, keepAlongK: keepB,
  };
  // vec4 slots of one stage.
  const stageA = tk * A.row;
  const stageB = keepB ? tn * B.row : tk * B.row;

  const w = new WgslBuilder();
  w.emit(
    `// matmul ${code.family} tile ${tm}×${tn}×${tk}, ${rm}×${rn} per thread, A${code.transA ? "'" : ''} B${code.transB ? "'" : ''}` +
      `${code.vecA ? ', vec4 A' : ''}${code.vecB ? ', vec4 B' : ''}${code.vecC ? ', vec4 C' : ''}`,
  );
  w.emit(
    `// ${s.stages} stage(s), ${s.warpRows ? `${s.warpRows}×${32 / s.warpRows} threads per warp` : 'threads along i'}, ` +
      `${s.unroll ? 'k-tile unrolled' : 'loop of 4 k-steps'}, k-major operands stored by ${s.kStore}, padding ${s.padA}/${s.padB}` +
      `${s.branchFree ? ', branch-free k loop' : ''}${bounded ? '' : ', clamped shared indices'}`,
  );
  emitParamsStruct(w);
  w.emit('');
  w.emit(`@group(0) @binding(0) var<storage, read> a: array<${code.vecA ? 'vec4<f32>' : 'f32'}>;`);
  if (!syrk) w.emit(`@group(0) @binding(1) var<storage, read> b: array<${code.vecB ? 'vec4<f32>' : 'f32'}>;`);
  emitEpilogueBindings(w, code.epilogue, at);
  w.emit(`@group(0) @binding(${at.c}) var<storage, read_write> c: array<${code.vecC ? 'vec4<f32>' : 'f32'}>;`);
  w.emit(`@group(0) @binding(${at.uniform}) var<uniform> params: Params;`);
  w.emit('');
  w.emit(`const TM = ${tm}u;`, `const TN = ${tn}u;`, `const TK = ${tk}u;`, `const TX = ${TX}u;`, `const TY = ${TY}u;`);
  w.emit(
    s.stages === 2
      ? `// Two stages each (double buffering): As[stage][p][i/4], Bs[stage][${keepB ? 'j][p/4' : 'p][j/4'}], rows padded to ${A.row} / ${B.row} slots.`
      : `// One stage each: As[p][i/4], Bs[${keepB ? 'j][p/4' : 'p][j/4'}], rows padded to ${A.row} / ${B.row} slots.`,
  );
  w.emit(`var<workgroup> As: array<vec4<f32>, ${s.stages * stageA}>;`);
  w.emit(`var<workgroup> Bs: array<vec4<f32>, ${s.stages * stageB}>;`);
  w.emit('');
  emitEpilogueFunction(w, code.epilogue);

  const inK = (e: string): string => (code.fitK ? '' : `${e} < k_end`);
  const inX = (op: TiledOperand, e: string): string => (op.fit ? '' : `${e} < ${op.bound}`);
  const all = (...conds: string[]): string => conds.filter((x) => x !== '').join(' && ');
  // Loads are guarded by select() on a clamped index, so an out-of-range element reads a valid
  // address (index 0) and contributes 0.
  const load = (array: string, cond: string, index: string, vec: boolean): string =>
    cond === '' ? `${array}[${index}]` : `select(${vec ? 'vec4<f32>(0.0)' : '0.0'}, ${array}[select(0u, ${index}, ${cond})], ${cond})`;
  /** X(x, p) element index (scalar arrays) or vec4 index (vec arrays, 16-byte aligned runs). */
  const at2 = (op: TiledOperand, x: string, p: string): string => (op.alongK ? `${p} + (${x}) * ${op.ld}` : `${x} + (${p}) * ${op.ld}`);

  // Slots per stage of each plan, and how many each thread handles.
  const slotCount = (op: TiledOperand, plan: LoadPlan): number => (plan === 'kBlock' ? (op.extent / 4) * KQ : (tk * op.extent) / 4);
  const planA = loadPlan(A, s);
  const planB = loadPlan(B, s);
  const per = (op: TiledOperand, plan: LoadPlan): number => Math.ceil(slotCount(op, plan) / threads);
  const regsPerSlot = (plan: LoadPlan): number => (plan === 'kBlock' ? 4 : 1);

  /** Runs body for each of this thread's slots q (s = lid + q·threads), guarded when the last round is partial. */
  const forSlots = (op: TiledOperand, plan: LoadPlan, body: (q: number, slot: string) => void): void => {
    const total = slotCount(op, plan);
    for (let q = 0; q < per(op, plan); q++) {
      const slot = `(lid + ${q * threads}u)`;
      if ((q + 1) * threads > total) w.block(`if (${slot} < ${total}u)`, () => body(q, slot));
      else w.block('', () => body(q, slot));
    }
  };

  // ---- global → registers ----
  const emitLoad = (op: TiledOperand, plan: LoadPlan, kk: string): void => {
    const r = op.reg;
    forSlots(op, plan, (q, slot) => {
      switch (plan) {
        case 'alongX': {
          // Slots (p, x/4): p = slot / (extent/4), x = x0 + 4·(slot % (extent/4)); contiguous along x.
          w.emit(`let p = ${kk} + ${slot} / ${op.extent / 4}u;`, `let x = ${op.x0} + 4u * (${slot} % ${op.extent / 4}u);`);
          if (op.vec) w.emit(`${r}${q} = ${load(op.array, all(inX(op, 'x'), inK('p')), `(${at2(op, 'x', 'p')}) / 4u`, true)};`);
          else for (let e = 0; e < 4; e++) w.emit(`${r}${q}[${e}] = ${load(op.array, all(inX(op, `x + ${e}u`), inK('p')), at2(op, `x + ${e}u`, 'p'), false)};`);
          break;
        }
        case 'kScatter': {
          // Slots (x, p/4): x = x0 + slot / (tk/4), p = 4·(slot % (tk/4)); four k values per slot.
          w.emit(`let x = ${op.x0} + ${slot} / ${KQ}u;`, `let p = ${kk} + 4u * (${slot} % ${KQ}u);`);
          if (op.vec) w.emit(`${r}${q} = ${load(op.array, all(inX(op, 'x'), inK('p')), `(${at2(op, 'x', 'p')}) / 4u`, true)};`);
          else for (let e = 0; e < 4; e++) w.emit(`${r}${q}[${e}] = ${load(op.array, all(inX(op, 'x'), inK(`p + ${e}u`)), at2(op, 'x', `p + ${e}u`), false)};`);
          break;
        }
        case 'kBlock': {
          // Blocks of 4 x × 4 k: a quarter warp takes GW neighbouring x-quads of one k-quad (its
          // stores fill one 128-byte row), the next lanes the next k-quads of the same x-quads
          // (so each load instruction reads whole 32-byte sectors along k).
          const GW = groupWidth(op.extent / 4);
          w.emit(`let xq = (${slot} / ${GW * KQ}u) * ${GW}u + ${slot} % ${GW}u;`, `let p = ${kk} + 4u * ((${slot} / ${GW}u) % ${KQ}u);`);
          for (let e = 0; e < 4; e++) {
            w.emit(`${r}${q}_${e} = ${load(op.array, all(inX(op, `${op.x0} + 4u * xq + ${e}u`), inK('p')), `(${at2(op, `${op.x0} + 4u * xq + ${e}u`, 'p')}) / 4u`, true)};`);
          }
          break;
        }
        case 'kColumns': {
          // Slots (x/4, p), p fastest: neighbouring threads read neighbouring k of 4 rows/columns.
          w.emit(`let p = ${kk} + ${slot} % TK;`, `let x = ${op.x0} + 4u * (${slot} / TK);`);
          for (let e = 0; e < 4; e++) w.emit(`${r}${q}[${e}] = ${load(op.array, all(inX(op, `x + ${e}u`), inK('p')), at2(op, `x + ${e}u`, 'p'), false)};`);
          break;
        }
      }
    });
  };

  // ---- registers → shared (stage: the first slot of the stage) ----
  const emitStore = (op: TiledOperand, plan: LoadPlan, stage: string): void => {
    const r = op.reg;
    const X = op.shared;
    forSlots(op, plan, (q, slot) => {
      switch (plan) {
        case 'alongX':
          if (op.row === op.extent / 4) w.emit(`${X}[${stage} + ${slot}] = ${r}${q};`);
          else w.emit(`${X}[${stage} + (${slot} / ${op.extent / 4}u) * ${op.row}u + ${slot} % ${op.extent / 4}u] = ${r}${q};`);
          break;
        case 'kScatter':
          if (op.keepAlongK) {
            w.emit(`${X}[${stage} + (${slot} / ${KQ}u) * ${op.row}u + ${slot} % ${KQ}u] = ${r}${q};`);
          } else {
            // Scatter the four k values of row/column x into Xs[p][x/4], component x % 4.
            w.emit(`let x = ${slot} / ${KQ}u;`, `let p = 4u * (${slot} % ${KQ}u);`);
            for (let e = 0; e < 4; e++) w.emit(`${X}[${stage} + (p + ${e}u) * ${op.row}u + x / 4u][${mod4('x')}] = ${r}${q}[${e}];`);
          }
          break;
        case 'kBlock': {
          const GW = groupWidth(op.extent / 4);
          w.emit(`let xq = (${slot} / ${GW * KQ}u) * ${GW}u + ${slot} % ${GW}u;`, `let p = 4u * ((${slot} / ${GW}u) % ${KQ}u);`);
          for (let e = 0; e < 4; e++) {
            const v = [0, 1, 2, 3].map((x) => `${r}${q}_${x}[${e}]`).join(', ');
            w.emit(`${X}[${stage} + (p + ${e}u) * ${op.row}u + xq] = vec4<f32>(${v});`);
          }
          break;
        }
        case 'kColumns':
          w.emit(`${X}[${stage} + (${slot} % TK) * ${op.row}u + ${slot} / TK] = ${r}${q};`);
          break;
      }
    });
  };

  const declareRegisters = (op: TiledOperand, plan: LoadPlan): void => {
    for (let q = 0; q < per(op, plan); q++) {
      if (regsPerSlot(plan) === 1) w.emit(`var ${op.reg}${q} = vec4<f32>(0.0);`);
      else for (let e = 0; e < 4; e++) w.emit(`var ${op.reg}${q}_${e} = vec4<f32>(0.0);`);
    }
  };

  // ---- the math of one k step p (a constant or an expression), from stage offsets sa, sb ----
  const emitStep = (p: string, e: number): void => {
    w.block('', () => {
      for (let g = 0; g < G; g++) w.emit(`let a${g} = As[sa + ${p} * ${A.row}u + ${g * TX}u + tx];`);
      if (!keepB) for (let h = 0; h < H; h++) w.emit(`let bq${h} = Bs[sb + ${p} * ${B.row}u + ${h * TY}u + ty];`);
      for (let c = 0; c < rn; c++) {
        const bv = keepB ? `b${c}[${e}]` : `bq${c >> 2}[${c & 3}]`;
        w.emit(`let s${c} = ${bv};`);
        for (let g = 0; g < G; g++) w.emit(`acc${c}_${g} = a${g} * s${c} + acc${c}_${g};`);
      }
    });
  };
  /** Bs[j][p/4]: one vec4 per column holds the four k values of k-quad pq. */
  const emitKeptB = (pq: string): void => {
    for (let h = 0; h < H; h++) {
      for (let e = 0; e < 4; e++) w.emit(`let b${h * 4 + e} = Bs[sb + (${h * 4 * TY}u + 4u * ty + ${e}u) * ${B.row}u + ${pq}];`);
    }
  };
  const emitMath = (): void => {
    if (s.unroll) {
      for (let pq = 0; pq < KQ; pq++) {
        w.block('', () => {
          if (keepB) emitKeptB(`${pq}u`);
          for (let e = 0; e < 4; e++) emitStep(`${4 * pq + e}u`, e);
        });
      }
    } else {
      w.block(`for (var pq = 0u; pq < ${KQ}u; pq = pq + 1u)`, () => {
        if (keepB) emitKeptB('pq');
        for (let e = 0; e < 4; e++) emitStep(`(4u * pq + ${e}u)`, e);
      });
    }
  };

  w.emit(`@compute @workgroup_size(${threads})`);
  w.block('fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32)', () => {
    if (s.warpRows === 0) {
      w.emit('let tx = lid % TX;', 'let ty = lid / TX;');
    } else {
      const WR = s.warpRows;
      w.emit(`// Warp by warp: each 32-lane warp is ${WR}×${32 / WR} threads of the ${TX}×${TY} grid.`);
      w.emit('let lane = lid % 32u;', 'let warp = lid / 32u;');
      w.emit(`let tx = (warp % ${TX / WR}u) * ${WR}u + lane % ${WR}u;`, `let ty = (warp / ${TX / WR}u) * ${32 / WR}u + lane / ${WR}u;`);
    }
    if (syrk) {
      w.emit('// Upper-triangle tile t = bi + bj(bj+1)/2 with bi ≤ bj (row tile bi, column tile bj).');
      w.emit('let t = wid.x;');
      w.emit('var bj = u32((sqrt(8.0 * f32(t) + 1.0) - 1.0) * 0.5);');
      w.emit('if (bj * (bj + 1u) / 2u > t) { bj = bj - 1u; }');
      w.emit('if ((bj + 1u) * (bj + 2u) / 2u <= t) { bj = bj + 1u; }');
      w.emit('let bi = t - bj * (bj + 1u) / 2u;');
      w.emit('let i0 = bi * TM;', 'let j0 = bj * TN;');
    } else {
      w.emit('let i0 = wid.x * TM;', 'let j0 = wid.y * TN;');
    }
    if (syrk) {
      w.emit('// Split-k: workgroup row wid.y sums its own k range.');
      w.emit('let k_begin = params.k_begin + wid.y * params.k_chunk;');
    } else if (code.split) {
      w.emit('// Split-k: workgroup layer wid.z sums its own k range.');
      w.emit('let k_begin = params.k_begin + wid.z * params.k_chunk;');
    } else {
      w.emit('// One k range: the whole of k.');
      w.emit('let k_begin = params.k_begin;');
    }
    w.emit('let k_end = min(k_begin + params.k_chunk, params.k_end);');
    w.emit('let tiles = (k_end - k_begin + TK - 1u) / TK;');
    declareRegisters(A, planA);
    declareRegisters(B, planB);
    for (let h = 0; h < rn; h++) for (let g = 0; g < G; g++) w.emit(`var acc${h}_${g} = vec4<f32>(0.0);`);
    w.emit('// Stage 0.');
    emitLoad(A, planA, 'k_begin');
    emitLoad(B, planB, 'k_begin');
    emitStore(A, planA, '0u');
    emitStore(B, planB, '0u');
    w.emit('workgroupBarrier();');
    /** The next tile's loads (or, branch-free, the last tile's again on the last iteration). */
    const loadNext = (): void => {
      const body = (kn: string): void => {
        emitLoad(A, planA, kn);
        emitLoad(B, planB, kn);
      };
      if (s.branchFree) {
        w.emit('// Branch-free: the last iteration reloads the last tile, into a stage nobody reads.');
        w.emit('let kn = k_begin + min(t + 1u, max(tiles, 1u) - 1u) * TK;');
        body('kn');
      } else {
        w.block('if (more)', () => {
          w.emit("// The next tile's loads are in flight during this tile's math.");
          w.emit('let kn = k_begin + (t + 1u) * TK;');
          body('kn');
        });
      }
    };
    const storeNext = (stageA: string, stageB: string): void => {
      const body = (): void => {
        emitStore(A, planA, stageA);
        emitStore(B, planB, stageB);
      };
      if (s.branchFree) body();
      else w.block('if (more)', body);
    };
    w.block('for (var t = 0u; t < tiles; t = t + 1u)', () => {
      if (!s.branchFree) w.emit('let more = t + 1u < tiles;');
      if (s.stages === 2) {
        w.emit(`let sa = (${mod2('t')}) * ${stageA}u;`, `let sb = (${mod2('t')}) * ${stageB}u;`);
        loadNext();
        emitMath();
        w.emit(`let ns = ${mod2('t + 1u')};`);
        storeNext(`ns * ${stageA}u`, `ns * ${stageB}u`);
        w.emit('workgroupBarrier();');
      } else {
        w.emit('let sa = 0u;', 'let sb = 0u;');
        loadNext();
        emitMath();
        w.emit('// One stage: everyone is done reading it before it is overwritten.');
        w.emit('workgroupBarrier();');
        storeNext('0u', '0u');
        w.emit('workgroupBarrier();');
      }
    });
    emitTiledWrites(w, code, G, TX, TY);
  });
  return withPreamble(w.toString());
}

function emitTiledWrites(w: WgslBuilder, code: TiledCode, G: number, TX: number, TY: number): void {
  const { rn } = code.tile;
  const e = code.epilogue;
  for (let c = 0; c < rn; c++) {
    for (let g = 0; g < G; g++) {
      w.block('', () => {
        w.emit(`let i = i0 + ${g * 4 * TX}u + 4u * tx;`, `let j = j0 + ${(c >> 2) * 4 * TY}u + 4u * ty + ${c & 3}u;`);
        const acc = `acc${c}_${g}`;
        const inM = (x: string): string => (code.fitM ? '' : `${x} < params.m`);
        const inN = code.fitN ? '' : 'j < params.n';
        const cond = (...xs: string[]): string => xs.filter((x) => x !== '').join(' && ');
        // Always a block: the bodies declare lets per row.
        const guard = (condition: string, body: () => void): void => {
          w.block(condition === '' ? '' : `if (${condition})`, body);
        };
        if (code.syrkWrite === 'partial') {
          // Split-k partial: scratch[split·n·n + i + j·n].
          for (let q = 0; q < 4; q++) {
            guard(cond(inM(`i + ${q}u`), inN), () => w.emit(`c[wid.y * params.ldc * params.n + i + ${q}u + j * params.ldc] = ${acc}[${q}];`));
          }
          return;
        }
        if (code.syrkWrite === 'direct') {
          w.emit(`let v = ${acc} * params.alpha;`);
          for (let q = 0; q < 4; q++) {
            guard(cond(inM(`i + ${q}u`), inN), () => {
              w.emit(`let at = i + ${q}u + j * params.ldc;`);
              w.emit(code.accumulate ? `let r = c[at] + v[${q}];` : `let r = v[${q}];`);
              w.emit('c[at] = r;');
              w.emit('// Off the diagonal tiles, the same value lands in the mirror element.');
              w.block('if (i0 != j0)', () => w.emit(`let mt = j + (i + ${q}u) * params.ldc;`, code.accumulate ? 'c[mt] = c[mt] + v[' + q + '];' : 'c[mt] = r;'));
            });
          }
          return;
        }
        if (code.split) {
          // Split-k partial, raw (the reduce pass applies the epilogue): scratch[split·m·n + i + j·m].
          w.emit('let base = wid.z * params.ldc * params.n;');
          if (code.vecC) {
            guard(cond(inM('i'), inN), () => w.emit(`c[(base + i + j * params.ldc) / 4u] = ${acc};`));
          } else {
            for (let q = 0; q < 4; q++) guard(cond(inM(`i + ${q}u`), inN), () => w.emit(`c[base + i + ${q}u + j * params.ldc] = ${acc}[${q}];`));
          }
          return;
        }
        if (code.vecC) {
          const value = e
            ? `vec4<f32>(${[0, 1, 2, 3].map((q) => epilogueCall(e, `${acc}[${q}]`, `i + ${q}u`, 'j')).join(', ')})`
            : acc;
          // m % 4 == 0: a vec4 of rows is wholly inside C or wholly outside.
          guard(cond(inM('i'), inN), () => w.emit(`c[(i + j * params.ldc) / 4u] = ${value};`));
        } else {
          for (let q = 0; q < 4; q++) {
            guard(cond(inM(`i + ${q}u`), inN), () => w.emit(`c[i + ${q}u + j * params.ldc] = ${epilogueCall(e, `${acc}[${q}]`, `i + ${q}u`, 'j')};`));
          }
        }
      });
    }
  }
}

// ---- smallk ----

/** Rows per smallk thread (one vec4 of C per column) and threads per workgroup. */
const SMALLK_ROWS = 4;
const SMALLK_THREADS = 256;
/** Columns a smallk thread sweeps with its A rows in registers: A is re-read n / 32 times, from cache. */
const SMALLK_COLUMNS = 32;

interface SmallKCode {
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly vecC: boolean;
  readonly fitM: boolean;
  readonly columns: number;
  readonly epilogue: MatmulEpilogue | null;
}

function buildSmallK(
  params: MatmulParams,
  epilogue: MatmulEpilogue | null,
  constants: MatmulConstants,
  limits: MatmulLimits,
  columnsOverride: number | undefined,
): KernelProgram {
  const { m, n, k, transA, transB } = params;
  if (k > SMALL_K) throw new Error(`matmul smallk: k = ${k} > ${SMALL_K}`);
  const rowsPerGroup = SMALLK_ROWS * SMALLK_THREADS;
  const threads = Math.min(SMALLK_THREADS, limits.maxInvocations);
  if (threads !== SMALLK_THREADS) throw new Error(`matmul smallk: needs ${SMALLK_THREADS} invocations per workgroup`);
  let columns = columnsOverride ?? SMALLK_COLUMNS;
  while (Math.ceil(n / columns) > limits.maxWorkgroupsPerDimension) columns *= 2;
  const groupsX = Math.ceil(m / rowsPerGroup);
  if (groupsX > limits.maxWorkgroupsPerDimension) throw new Error(`matmul smallk: m = ${m} is past the workgroup grid`);
  // k is specialised (k ≤ 8, so at most 8 pipelines): the loop over k unrolls into registers.
  const code: SmallKCode = { k, transA, transB, vecC: m % 4 === 0, fitM: m % rowsPerGroup === 0, columns, epilogue };
  const layout = productBindings(epilogue);
  const extra = epilogueInputShapes(epilogue, m, n);
  return {
    name: 'matmul',
    variant: variantName('smallk', epilogue),
    wgsl: emitSmallK(code, layout),
    cacheKey: programCacheKey('matmul', { variant: 'smallk', ...code }),
    bindings: layout.bindings,
    workgroupSize: [SMALLK_THREADS, 1, 1],
    workgroups: [groupsX, Math.ceil(n / columns), 1],
    uniforms: uniformsFor(params, constants),
    flops: 2 * m * n * k,
    bytes: 4 * (m * k + k * n + m * n + extra.reduce((s, sh) => s + sh[0] * sh[1], 0)),
    boundBy: 'bytes',
    shapes: [transA ? [k, m] : [m, k], transB ? [n, k] : [k, n], ...extra, [m, n]],
  };
}

function emitSmallK(code: SmallKCode, at: TiledBindingLayout): string {
  const { k } = code;
  const w = new WgslBuilder();
  w.emit(`// matmul smallk: k = ${k}, ${SMALLK_ROWS} rows × ${code.columns} columns per thread${code.vecC ? ', vec4 C' : ''}`);
  emitParamsStruct(w);
  w.emit('');
  w.emit('@group(0) @binding(0) var<storage, read> a: array<f32>;');
  w.emit('@group(0) @binding(1) var<storage, read> b: array<f32>;');
  emitEpilogueBindings(w, code.epilogue, at);
  w.emit(`@group(0) @binding(${at.c}) var<storage, read_write> c: array<${code.vecC ? 'vec4<f32>' : 'f32'}>;`);
  w.emit(`@group(0) @binding(${at.uniform}) var<uniform> params: Params;`);
  w.emit('');
  emitEpilogueFunction(w, code.epilogue);
  const aAt = (i: string, p: number): string => (code.transA ? `${p}u + (${i}) * params.lda` : `${i} + ${p}u * params.lda`);
  const bAt = (p: number): string => (code.transB ? `j + ${p}u * params.ldb` : `${p}u + j * params.ldb`);
  w.emit(`@compute @workgroup_size(${SMALLK_THREADS})`);
  w.block('fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32)', () => {
    w.emit(`let i = (wid.x * ${SMALLK_THREADS}u + lid) * ${SMALLK_ROWS}u;`);
    if (!code.fitM) w.block('if (i >= params.m)', () => w.emit('return;'));
    w.emit('// This thread\'s four rows of A, for every k, stay in registers.');
    for (let p = 0; p < k; p++) {
      const lanes = [0, 1, 2, 3].map((q) => {
        const row = q === 0 ? 'i' : `i + ${q}u`;
        if (code.fitM || q === 0) return `a[${aAt(row, p)}]`;
        // Past the last row: read row i instead (a valid address) and use 0.
        return `select(0.0, a[${aAt(`select(i, ${row}, ${row} < params.m)`, p)}], ${row} < params.m)`;
      });
      w.emit(`let a${p} = vec4<f32>(${lanes.join(', ')});`);
    }
    w.emit(`let j_first = wid.y * ${code.columns}u;`);
    w.emit(`let j_last = min(j_first + ${code.columns}u, params.n);`);
    w.block('for (var j = j_first; j < j_last; j = j + 1u)', () => {
      w.emit('// B(p, j) is the same for the whole workgroup: a broadcast load.');
      const terms = Array.from({ length: k }, (_, p) => `a${p} * b[${bAt(p)}]`);
      w.emit(`let v = ${terms.join(' + ')};`);
      const e = code.epilogue;
      if (code.vecC) {
        const value = e ? `vec4<f32>(${[0, 1, 2, 3].map((q) => epilogueCall(e, `v[${q}]`, q === 0 ? 'i' : `i + ${q}u`, 'j')).join(', ')})` : 'v';
        w.emit(`c[(i + j * params.ldc) / 4u] = ${value};`);
      } else {
        for (let q = 0; q < 4; q++) {
          const row = q === 0 ? 'i' : `i + ${q}u`;
          const store = `c[${row} + j * params.ldc] = ${epilogueCall(e, `v[${q}]`, row, 'j')};`;
          if (q === 0) w.emit(store);
          else w.block(`if (${row} < params.m)`, () => w.emit(store));
        }
      }
    });
  });
  return withPreamble(w.toString());
}

// ---- gemv and diag: one dot product per output ----

/**
 * Output o = Σ_p X(o,p)·Y(o,p), each operand addressed as base[o·so + p·sp]:
 * - `rows` (n == 1): X = A (o = i), Y = the column B(:,1);
 * - `cols` (m == 1): X(o,p) = B(p,o) (o = j), Y = the row A(1,:);
 * - `diag`         : X = A(o,:), Y = B(:,o).
 * Lanes of a workgroup run along p when X is contiguous along p (so a warp reads consecutive
 * elements), else along o, with a few lanes along p; partial sums meet in workgroup memory.
 */
type DotMode = 'rows' | 'cols' | 'diag';

interface DotCode {
  readonly mode: DotMode;
  /** X contiguous along p: 64 lanes along p, 4 outputs per workgroup; else 64 outputs, 4 lanes along p. */
  readonly alongP: boolean;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly epilogue: MatmulEpilogue | null;
}

const DOT_THREADS = 256;

function buildDot(params: MatmulParams, epilogue: MatmulEpilogue | null, constants: MatmulConstants, limits: MatmulLimits, mode: DotMode): KernelProgram {
  const { m, n, k, transA, transB } = params;
  if (limits.maxInvocations < DOT_THREADS) throw new Error(`matmul ${mode}: needs ${DOT_THREADS} invocations per workgroup`);
  // Is X(o, p) contiguous along p?
  const alongP = mode === 'cols' ? !transB : transA;
  const code: DotCode = { mode, alongP, transA, transB, epilogue };
  const outputs = mode === 'rows' ? m : mode === 'cols' ? n : Math.min(m, n);
  const perGroup = alongP ? DOT_THREADS / 64 : 64;
  const layout = productBindings(epilogue);
  const extra = epilogueInputShapes(epilogue, m, n);
  const outShape = mode === 'diag' ? [outputs, 1] : [m, n];
  const flops = 2 * outputs * k;
  const bytes = mode === 'diag' ? 4 * (2 * outputs * k + outputs) : 4 * (m * k + k * n + m * n);
  return {
    name: 'matmul',
    variant: variantName(mode === 'diag' ? 'diag' : 'gemv', epilogue),
    wgsl: emitDot(code, layout),
    cacheKey: programCacheKey('matmul', { variant: mode === 'diag' ? 'diag' : 'gemv', ...code }),
    bindings: layout.bindings,
    workgroupSize: [DOT_THREADS, 1, 1],
    workgroups: foldedGrid(Math.ceil(outputs / perGroup) * DOT_THREADS, DOT_THREADS, limits.maxWorkgroupsPerDimension),
    uniforms: uniformsFor(params, constants),
    flops,
    bytes: bytes + 4 * extra.reduce((s, sh) => s + sh[0] * sh[1], 0),
    boundBy: 'bytes',
    shapes: [transA ? [k, m] : [m, k], transB ? [n, k] : [k, n], ...extra, outShape],
  };
}

function emitDot(code: DotCode, at: TiledBindingLayout): string {
  const lanesP = code.alongP ? 64 : 4;
  const perGroup = DOT_THREADS / lanesP;
  const w = new WgslBuilder();
  w.emit(`// matmul ${code.mode}: ${perGroup} outputs per workgroup, ${lanesP} lanes along k`);
  emitParamsStruct(w);
  w.emit('');
  w.emit('@group(0) @binding(0) var<storage, read> a: array<f32>;');
  w.emit('@group(0) @binding(1) var<storage, read> b: array<f32>;');
  emitEpilogueBindings(w, code.epilogue, at);
  w.emit(`@group(0) @binding(${at.c}) var<storage, read_write> c: array<f32>;`);
  w.emit(`@group(0) @binding(${at.uniform}) var<uniform> params: Params;`);
  w.emit(`var<workgroup> partial: array<f32, ${DOT_THREADS}>;`);
  w.emit('');
  emitEpilogueFunction(w, code.epilogue);
  // A(i,p) and B(p,j) as index expressions.
  const A = (i: string, p: string): string => (code.transA ? `a[${p} + ${i} * params.lda]` : `a[${i} + ${p} * params.lda]`);
  const B = (p: string, j: string): string => (code.transB ? `b[${j} + ${p} * params.ldb]` : `b[${p} + ${j} * params.ldb]`);
  const term = (o: string, p: string): string => {
    switch (code.mode) {
      case 'rows':
        return `${A(o, p)} * ${B(p, '0u')}`;
      case 'cols':
        return `${A('0u', p)} * ${B(p, o)}`;
      case 'diag':
        return `${A(o, p)} * ${B(p, o)}`;
    }
  };
  const count = code.mode === 'rows' ? 'params.m' : code.mode === 'cols' ? 'params.n' : 'min(params.m, params.n)';
  w.emit(`@compute @workgroup_size(${DOT_THREADS})`);
  w.block('fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32)', () => {
    w.emit('let g = wid.x + wid.y * groups.x;');
    // Lane layout: with lanes along p, lid = lane + 64·r; else lid = r + 64·lane (neighbours take neighbouring outputs).
    if (code.alongP) w.emit(`let lane = lid % ${lanesP}u;`, `let r = lid / ${lanesP}u;`);
    else w.emit(`let r = lid % ${perGroup}u;`, `let lane = lid / ${perGroup}u;`);
    w.emit(`let o = g * ${perGroup}u + r;`);
    w.emit(`let live = o < ${count};`);
    w.emit('var s0 = 0.0;', 'var s1 = 0.0;');
    w.block('if (live)', () => {
      w.emit('var p = lane;');
      w.emit(`// Two accumulators: two loads in flight per lane.`);
      w.block(`for (; p + ${lanesP}u < params.k; p = p + ${2 * lanesP}u)`, () => {
        w.emit(`s0 = s0 + ${term('o', 'p')};`);
        w.emit(`s1 = s1 + ${term('o', `(p + ${lanesP}u)`)};`);
      });
      w.block('if (p < params.k)', () => w.emit(`s0 = s0 + ${term('o', 'p')};`));
    });
    w.emit('partial[lid] = s0 + s1;');
    w.emit('workgroupBarrier();');
    // Tree over the lanes of each output.
    const stride = code.alongP ? 1 : perGroup;
    for (let s = lanesP / 2; s >= 1; s /= 2) {
      w.block(`if (lane < ${s}u)`, () => w.emit(`partial[lid] = partial[lid] + partial[lid + ${s * stride}u];`));
      w.emit('workgroupBarrier();');
    }
    w.block('if (lane == 0u && live)', () => {
      const [i, j] = code.mode === 'rows' ? ['o', '0u'] : code.mode === 'cols' ? ['0u', 'o'] : ['o', 'o'];
      w.emit(`c[o] = ${epilogueCall(code.epilogue, 'partial[lid]', i, j)};`);
    });
  });
  return withPreamble(w.toString());
}

function f32Bits(value: number): number {
  return new Uint32Array(Float32Array.of(value).buffer)[0];
}
