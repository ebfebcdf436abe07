// The `reduction` kernel family: sum, prod, max, min, any and all along one dimension or over
// every element, optionally reading a fused elementwise producer instead of a stored input
// (`sum(a.*b, 2)`, `mean(x.^2)`) and scaling the result (mean = sum × 1/n). Results are f32;
// any/all write 1.0 or 0.0. Which reductions to fuse, and empty inputs, are the planner's business.
//
// The input is seen as [inner, len, outer] (len = the reduced dimension), so fibre f = a + inner·b
// reads elements a + k·inner + b·inner·len, k < len. Three ways to spread that over the GPU,
// picked by chooseSchedule (a comment on each threshold there):
// - `thread`    : one thread per fibre (or per chunk of one), a serial loop. Adjacent threads read
//                 adjacent elements when inner > 1, so this is the coalesced way for dim ≥ 1.
// - `workgroup` : one workgroup per fibre (or per chunk), threads striding over the fibre, then a
//                 tree in workgroup memory (or subgroup ops first, when the device has them).
// - two passes  : when there are too few fibres to fill the GPU, each fibre is cut into chunks;
//                 pass 1 writes one partial per (fibre, chunk), the final pass reduces the partials
//                 of each fibre with the same op (and applies the scale).
//
// Bindings (the provider binds `read` in order, then `read_write`, then the uniform):
// - single pass : inputs… (read, one per producer input, or the one stored input), output (read_write), uniform
// - pass 1      : inputs… (read), partials (read_write, ReductionPlan.partialLength f32s), uniform
// - final pass  : partials (read), output (read_write), uniform
//
// NaN rules (MATLAB): sum/prod propagate NaN unless omitNaN; max/min ignore NaN unless every
// element is NaN; any ignores NaN; all counts NaN as true (nonzero).
//
// The key holds the op, the NaN/scale flags, the producer's code record, the schedule kind, the
// pass role, the subgroup choice and the workgroup size; sizes, chunking and the scale value are
// uniforms, so one pipeline serves every shape that takes the same schedule.

import {
  emitFusedOpFunctions,
  emitFusedSteps,
  emitFusedUniformFields,
  layoutFused,
  writeFusedUniforms,
  type FusedCode,
  type FusedElementwiseParams,
} from './fusedElementwise.ts';
import { foldedGrid, programCacheKey, UniformWriter, type KernelBinding, type KernelProgram } from './program.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';

export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'any' | 'all';

export interface ReductionParams {
  op: ReduceOp;
  inShape: number[];
  /** 0-based dimension, or every element. */
  dim: number | 'all';
  /** Fused elementwise producer with exactly one output over inShape; null = read input 0 directly. */
  producer: FusedElementwiseParams | null;
  /** Multiply the result by the uniform `scale` (mean = sum × 1/n). */
  scale: boolean;
  /** sum/prod skip NaN ('omitnan'); max/min always ignore NaN unless every element is NaN. */
  omitNaN: boolean;
}

export interface ReductionPlan {
  passes: KernelProgram[];
  /** f32 elements of scratch needed between passes; 0 for a single pass. */
  partialLength: number;
}

export interface ReductionLimits {
  maxWorkgroupsPerDimension: number;
  subgroups: boolean;
  maxInvocations: number;
}

// ---- scheduling thresholds ----

/** Fibres of at most this many elements get a thread each: a workgroup would leave most lanes idle. */
const SHORT_FIBRE = 64;
/**
 * Strided fibres with at least this many neighbours (inner ≥ 8: 32 bytes, one memory sector) are
 * read coalesced by the thread schedule, adjacent threads taking adjacent fibres.
 */
const COALESCED_INNER = 8;
/** Fewer fibres than this cannot fill a GPU with a thread each; a final pass then uses workgroups. */
const FEW_FIBRES = 256;
/** Workgroups to aim for when chunking long fibres: several per SM on a large GPU (132 SMs on H100). */
const TARGET_WORKGROUPS = 1024;
/**
 * Threads to aim for when chunking strided fibres (thread schedule): with four loads in flight
 * each, enough to cover HBM latency × bandwidth on a large GPU (H100: ~2.3 MB in flight).
 */
const TARGET_THREADS = 262144;
/** Each workgroup chunk covers at least this many elements per thread, so pass 1 is not all overhead. */
const MIN_WORKGROUP_ELEMENTS_PER_THREAD = 8;
/** Each thread chunk covers at least this many elements. */
const MIN_THREAD_CHUNK = 64;
/** Independent accumulators per thread in the loops: loads in flight per thread. */
const UNROLL = 4;

type Schedule = 'thread' | 'workgroup';
type PassRole = 'single' | 'partial' | 'final';

interface Geometry {
  inner: number;
  len: number;
  outer: number;
}

/** Everything one pass's WGSL depends on: serialised, its cache key. */
interface ReductionCode {
  readonly op: ReduceOp;
  readonly omitNaN: boolean;
  readonly scale: boolean;
  readonly role: PassRole;
  readonly schedule: Schedule;
  readonly subgroups: boolean;
  readonly workgroupSize: number;
  /** The fused producer's code (pass 1 / single pass only), or null for a plain load. */
  readonly producer: FusedCode | null;
}

export function buildReduction(params: ReductionParams, constants: readonly number[], scale: number, limits: ReductionLimits): ReductionPlan {
  const { inShape, dim } = params;
  const n = product(inShape);
  if (n < 1) throw new Error('reduction: empty input (the planner reduces empties on the host)');
  if (dim !== 'all' && (!Number.isInteger(dim) || dim < 0)) throw new Error(`reduction: bad dimension ${dim}`);
  const producer = params.producer ? layoutFused(params.producer) : null;
  if (producer) {
    if (producer.code.outputs.length !== 1) throw new Error('reduction: the fused producer must have exactly one output');
    if (producer.total !== n || !sameShape(params.producer!.outShape, inShape)) {
      throw new Error(`reduction: the producer's shape [${params.producer!.outShape.join(' ')}] is not the input's [${inShape.join(' ')}]`);
    }
  } else if (constants.length > 0) {
    throw new Error('reduction: constants given without a producer');
  }

  const geometry = reductionGeometry(inShape, dim);
  const outShape = reducedShape(inShape, dim);
  const workgroupSize = workgroupSizeFor(limits.maxInvocations);
  const first = chooseSchedule(geometry, workgroupSize, true);
  const inputShapes = params.producer ? params.producer.inputShapes : [inShape];
  const inputElements = producer ? producer.inputElements : n;
  const producerFlops = producer ? producer.code.steps.length * n : 0;
  const base = { op: params.op, omitNaN: params.omitNaN, subgroups: limits.subgroups && first.schedule === 'workgroup', workgroupSize };

  if (first.chunks === 1) {
    const code: ReductionCode = { ...base, scale: params.scale, role: 'single', schedule: first.schedule, producer: producer?.code ?? null };
    const pass = reductionPass(code, geometry, 1, scale, limits, {
      producerUniforms: producer ? (u) => writeFusedUniforms(u, producer, constants) : null,
      inputCount: inputShapes.length,
      flops: n + producerFlops,
      bytes: 4 * (inputElements + product(outShape)),
      shapes: [...inputShapes.map((s) => [...s]), outShape],
    });
    return { passes: [pass], partialLength: 0 };
  }

  // Two passes. Partials are laid out so the final pass is itself a plain reduction:
  // workgroup schedule → partial[f·chunks + c] (each fibre's partials contiguous);
  // thread schedule    → partial[f + fibres·c] (coalesced writes; the final pass is strided).
  const fibres = geometry.inner * geometry.outer;
  const partialLength = fibres * first.chunks;
  const pass1Code: ReductionCode = { ...base, scale: false, role: 'partial', schedule: first.schedule, producer: producer?.code ?? null };
  const pass1 = reductionPass(pass1Code, geometry, first.chunks, 1, limits, {
    producerUniforms: producer ? (u) => writeFusedUniforms(u, producer, constants) : null,
    inputCount: inputShapes.length,
    flops: n + producerFlops,
    bytes: 4 * (inputElements + partialLength),
    shapes: [...inputShapes.map((s) => [...s]), [partialLength]],
  });
  const finalGeometry: Geometry =
    first.schedule === 'workgroup' ? { inner: 1, len: first.chunks, outer: fibres } : { inner: fibres, len: first.chunks, outer: 1 };
  const second = chooseSchedule(finalGeometry, workgroupSize, false);
  const finalCode: ReductionCode = {
    op: params.op,
    omitNaN: params.omitNaN,
    scale: params.scale,
    role: 'final',
    schedule: second.schedule,
    subgroups: limits.subgroups && second.schedule === 'workgroup',
    workgroupSize,
    producer: null,
  };
  const pass2 = reductionPass(finalCode, finalGeometry, 1, scale, limits, {
    producerUniforms: null,
    inputCount: 1,
    flops: partialLength,
    bytes: 4 * (partialLength + product(outShape)),
    shapes: [[partialLength], outShape],
  });
  return { passes: [pass1, pass2], partialLength };
}

/**
 * The schedule for [inner, len, outer] and how many chunks to cut each fibre into (1 = no split).
 * `mayChunk` is false for the final pass of a two-pass plan, which must finish in one pass.
 */
function chooseSchedule(g: Geometry, workgroupSize: number, mayChunk: boolean): { schedule: Schedule; chunks: number } {
  const fibres = g.inner * g.outer;
  if (g.len <= SHORT_FIBRE) return { schedule: 'thread', chunks: 1 };
  const contiguous = g.inner === 1;
  const poorlyCoalesced = g.inner < COALESCED_INNER && fibres < FEW_FIBRES;
  // A final pass cannot split again: few fibres with many partials each need a workgroup apiece.
  const finalFew = !mayChunk && fibres < FEW_FIBRES;
  if (contiguous || poorlyCoalesced || finalFew) {
    // Lanes of a workgroup stride along the fibre (coalesced when contiguous). Split when the
    // fibres alone give too few workgroups.
    const minChunk = workgroupSize * MIN_WORKGROUP_ELEMENTS_PER_THREAD;
    const chunks = mayChunk ? Math.max(1, Math.min(Math.ceil(TARGET_WORKGROUPS / fibres), Math.floor(g.len / minChunk))) : 1;
    return { schedule: 'workgroup', chunks };
  }
  // Strided fibres: a thread each (or per chunk), neighbours reading neighbours. Split long
  // fibres when there are too few threads.
  const chunks = mayChunk && fibres < TARGET_THREADS ? Math.max(1, Math.min(Math.ceil(TARGET_THREADS / fibres), Math.floor(g.len / MIN_THREAD_CHUNK))) : 1;
  return { schedule: 'thread', chunks };
}

interface PassExtras {
  producerUniforms: ((u: UniformWriter) => void) | null;
  inputCount: number;
  flops: number;
  bytes: number;
  shapes: number[][];
}

function reductionPass(code: ReductionCode, g: Geometry, chunks: number, scale: number, limits: ReductionLimits, extras: PassExtras): KernelProgram {
  const fibres = g.inner * g.outer;
  const chunkLen = Math.ceil(g.len / chunks);
  const items = fibres * chunks;
  const threads = code.schedule === 'thread' ? items : items * code.workgroupSize;
  const workgroups = foldedGrid(threads, code.workgroupSize, limits.maxWorkgroupsPerDimension);

  // Layout mirrors the Params struct of emitReduction.
  const u = new UniformWriter().u32(g.inner).u32(g.len).u32(fibres).u32(chunks).u32(chunkLen).u32(items).u32(f32Bits(scale));
  extras.producerUniforms?.(u);

  const bindings: KernelBinding[] = [];
  for (let k = 0; k < extras.inputCount; k++) bindings.push({ binding: k, kind: 'read' });
  bindings.push({ binding: extras.inputCount, kind: 'read_write' });
  bindings.push({ binding: extras.inputCount + 1, kind: 'uniform' });

  return {
    name: 'reduction',
    variant: code.producer ? `${code.op}+fused` : code.op,
    wgsl: emitReduction(code, extras.inputCount),
    cacheKey: programCacheKey('reduction', code),
    bindings,
    workgroupSize: [code.workgroupSize, 1, 1],
    workgroups,
    uniforms: u.finish(),
    flops: extras.flops,
    bytes: extras.bytes,
    boundBy: 'bytes',
    shapes: extras.shapes,
  };
}

// ---- WGSL ----

/** How an op folds values: identity, the per-element map, the merge of two partial results. */
interface OpRules {
  identity: string;
  /** Expression turning a loaded element `v` into an accumulator value. */
  map: (v: string) => string;
  /** Expression merging two accumulator values. */
  merge: (a: string, b: string) => string;
}

function opRules(op: ReduceOp, omitNaN: boolean): OpRules {
  switch (op) {
    case 'sum':
      return { identity: '0.0', map: (v) => (omitNaN ? `select(${v}, 0.0, mb_isnan(${v}))` : v), merge: (a, b) => `${a} + ${b}` };
    case 'prod':
      return { identity: '1.0', map: (v) => (omitNaN ? `select(${v}, 1.0, mb_isnan(${v}))` : v), merge: (a, b) => `${a} * ${b}` };
    // NaN is the identity of the NaN-ignoring max/min: mb_max(NaN, x) = x, and all-NaN stays NaN.
    case 'max':
      return { identity: 'mb_nan()', map: (v) => v, merge: (a, b) => `mb_max(${a}, ${b})` };
    case 'min':
      return { identity: 'mb_nan()', map: (v) => v, merge: (a, b) => `mb_min(${a}, ${b})` };
    // Accumulators are 0/1. any ignores NaN; all counts it as nonzero (MATLAB).
    case 'any':
      return { identity: '0.0', map: (v) => `select(0.0, 1.0, mb_nonzero(${v}) && !mb_isnan(${v}))`, merge: (a, b) => `max(${a}, ${b})` };
    case 'all':
      return { identity: '1.0', map: (v) => `select(0.0, 1.0, mb_nonzero(${v}))`, merge: (a, b) => `min(${a}, ${b})` };
  }
}

function emitReduction(code: ReductionCode, inputCount: number): string {
  const rules = opRules(code.op, code.omitNaN);
  // The final pass reads partials, which are already mapped (0/1 for any/all): merge them as they are.
  const map = code.role === 'final' ? (v: string): string => v : rules.map;
  const wg = code.workgroupSize;
  const w = new WgslBuilder();
  w.emit(`// reduction ${code.op}${code.producer ? '+fused' : ''}: ${code.role} pass, ${code.schedule} schedule${code.subgroups ? ', subgroups' : ''}`);
  w.block('struct Params', () => {
    w.emit('inner: u32,', 'len: u32,', 'fibres: u32,', 'chunks: u32,', 'chunk_len: u32,', '// fibres × chunks: threads (thread schedule) or workgroups (workgroup schedule)', 'items: u32,', 'scale: f32,');
    if (code.producer) emitFusedUniformFields(w, code.producer, 'p_');
  });
  w.emit('');
  const source = code.role === 'final' ? 'partials' : 'in_0';
  if (code.role === 'final') {
    w.emit('@group(0) @binding(0) var<storage, read> partials: array<f32>;');
  } else {
    for (let k = 0; k < inputCount; k++) w.emit(`@group(0) @binding(${k}) var<storage, read> in_${k}: array<f32>;`);
  }
  const sink = code.role === 'partial' ? 'partials_out' : 'result';
  w.emit(`@group(0) @binding(${inputCount}) var<storage, read_write> ${sink}: array<f32>;`);
  w.emit(`@group(0) @binding(${inputCount + 1}) var<uniform> params: Params;`);
  w.emit('');

  // load(j): element j of the reduced array, mapped into the accumulator's domain.
  if (code.producer) {
    emitFusedOpFunctions(w, code.producer);
    w.block('fn load(j: u32) -> f32', () => {
      const [value] = emitFusedSteps(w, code.producer!, { index: 'j', uniform: 'params', prefix: 'p_', input: (k) => `in_${k}` });
      w.emit(`let v = ${value};`);
      w.emit(`return ${map('v')};`);
    });
  } else {
    w.block('fn load(j: u32) -> f32', () => {
      w.emit(`let v = ${source}[j];`);
      w.emit(`return ${map('v')};`);
    });
  }
  w.block('fn merge(a: f32, b: f32) -> f32', () => w.emit(`return ${rules.merge('a', 'b')};`));
  w.emit('');

  // The value stored for item g (a fibre, or one chunk of one).
  const store = (value: string): string => {
    if (code.role === 'partial') return `${sink}[out_index] = ${value};`;
    return code.scale ? `${sink}[out_index] = ${value} * params.scale;` : `${sink}[out_index] = ${value};`;
  };

  if (code.schedule === 'thread') {
    w.emit(`@compute @workgroup_size(${wg})`);
    w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
      w.emit(`let t = gid.x + gid.y * groups.x * ${wg}u;`);
      w.block('if (t >= params.items)', () => w.emit('return;'));
      w.emit('// Item t = fibre f, chunk c; fibre f = a + inner·b.');
      w.emit('let f = t % params.fibres;', 'let c = t / params.fibres;');
      w.emit('let a = f % params.inner;', 'let b = f / params.inner;');
      w.emit('let base = a + b * params.inner * params.len;');
      w.emit('let k0 = c * params.chunk_len;', 'let k1 = min(k0 + params.chunk_len, params.len);');
      emitAccumulate(w, rules.identity, 'k0', '1u');
      w.emit('// Partials of the thread schedule: partial[f + fibres·c], so writes are coalesced.');
      w.emit('let out_index = f + params.fibres * c;');
      w.emit(store('acc'));
    });
    return withPreamble(w.toString());
  }

  // Workgroup schedule.
  const slots = code.subgroups ? Math.max(1, wg / 4) : wg; // subgroups have at least 4 lanes (WGSL)
  w.emit(`var<workgroup> scratch: array<f32, ${slots}>;`, '');
  w.emit(`@compute @workgroup_size(${wg})`);
  const builtins = [
    '@builtin(workgroup_id) wid: vec3<u32>',
    '@builtin(num_workgroups) groups: vec3<u32>',
    '@builtin(local_invocation_index) lid: u32',
    ...(code.subgroups ? ['@builtin(subgroup_invocation_id) sg_lane: u32', '@builtin(subgroup_size) sg_size: u32'] : []),
  ];
  w.block(`fn main(${builtins.join(', ')})`, () => {
    w.emit('// Workgroup-uniform: the early return keeps barriers in uniform control flow.');
    w.emit('let g = wid.x + wid.y * groups.x;');
    w.block('if (g >= params.items)', () => w.emit('return;'));
    w.emit('// Item g = fibre f, chunk c; fibre f = a + inner·b.');
    w.emit('let f = g / params.chunks;', 'let c = g % params.chunks;');
    w.emit('let a = f % params.inner;', 'let b = f / params.inner;');
    w.emit('let base = a + b * params.inner * params.len;');
    w.emit('let k0 = c * params.chunk_len;', 'let k1 = min(k0 + params.chunk_len, params.len);');
    emitAccumulate(w, rules.identity, 'k0 + lid', `${wg}u`);
    if (code.subgroups) emitSubgroupTree(w, code.op, wg);
    else emitSharedTree(w, wg);
    w.block('if (lid == 0u)', () => {
      w.emit('// Partials of the workgroup schedule: partial[f·chunks + c] = partial[g].');
      w.emit('let out_index = g;');
      w.emit(store('scratch[0]'));
    });
  });
  // Directives come before every declaration, the helpers included.
  return (code.subgroups ? 'enable subgroups;\n\n' : '') + withPreamble(w.toString());
}

/**
 * The loop over k in [start, k1) by `step`, folding load(base + k·inner) into `acc` through
 * UNROLL independent accumulators (that many loads in flight per thread), then the remainder.
 */
function emitAccumulate(w: WgslBuilder, identity: string, start: string, step: string): void {
  const accs = Array.from({ length: UNROLL }, (_, j) => `acc${j}`);
  for (const a of accs) w.emit(`var ${a} = ${identity};`);
  w.emit(`var k = ${start};`);
  const at = (j: number): string => (j === 0 ? 'k' : `k + ${j}u * ${step}`);
  w.block(`for (; ${at(UNROLL - 1)} < k1; k += ${UNROLL}u * ${step})`, () => {
    accs.forEach((a, j) => w.emit(`${a} = merge(${a}, load(base + (${at(j)}) * params.inner));`));
  });
  w.block(`for (; k < k1; k += ${step})`, () => w.emit('acc0 = merge(acc0, load(base + k * params.inner));'));
  let level = accs;
  while (level.length > 1) level = level.flatMap((a, j) => (j % 2 === 0 ? [j + 1 < level.length ? `merge(${a}, ${level[j + 1]})` : a] : []));
  w.emit(`let acc = ${level[0]};`);
}

/** Tree in workgroup memory: log2(wg) halving steps, unrolled. Leaves the result in scratch[0]. */
function emitSharedTree(w: WgslBuilder, wg: number): void {
  w.emit('scratch[lid] = acc;');
  w.emit('workgroupBarrier();');
  for (let s = wg / 2; s >= 1; s /= 2) {
    w.block(`if (lid < ${s}u)`, () => w.emit(`scratch[lid] = merge(scratch[lid], scratch[lid + ${s}u]);`));
    w.emit('workgroupBarrier();');
  }
}

/**
 * Subgroup reduction first, then a short tree over one value per subgroup. Assumes what every
 * driver does for a 1-D workgroup: subgroup s holds local invocations [s·size, (s+1)·size).
 * The subgroup built-ins are not NaN-aware, so max/min fold NaN lanes out explicitly (and restore
 * NaN when every lane was NaN); any/all accumulators are 0/1, so max/min serve.
 */
function emitSubgroupTree(w: WgslBuilder, op: ReduceOp, wg: number): void {
  switch (op) {
    case 'sum':
      w.emit('let sg = subgroupAdd(acc);');
      break;
    case 'prod':
      w.emit('let sg = subgroupMul(acc);');
      break;
    case 'max':
    case 'min': {
      const fn = op === 'max' ? 'subgroupMax' : 'subgroupMin';
      const neutral = op === 'max' ? 'mb_inf(true)' : 'mb_inf(false)';
      w.emit('let lane_valid = !mb_isnan(acc);');
      w.emit(`let sg_value = ${fn}(select(${neutral}, acc, lane_valid));`);
      w.emit('let sg = select(mb_nan(), sg_value, subgroupAny(lane_valid));');
      break;
    }
    case 'any':
      w.emit('let sg = subgroupMax(acc);');
      break;
    case 'all':
      w.emit('let sg = subgroupMin(acc);');
      break;
  }
  w.block('if (sg_lane == 0u)', () => w.emit('scratch[lid / sg_size] = sg;'));
  w.emit('workgroupBarrier();');
  w.emit('// One value per subgroup now: halve down to scratch[0] (sg_size is uniform, so are the bounds).');
  w.block(`for (var s = ${wg}u / sg_size / 2u; s > 0u; s = s / 2u)`, () => {
    w.block('if (lid < s)', () => w.emit('scratch[lid] = merge(scratch[lid], scratch[lid + s]);'));
    w.emit('workgroupBarrier();');
  });
}

// ---- shapes ----

function reductionGeometry(inShape: readonly number[], dim: number | 'all'): Geometry {
  if (dim === 'all') return { inner: 1, len: product(inShape), outer: 1 };
  let inner = 1;
  let outer = 1;
  inShape.forEach((d, i) => {
    if (i < dim) inner *= d;
    else if (i > dim) outer *= d;
  });
  return { inner, len: inShape[dim] ?? 1, outer };
}

/** inShape with `dim` set to 1 (padded with ones when dim is past the end), or [1, 1] for 'all'. */
export function reducedShape(inShape: readonly number[], dim: number | 'all'): number[] {
  if (dim === 'all') return [1, 1];
  const out = [...inShape];
  while (out.length <= dim) out.push(1);
  out[dim] = 1;
  return out;
}

/** The largest power of two ≤ 256 the device allows in a workgroup. */
function workgroupSizeFor(maxInvocations: number): number {
  let size = 256;
  while (size > Math.max(1, maxInvocations)) size /= 2;
  return Math.max(size, 1);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  const rank = Math.max(a.length, b.length);
  for (let d = 0; d < rank; d++) if ((a[d] ?? 1) !== (b[d] ?? 1)) return false;
  return true;
}

function f32Bits(value: number): number {
  return new Uint32Array(Float32Array.of(value).buffer)[0];
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
