// Split-k for general products (C = op(A)·op(B) with the tiled/vec4 kernel): when C has too few
// tiles to fill the GPU and k is long (A'*B with A, B 1048576×64 is one 64×64 tile: one
// workgroup summing a million k serially), k is cut into ranges and each (tile, range) gets its
// own workgroup. Two passes:
// - `<variant>+split` (matmul.ts buildMatmulPartials): workgroup layer wid.z sums its k range and
//   writes its raw partial C to scratch[s·m·n + i + j·m] (no epilogue);
// - `split-reduce` (here): C[e] = epilogue(Σ_s scratch[s·m·n + e]), the splits summed in order
//   0, 1, … (deterministic), the epilogue emitted by matmul.ts's emitEpilogueFunction, so its
//   MATLAB semantics are the direct kernel's. 16-byte loads and stores when m·n is a multiple of 4.
// Whether to split, and into how many parts, is the planner's call (fusion/matmulRouting.ts).
//
// Bindings:
//   pass 1: a (read), b (read), scratch (read_write), uniform
//   pass 2: scratch (read), bias (read, if any), scale (read, if any), c (read_write), uniform

import {
  buildMatmulPartials,
  emitEpilogueBindings,
  emitEpilogueFunction,
  emitParamsStruct,
  epilogueInputShapes,
  productBindings,
  variantName,
  writeMatmulUniforms,
  type MatmulConstants,
  type MatmulEpilogue,
  type MatmulLimits,
  type MatmulParams,
  type MatmulTuning,
} from './matmul.ts';
import { foldedGrid, programCacheKey, type KernelProgram } from './program.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';

export interface MatmulSplitPlan {
  passes: [KernelProgram, KernelProgram];
  /** f32 elements of scratch between the passes: splits · m · n. */
  scratchLength: number;
  /** The splits run (at most the count asked for: each k range is a multiple of the tile's tk). */
  splits: number;
}

const REDUCE_THREADS = 256;

/** Both passes of a split-k product; `splits` is the count wanted (the planner's). */
export function buildMatmulSplitPlan(
  params: MatmulParams,
  constants: MatmulConstants,
  limits: MatmulLimits,
  splits: number,
  tuning: MatmulTuning = {},
): MatmulSplitPlan {
  const partials = buildMatmulPartials(params, limits, splits, tuning);
  const reduce = buildMatmulSplitReduce(params.m, params.n, partials.splits, params.epilogue, constants, limits);
  return { passes: [partials.program, reduce], scratchLength: partials.splits * params.m * params.n, splits: partials.splits };
}

interface ReduceCode {
  readonly vec: boolean;
  readonly epilogue: MatmulEpilogue | null;
  readonly threads: number;
}

/** Pass 2: C = epilogue(Σ_s partial_s), m×n, from `splits` partials of m·n each. */
export function buildMatmulSplitReduce(
  m: number,
  n: number,
  splits: number,
  epilogue: MatmulEpilogue | null,
  constants: MatmulConstants,
  limits: MatmulLimits,
): KernelProgram {
  const e = normalised(epilogue);
  const code: ReduceCode = { vec: (m * n) % 4 === 0, epilogue: e, threads: REDUCE_THREADS };
  const layout = productBindings(e, 1);
  const extra = epilogueInputShapes(e, m, n);
  const slots = code.vec ? (m * n) / 4 : m * n;
  return {
    name: 'matmul',
    variant: variantName('split-reduce', e),
    wgsl: emitReduce(code, layout),
    cacheKey: programCacheKey('matmul', { pass: 'split-reduce', ...code }),
    bindings: layout.bindings,
    workgroupSize: [REDUCE_THREADS, 1, 1],
    workgroups: foldedGrid(slots, REDUCE_THREADS, limits.maxWorkgroupsPerDimension),
    uniforms: writeMatmulUniforms({
      m, n, k: splits, lda: 0, ldb: 0, ldc: m, kBegin: 0, kChunk: 0, kEnd: 0, tiles: 0,
      alpha: constants.alpha ?? 1, beta: constants.beta ?? 0, lo: constants.lo ?? 0, hi: constants.hi ?? 0, p: constants.p ?? 1,
    }),
    flops: splits * m * n,
    bytes: 4 * (splits * m * n + m * n + extra.reduce((s, sh) => s + sh[0] * sh[1], 0)),
    boundBy: 'bytes',
    shapes: [[splits * m * n], ...extra, [m, n]],
  };
}

/** An epilogue with no step is none (as in buildMatmul), so the key and the variant stay honest. */
function normalised(e: MatmulEpilogue | null): MatmulEpilogue | null {
  if (!e) return null;
  return e.alpha || e.beta || e.bias !== 'none' || e.scale !== 'none' || e.clampMin || e.clampMax || e.power ? e : null;
}

/** params.k = splits; element e of C is (i, j) = (e % m, e / m). */
function emitReduce(code: ReduceCode, at: { bias: number; scale: number; c: number; uniform: number }): string {
  const w = new WgslBuilder();
  const type = code.vec ? 'vec4<f32>' : 'f32';
  w.emit(`// matmul split-reduce: sum the split-k partials in order${code.vec ? ', vec4' : ''}${code.epilogue ? ', then the epilogue' : ''}`);
  emitParamsStruct(w);
  w.emit('');
  w.emit(`@group(0) @binding(0) var<storage, read> partials: array<${type}>;`);
  emitEpilogueBindings(w, code.epilogue, at);
  w.emit(`@group(0) @binding(${at.c}) var<storage, read_write> c: array<${type}>;`);
  w.emit(`@group(0) @binding(${at.uniform}) var<uniform> params: Params;`);
  w.emit('');
  emitEpilogueFunction(w, code.epilogue);
  w.emit(`@compute @workgroup_size(${code.threads})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit(`let slot = gid.x + gid.y * groups.x * ${code.threads}u;`);
    w.emit('let mn = params.m * params.n;');
    const slots = code.vec ? 'mn / 4u' : 'mn';
    w.emit(`let slots = ${slots};`);
    w.block('if (slot >= slots)', () => w.emit('return;'));
    w.emit(`var s = ${code.vec ? 'vec4<f32>(0.0)' : '0.0'};`);
    w.emit('// Splits in order: the same sum on every run.');
    w.block('for (var split = 0u; split < params.k; split = split + 1u)', () => w.emit('s = s + partials[split * slots + slot];'));
    const e = code.epilogue;
    if (!e) {
      w.emit('c[slot] = s;');
    } else if (code.vec) {
      // A vec4 of C may straddle a column (m need not be a multiple of 4): (i, j) per component.
      const parts = [0, 1, 2, 3].map((q) => {
        w.emit(`let e${q} = 4u * slot + ${q}u;`);
        return `epilogue(s[${q}], e${q} % params.m, e${q} / params.m)`;
      });
      w.emit(`c[slot] = vec4<f32>(${parts.join(', ')});`);
    } else {
      w.emit('c[slot] = epilogue(s, slot % params.m, slot / params.m);');
    }
  });
  return withPreamble(w.toString());
}
