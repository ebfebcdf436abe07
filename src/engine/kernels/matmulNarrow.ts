// The matmul kernels with no tiling (matmul.ts routes to them): `smallk`, an outer-product-like
// write of C for K ≤ 8, and the dot-product kernels, `gemv` (M == 1 or N == 1) and `diag`
// (diag(A*B): only C(i,i)). Each output is cheap to compute here; the cost is moving A, B or C
// once, so these kernels are laid out for bandwidth rather than reuse.

import { foldedGrid, programCacheKey, type KernelProgram } from './program.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';
import type { MatmulLimits } from './matmulTiles.ts';
import {
  emitEpilogueBindings,
  emitEpilogueFunction,
  emitParamsStruct,
  epilogueCall,
  epilogueInputShapes,
  productBindings,
  SMALL_K,
  uniformsFor,
  variantName,
  type MatmulConstants,
  type MatmulEpilogue,
  type MatmulParams,
  type TiledBindingLayout,
} from './matmulContract.ts';

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

export function buildSmallK(
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
export type DotMode = 'rows' | 'cols' | 'diag';

interface DotCode {
  readonly mode: DotMode;
  /** X contiguous along p: 64 lanes along p, 4 outputs per workgroup; else 64 outputs, 4 lanes along p. */
  readonly alongP: boolean;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly epilogue: MatmulEpilogue | null;
}

const DOT_THREADS = 256;

export function buildDot(params: MatmulParams, epilogue: MatmulEpilogue | null, constants: MatmulConstants, limits: MatmulLimits, mode: DotMode): KernelProgram {
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
