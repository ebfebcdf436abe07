// The fused `elementwise` kernel: one generated kernel that evaluates a whole tree (or DAG) of
// elementwise ops over f32 inputs with MATLAB implicit expansion, writing one or more of its
// intermediate values. The fusion planner decides what to fuse and hands us the ops' WGSL as data
// (FusedOp, taken from ELEMENTWISE_OPS); this file only generates code.
//
// Code shape: one WGSL `fn op_<name>` per op the steps use, then `main`, which maps the thread's
// linear output index to each input's element, evaluates the steps in order as SSA `let`s
// (`let s2 = op_add(s1, params.consts[0].x);`) and stores the requested steps.
//
// Random operands: a `rand`/`randn` fill of the output's shape can be an operand of its own kind,
// generated in-kernel: the thread computes the Philox value of its element i with the functions
// of the random kernel (random.ts emitPhiloxFunctions), so the fill is never written or read and
// binds no buffer. Its numbers are those the standalone random kernel would have written.
//
// What is specialised (the code record, hence the cache key) and what is not:
// - in the key: the ops' WGSL, the steps, the outputs, each input's broadcast class
//   (`same` / `scalar` / `strided`), the rank of the index walk after merging dimensions, the
//   number of constants, each random operand's distribution, and the `fast` flag (no strided
//   input: no index arithmetic at all);
// - in the uniforms: the element count, the merged walk shape, per-input strides, the
//   constants' values, and each random operand's key and counter (as exact u32 words). So
//   `x*2+1` and `x*3-4` share a pipeline, so do all shapes with the same broadcast pattern, and so
//   do the iterations of a Monte Carlo loop drawing fresh numbers.
//
// The pieces (layout, struct fields, op functions, step evaluation) are exported for the
// reduction family, which evaluates a fused producer inside its loads (src/engine/kernels/reduction.ts).

import {
  DEFAULT_MAX_WORKGROUPS_PER_DIMENSION,
  foldedGrid,
  programCacheKey,
  UniformWriter,
  type KernelBinding,
  type KernelProgram,
} from './program.ts';
import { emitPhiloxFunctions, randomBlockFunction, randomElementFunction, randomStreamWords, type RandomDist } from './random.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';

// ---- the contract (the planner builds these) ----

/** One elementwise op, as ELEMENTWISE_OPS describes it: `wgsl` is an expression over `a` (and `b`). */
export interface FusedOp {
  name: string;
  arity: 1 | 2;
  wgsl: string;
}

/**
 * A step argument: an input array, a scalar constant (from the uniform buffer), a random fill
 * generated in-kernel (index into FusedElementwiseParams.randoms), or an earlier step.
 */
export type Operand =
  | { kind: 'input'; index: number }
  | { kind: 'const'; index: number }
  | { kind: 'random'; index: number }
  | { kind: 'step'; index: number };

/**
 * A random fill generated in-kernel: element i is element i of
 * buildRandom({ dist, length: total }, key, counter). It has the output's shape.
 */
export interface FusedRandomFill {
  dist: RandomDist;
  key: [number, number];
  counter: number;
}

export interface FusedStep {
  /** Index into FusedElementwiseParams.ops. */
  op: number;
  args: Operand[];
}

export interface FusedElementwiseParams {
  ops: FusedOp[];
  /** Each broadcast against outShape (MATLAB implicit expansion, up to 6-D). */
  inputShapes: number[][];
  outShape: number[];
  /** Scalar constants read from the uniform buffer; their values are not in the cache key. */
  constantCount: number;
  /** Random fills generated in-kernel (absent: none); keys and counters are uniforms, not in the cache key. */
  randoms?: FusedRandomFill[];
  /** SSA: step i may use inputs, constants, random fills and steps before i. */
  steps: FusedStep[];
  /** Indices of the steps written out, in order; every output has outShape. */
  outputs: number[];
}

export const FUSED_WORKGROUP_SIZE = 256;
/** Elements each thread handles on the fast path (contiguous and scalar inputs only). */
export const FAST_ELEMENTS_PER_THREAD = 4;
/** Highest rank of the index walk after merging dimensions (two vec4<u32> in the uniforms). */
export const FUSED_MAX_WALK_RANK = 8;

/**
 * How one input is addressed from the output's linear index:
 * `same`    — as many elements as the output: input[i];
 * `scalar`  — one element: input[0];
 * `strided` — expanded along some dimensions: walk the output coordinates with this input's strides.
 */
export type FusedInputClass = 'same' | 'scalar' | 'strided';

/** Everything the generated code depends on, and nothing else: serialised, it is the cache key. */
export interface FusedCode {
  readonly ops: readonly FusedOp[];
  readonly inputs: readonly FusedInputClass[];
  /** No strided input: the kernel indexes every input with i or 0, no coordinate walk. */
  readonly fast: boolean;
  /** Rank of the coordinate walk (0 when fast). */
  readonly rank: number;
  readonly constantCount: number;
  /** Distribution of each random operand. */
  readonly randoms: readonly RandomDist[];
  readonly steps: readonly FusedStep[];
  readonly outputs: readonly number[];
}

/** A fused chain, analysed: its code record plus the shape data that goes into the uniforms. */
export interface FusedLayout {
  readonly code: FusedCode;
  /** Output element count. */
  readonly total: number;
  /** Output dimensions after dropping singletons and merging dimensions with one broadcast pattern. */
  readonly walkShape: readonly number[];
  /** Per input, its element strides along walkShape (0 where expanded); empty unless strided. */
  readonly strides: readonly (readonly number[])[];
  /** Elements each input contributes to the traffic (a scalar reads 1). */
  readonly inputElements: number;
  /** Per random operand, its stream's four u32 words (randomStreamWords), concatenated. */
  readonly randomStreams: readonly number[];
}

// ---- the kernel ----

export function buildFusedElementwise(
  params: FusedElementwiseParams,
  constants: readonly number[],
  maxWorkgroupsPerDimension = DEFAULT_MAX_WORKGROUPS_PER_DIMENSION,
): KernelProgram {
  const layout = layoutFused(params);
  const { code, total } = layout;
  const workgroupSize = FUSED_WORKGROUP_SIZE;
  const inputCount = code.inputs.length;
  const outputCount = code.outputs.length;

  const uniforms = new UniformWriter().u32(total);
  writeFusedUniforms(uniforms, layout, constants);

  const bindings: KernelBinding[] = [];
  for (let k = 0; k < inputCount; k++) bindings.push({ binding: k, kind: 'read' });
  for (let j = 0; j < outputCount; j++) bindings.push({ binding: inputCount + j, kind: 'read_write' });
  bindings.push({ binding: inputCount + outputCount, kind: 'uniform' });

  // vec4: every full-size input and output is read and written 16 bytes at a time (the copy
  // kernel's access pattern); needs the element count to be a multiple of 4.
  const vec4 = code.fast && total % 4 === 0 && total > 0;
  const perThread = code.fast ? FAST_ELEMENTS_PER_THREAD : 1;
  const keyRecord = { family: 'fused', workgroupSize, perThread, vec4, ...code };
  return {
    name: 'elementwise',
    variant: code.steps.length === 1 ? code.ops[code.steps[0].op].name : 'fused',
    wgsl: vec4 ? emitVec4Kernel(code, workgroupSize) : emitFusedKernel(code, workgroupSize),
    cacheKey: programCacheKey('elementwise', keyRecord),
    bindings,
    workgroupSize: [workgroupSize, 1, 1],
    workgroups: foldedGrid(vec4 ? total / 4 : code.fast ? Math.ceil(total / FAST_ELEMENTS_PER_THREAD) : total, workgroupSize, maxWorkgroupsPerDimension),
    uniforms: uniforms.finish(),
    flops: code.steps.length * total,
    bytes: 4 * (layout.inputElements + outputCount * total),
    boundBy: 'bytes',
    shapes: [...params.inputShapes.map((s) => [...s]), ...params.outputs.map(() => [...params.outShape])],
  };
}

/** Renders the kernel from its code record alone, so the key cannot drift from the code. */
function emitFusedKernel(code: FusedCode, workgroupSize: number): string {
  const w = new WgslBuilder();
  const inputCount = code.inputs.length;
  const outputCount = code.outputs.length;
  w.emit(`// elementwise fused: ${code.steps.length} step(s), inputs [${code.inputs.join(', ')}]${randomSummary(code)}, ${code.fast ? 'fast path' : `walk rank ${code.rank}`}`);
  w.block('struct Params', () => {
    w.emit('total: u32,');
    emitFusedUniformFields(w, code, '');
  });
  w.emit('');
  for (let k = 0; k < inputCount; k++) w.emit(`@group(0) @binding(${k}) var<storage, read> in_${k}: array<f32>;`);
  for (let j = 0; j < outputCount; j++) w.emit(`@group(0) @binding(${inputCount + j}) var<storage, read_write> out_${j}: array<f32>;`);
  w.emit(`@group(0) @binding(${inputCount + outputCount}) var<uniform> params: Params;`);
  w.emit('');
  emitFusedOpFunctions(w, code);
  w.emit(`@compute @workgroup_size(${workgroupSize})`);
  if (code.fast) {
    // Fast path: each workgroup covers FAST_ELEMENTS_PER_THREAD blocks of `workgroupSize`
    // consecutive elements, one block per loop turn, so every load and store stays coalesced
    // while each thread keeps several memory operations in flight.
    const span = workgroupSize * FAST_ELEMENTS_PER_THREAD;
    w.block(
      'fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) groups: vec3<u32>)',
      () => {
        w.emit(`let first = (wid.x + wid.y * groups.x) * ${span}u + lid;`);
        w.block(`for (var k = 0u; k < ${FAST_ELEMENTS_PER_THREAD}u; k++)`, () => {
          w.emit(`let i = first + k * ${workgroupSize}u;`);
          w.block('if (i >= params.total)', () => w.emit('break;'));
          const values = emitFusedSteps(w, code, { index: 'i', uniform: 'params', prefix: '', input: (k) => `in_${k}` });
          values.forEach((value, j) => w.emit(`out_${j}[i] = ${value};`));
        });
      },
    );
    return withPreamble(w.toString());
  }
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit('// The grid may be folded into rows (see foldedGrid); rebuild the linear output index.');
    w.emit(`let i = gid.x + gid.y * groups.x * ${workgroupSize}u;`);
    w.block('if (i >= params.total)', () => w.emit('return;'));
    const values = emitFusedSteps(w, code, { index: 'i', uniform: 'params', prefix: '', input: (k) => `in_${k}` });
    values.forEach((value, j) => w.emit(`out_${j}[i] = ${value};`));
  });
  return withPreamble(w.toString());
}

/**
 * The vec4 fast path: one thread per 4 consecutive elements; full-size inputs load a vec4 once,
 * scalars load their one element, and the chain runs once per lane.
 */
function emitVec4Kernel(code: FusedCode, workgroupSize: number): string {
  const w = new WgslBuilder();
  const inputCount = code.inputs.length;
  const outputCount = code.outputs.length;
  w.emit(`// elementwise fused: ${code.steps.length} step(s), inputs [${code.inputs.join(', ')}]${randomSummary(code)}, vec4 fast path`);
  w.block('struct Params', () => {
    w.emit('total: u32,');
    emitFusedUniformFields(w, code, '');
  });
  w.emit('');
  code.inputs.forEach((c, k) => w.emit(`@group(0) @binding(${k}) var<storage, read> in_${k}: array<${c === 'same' ? 'vec4<f32>' : 'f32'}>;`));
  for (let j = 0; j < outputCount; j++) w.emit(`@group(0) @binding(${inputCount + j}) var<storage, read_write> out_${j}: array<vec4<f32>>;`);
  w.emit(`@group(0) @binding(${inputCount + outputCount}) var<uniform> params: Params;`);
  w.emit('');
  emitFusedOpFunctions(w, code);
  const names = opFunctionNames(code.ops);
  const used = usedInputs(code);
  w.emit(`@compute @workgroup_size(${workgroupSize})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit(`let i = gid.x + gid.y * groups.x * ${workgroupSize}u;`);
    w.block('if (i >= params.total / 4u)', () => w.emit('return;'));
    code.inputs.forEach((c, k) => {
      if (used.has(k)) w.emit(c === 'same' ? `let v${k} = in_${k}[i];` : `let v${k} = in_${k}[0];`);
    });
    // Thread i's four elements are exactly Philox block i of each random operand.
    code.randoms.forEach((dist, k) => w.emit(`let g${k} = ${randomBlockFunction(dist)}(params.rng[${k}], i);`));
    for (let j = 0; j < outputCount; j++) w.emit(`var r${j}: vec4<f32>;`);
    for (let lane = 0; lane < 4; lane++) {
      w.block('', () => {
        const operand = (a: Operand): string => {
          if (a.kind === 'input') return code.inputs[a.index] === 'same' ? `v${a.index}[${lane}]` : `v${a.index}`;
          if (a.kind === 'step') return `s${a.index}`;
          if (a.kind === 'random') return `g${a.index}[${lane}]`;
          return `params.consts[${a.index >> 2}][${a.index & 3}]`;
        };
        code.steps.forEach((step, i) => w.emit(`let s${i} = ${names[step.op]}(${step.args.map(operand).join(', ')});`));
        code.outputs.forEach((s, j) => w.emit(`r${j}[${lane}] = s${s};`));
      });
    }
    for (let j = 0; j < outputCount; j++) w.emit(`out_${j}[i] = r${j};`);
  });
  return withPreamble(w.toString());
}

// ---- pieces shared with the reduction family ----

/** Validates the chain and computes its code record and uniform data. */
export function layoutFused(params: FusedElementwiseParams): FusedLayout {
  const { ops, inputShapes, outShape, steps, outputs, constantCount } = params;
  const randoms = params.randoms ?? [];
  validateSteps(params);
  const total = product(outShape);
  const inputs = inputShapes.map((shape, k): FusedInputClass => {
    checkBroadcast(shape, outShape, k);
    const n = product(shape);
    if (n === total) return 'same';
    if (n === 1) return 'scalar';
    return 'strided';
  });
  const fast = !inputs.includes('strided');
  let walkShape: number[] = [];
  let strides: number[][] = inputShapes.map(() => []);
  if (!fast) {
    ({ walkShape, strides } = mergedWalk(inputShapes, outShape, inputs));
    if (walkShape.length > FUSED_MAX_WALK_RANK) {
      throw new Error(`elementwise fused: broadcast pattern needs rank ${walkShape.length}, more than ${FUSED_MAX_WALK_RANK}`);
    }
  }
  const code: FusedCode = {
    ops: ops.map((op) => ({ name: op.name, arity: op.arity, wgsl: op.wgsl })),
    inputs,
    fast,
    rank: walkShape.length,
    constantCount,
    randoms: randoms.map((r) => r.dist),
    steps: steps.map((s) => ({ op: s.op, args: s.args.map((a) => ({ kind: a.kind, index: a.index }) as Operand) })),
    outputs: [...outputs],
  };
  const inputElements = inputShapes.reduce((sum, shape) => sum + Math.min(product(shape), total), 0);
  const randomStreams = randoms.flatMap((r) => randomStreamWords(r.key, r.counter));
  return { code, total, walkShape, strides, inputElements, randomStreams };
}

/**
 * The struct fields a fused chain reads (names prefixed with `prefix`): the walk shape and one
 * stride array per strided input when not fast, the constants as vec4<f32>s, and one vec4<u32>
 * stream (key0, key1, counter_lo, counter_hi) per random operand. Every field is 16-byte
 * aligned, as UniformWriter.vec4Array writes them.
 */
export function emitFusedUniformFields(w: WgslBuilder, code: FusedCode, prefix: string): void {
  if (!code.fast) {
    // Two vec4s hold up to 8 dimensions; uniform arrays need 16-byte elements.
    w.emit(`${prefix}shape: array<vec4<u32>, 2>,`);
    code.inputs.forEach((c, k) => {
      if (c === 'strided') w.emit(`${prefix}stride_${k}: array<vec4<u32>, 2>,`);
    });
  }
  if (code.constantCount > 0) w.emit(`${prefix}consts: array<vec4<f32>, ${Math.ceil(code.constantCount / 4)}>,`);
  // u32 words, not f32 constants: keys and counters need all 32 bits exactly.
  if (code.randoms.length > 0) w.emit(`${prefix}rng: array<vec4<u32>, ${code.randoms.length}>,`);
}

/** Writes the data for emitFusedUniformFields, in the same order. */
export function writeFusedUniforms(u: UniformWriter, layout: FusedLayout, constants: readonly number[]): void {
  const { code } = layout;
  if (constants.length !== code.constantCount) {
    throw new Error(`elementwise fused: expected ${code.constantCount} constant(s), got ${constants.length}`);
  }
  if (!code.fast) {
    u.vec4Array(layout.walkShape, 2);
    code.inputs.forEach((c, k) => {
      if (c === 'strided') u.vec4Array(layout.strides[k], 2);
    });
  }
  if (code.constantCount > 0) u.vec4Array(f32Bits(constants), Math.ceil(code.constantCount / 4));
  if (code.randoms.length > 0) u.vec4Array(layout.randomStreams, code.randoms.length);
}

/**
 * One `fn op_<name>(a, b) -> f32` per op the steps use (the expression is the op's WGSL), and the
 * Philox functions when there are random operands.
 */
export function emitFusedOpFunctions(w: WgslBuilder, code: FusedCode): void {
  if (code.randoms.length > 0) emitPhiloxFunctions(w, code.randoms);
  const names = opFunctionNames(code.ops);
  const emitted = new Set<string>();
  for (const step of code.steps) {
    const fn = names[step.op];
    if (emitted.has(fn)) continue;
    emitted.add(fn);
    const op = code.ops[step.op];
    const signature = op.arity === 1 ? 'a: f32' : 'a: f32, b: f32';
    w.emit(`fn ${fn}(${signature}) -> f32 { return ${op.wgsl}; }`);
  }
  w.emit('');
}

export interface FusedEmitContext {
  /** WGSL expression of the linear output index (u32), already bounds-checked. */
  readonly index: string;
  /** Name of the uniform variable holding the fields of emitFusedUniformFields. */
  readonly uniform: string;
  /** The field prefix given to emitFusedUniformFields. */
  readonly prefix: string;
  /** Name of input k's storage array. */
  readonly input: (k: number) => string;
}

/**
 * Emits the loads and steps as `let`s in the current block and returns the WGSL values of the
 * outputs, in order. Local names: `x<k>` for inputs, `g<k>` for random operands, `s<i>` for
 * steps, `fw_*` for the walk.
 */
export function emitFusedSteps(w: WgslBuilder, code: FusedCode, ctx: FusedEmitContext): string[] {
  const u = `${ctx.uniform}.${ctx.prefix}`;
  if (!code.fast) emitCoordinateWalk(w, code, ctx.index, u);
  const used = usedInputs(code);
  code.inputs.forEach((c, k) => {
    if (!used.has(k)) return;
    const at = c === 'same' ? ctx.index : c === 'scalar' ? '0u' : `fw_offset_${k}`;
    w.emit(`let x${k} = ${ctx.input(k)}[${at}];`);
  });
  // A random operand has the output's shape: its element is the output index, whatever the walk.
  code.randoms.forEach((dist, k) => w.emit(`let g${k} = ${randomElementFunction(dist)}(${u}rng[${k}], ${ctx.index});`));
  const names = opFunctionNames(code.ops);
  const operand = (a: Operand): string => {
    if (a.kind === 'input') return `x${a.index}`;
    if (a.kind === 'random') return `g${a.index}`;
    if (a.kind === 'step') return `s${a.index}`;
    return `${u}consts[${a.index >> 2}][${a.index & 3}]`;
  };
  code.steps.forEach((step, i) => w.emit(`let s${i} = ${names[step.op]}(${step.args.map(operand).join(', ')});`));
  return code.outputs.map((s) => `s${s}`);
}

// ---- internals ----

/** Splits the index into column-major walk coordinates and accumulates each strided input's offset. */
function emitCoordinateWalk(w: WgslBuilder, code: FusedCode, index: string, u: string): void {
  const strided = code.inputs.flatMap((c, k) => (c === 'strided' ? [k] : []));
  w.emit(`var fw_rest = ${index};`);
  for (const k of strided) w.emit(`var fw_offset_${k} = 0u;`);
  for (let d = 0; d < code.rank; d++) {
    const field = `[${d >> 2}][${d & 3}]`;
    const last = d === code.rank - 1;
    // The last coordinate is whatever remains: no division needed.
    w.emit(`let fw_c${d} = ${last ? 'fw_rest' : `fw_rest % ${u}shape${field}`};`);
    if (!last) w.emit(`fw_rest = fw_rest / ${u}shape${field};`);
    for (const k of strided) w.emit(`fw_offset_${k} += fw_c${d} * ${u}stride_${k}${field};`);
  }
}

/**
 * The walk: output dimensions of size 1 dropped, then neighbouring dimensions merged when every
 * strided input is expanded along both or along neither (then its elements are contiguous across
 * them). [3 4 5] with an input [3 4 1] walks [12 5], with strides [1 0].
 */
function mergedWalk(
  inputShapes: readonly (readonly number[])[],
  outShape: readonly number[],
  classes: readonly FusedInputClass[],
): { walkShape: number[]; strides: number[][] } {
  const strided = classes.flatMap((c, k) => (c === 'strided' ? [k] : []));
  const walkShape: number[] = [];
  const patterns: string[] = [];
  const strides: number[][] = inputShapes.map(() => []);
  const ownStride = strided.map(() => 1);
  for (let d = 0; d < outShape.length; d++) {
    const size = outShape[d];
    const expanded = strided.map((k) => (inputShapes[k][d] ?? 1) === 1);
    if (size !== 1) {
      const pattern = expanded.map((e) => (e ? '1' : '0')).join('');
      if (patterns.length > 0 && patterns[patterns.length - 1] === pattern) {
        walkShape[walkShape.length - 1] *= size;
      } else {
        walkShape.push(size);
        patterns.push(pattern);
        strided.forEach((k, s) => strides[k].push(expanded[s] ? 0 : ownStride[s]));
      }
    }
    strided.forEach((k, s) => (ownStride[s] *= inputShapes[k][d] ?? 1));
  }
  return { walkShape, strides };
}

function validateSteps(params: FusedElementwiseParams): void {
  const { ops, inputShapes, steps, outputs, constantCount } = params;
  const randomCount = params.randoms?.length ?? 0;
  if (steps.length === 0) throw new Error('elementwise fused: no steps');
  if (outputs.length === 0) throw new Error('elementwise fused: no outputs');
  steps.forEach((step, i) => {
    const op = ops[step.op];
    if (!op) throw new Error(`elementwise fused: step ${i} names op ${step.op}, but there are ${ops.length}`);
    if (step.args.length !== op.arity) throw new Error(`elementwise fused: step ${i} (${op.name}) has ${step.args.length} argument(s), needs ${op.arity}`);
    for (const a of step.args) {
      const limit = a.kind === 'input' ? inputShapes.length : a.kind === 'const' ? constantCount : a.kind === 'random' ? randomCount : i;
      if (!Number.isInteger(a.index) || a.index < 0 || a.index >= limit) {
        throw new Error(`elementwise fused: step ${i} reads ${a.kind} ${a.index}, out of range`);
      }
    }
  });
  for (const s of outputs) {
    if (!Number.isInteger(s) || s < 0 || s >= steps.length) throw new Error(`elementwise fused: output step ${s} does not exist`);
  }
}

function checkBroadcast(shape: readonly number[], outShape: readonly number[], k: number): void {
  const rank = Math.max(shape.length, outShape.length);
  for (let d = 0; d < rank; d++) {
    const s = shape[d] ?? 1;
    const o = outShape[d] ?? 1;
    if (s !== o && s !== 1) {
      throw new Error(`elementwise fused: input ${k} [${shape.join(' ')}] does not expand to [${outShape.join(' ')}]`);
    }
  }
}

/** `, 2 random (normal, uniform)` for the kernel's header comment; empty without random operands. */
function randomSummary(code: FusedCode): string {
  return code.randoms.length === 0 ? '' : `, ${code.randoms.length} random (${code.randoms.join(', ')})`;
}

function usedInputs(code: FusedCode): Set<number> {
  const used = new Set<number>();
  for (const step of code.steps) for (const a of step.args) if (a.kind === 'input') used.add(a.index);
  return used;
}

/** WGSL function name per op index: `op_<name>`, with the index appended if two different ops share a name. */
function opFunctionNames(ops: readonly FusedOp[]): string[] {
  const byName = new Map<string, string>();
  return ops.map((op, i) => {
    const base = `op_${op.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    const seen = byName.get(base);
    if (seen === undefined) {
      byName.set(base, op.wgsl);
      return base;
    }
    return seen === op.wgsl ? base : `${base}_${i}`;
  });
}

/** f64 values rounded to f32, as their bit patterns (for a vec4<f32> uniform field). */
function f32Bits(values: readonly number[]): number[] {
  const f = Float32Array.from(values);
  return Array.from(new Uint32Array(f.buffer));
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
