// The `matmul` kernel family: C = op(A)·op(B) in f32, column-major (MATLAB), with an optional
// epilogue folded into the write (alpha, + beta, bias row/column, row/column scaling, clamps,
// power) and `diag(A*B)` computing only the diagonal. Which variant runs is the planner's decision
// (fusion/matmulRouting.ts: one function, a comment per threshold), and so is which expressions
// fold into the epilogue. This file generates the tiled kernels and routes to the others:
// matmulNarrow.ts (smallk, gemv, diag), matmulSplit.ts (split-k's reduce pass); what they all share
// (parameters, uniforms, the epilogue) is matmulContract.ts.
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

import { programCacheKey, type KernelProgram } from './program.ts';
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
export * from './matmulContract.ts';
import {
  emitEpilogueBindings,
  emitEpilogueFunction,
  emitParamsStruct,
  epilogueCall,
  epilogueInputShapes,
  normaliseEpilogue,
  productBindings,
  uniformsFor,
  variantName,
  writeMatmulUniforms,
  type MatmulConstants,
  type MatmulEpilogue,
  type MatmulParams,
  type MatmulTuning,
  type TiledBindingLayout,
} from './matmulContract.ts';
import { buildDot, buildSmallK } from './matmulNarrow.ts';

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
