// What every kernel of the matmul family shares (matmul.ts's tiled/vec4 GEMM, matmulNarrow.ts's
// small-k and dot-product kernels, matmulSplit.ts and syrk.ts): the parameters a product is built
// from, the one uniform layout they all read, and the epilogue folded into their writes (its WGSL,
// its extra bindings, and the name it adds to a variant).

import { UniformWriter, type KernelBinding } from './program.ts';
import type { WgslBuilder } from './wgslBuilder.ts';
import type { TileConfig, TiledSchedule } from './matmulTiles.ts';

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

/** An epilogue with no step is no epilogue (so `+epilogue` and the key stay honest). */
export function normaliseEpilogue(e: MatmulEpilogue | null): MatmulEpilogue | null {
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

export function uniformsFor(params: MatmulParams, constants: MatmulConstants): ArrayBuffer {
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

export function epilogueCall(e: MatmulEpilogue | null, value: string, i: string, j: string): string {
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

/** Where a product kernel's epilogue inputs, output and uniform are bound (productBindings). */
export interface TiledBindingLayout {
  bias: number;
  scale: number;
  c: number;
  uniform: number;
}

export function f32Bits(value: number): number {
  return new Uint32Array(Float32Array.of(value).buffer)[0];
}
