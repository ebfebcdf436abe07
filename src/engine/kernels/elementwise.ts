// The `elementwise` kernel family: one generated kernel applying a unary or binary ElementwiseOp
// to f32 storage buffers, with MATLAB implicit expansion over up to 6-D column-major shapes.
//
// What is specialised and what is not: the code depends only on the op, the output rank and each
// input's broadcast class (below), which together form the params record the cache key is made
// from. Sizes and strides travel in the uniform buffer, so one pipeline serves every shape of the
// same rank and pattern (and `x + 2` and `x + 3` share one, the scalar being a 1-element input).
// Fused chains of several ops are a later family; this one is the single-op building block.

import { broadcastShapes, expandedStrides } from '../graph/broadcast.ts';
import type { ElementwiseOp } from '../graph/elementwiseOps.ts';
import {
  DEFAULT_MAX_WORKGROUPS_PER_DIMENSION,
  foldedGrid,
  programCacheKey,
  UniformWriter,
  type KernelBinding,
  type KernelProgram,
} from './program.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';

export const ELEMENTWISE_WORKGROUP_SIZE = 256;
/** Highest output rank after dropping trailing singleton dimensions. */
export const ELEMENTWISE_MAX_RANK = 6;

/**
 * How one input is addressed from the output's linear index:
 * `same`    — same element count as the output, so input[i] (no index arithmetic);
 * `scalar`  — one element, input[0];
 * `strided` — expanded along some dimensions: walk the output coordinates with per-input strides.
 */
export type BroadcastClass = 'same' | 'scalar' | 'strided';

export interface ElementwiseParams {
  readonly op: ElementwiseOp;
  /** One shape per operand (op.arity of them), column-major, MATLAB sizes. */
  readonly inputShapes: readonly (readonly number[])[];
  /** The broadcast output shape; computed from the inputs when omitted. */
  readonly outShape?: readonly number[];
  /** The device's maxComputeWorkgroupsPerDimension (65535 unless the adapter says otherwise). */
  readonly maxWorkgroupsPerDimension?: number;
}

/** Everything the WGSL depends on, and nothing else: serialised, it is the cache key. */
interface ElementwiseCodeParams {
  readonly op: string;
  readonly expression: string;
  readonly inputs: readonly BroadcastClass[];
  /** Rank of the coordinate walk; 0 when no input is strided (no walk at all). */
  readonly rank: number;
  readonly workgroupSize: number;
}

const INPUT_NAMES = ['a', 'b'] as const;

export function buildElementwise(params: ElementwiseParams): KernelProgram {
  const { op, inputShapes } = params;
  if (inputShapes.length !== op.arity) {
    throw new Error(`elementwise ${op.name}: expected ${op.arity} input(s), got ${inputShapes.length}`);
  }
  const outShape = params.outShape ?? broadcastAll(inputShapes);
  const total = product(outShape);
  const walkShape = trimTrailingOnes(outShape);
  if (walkShape.length > ELEMENTWISE_MAX_RANK) {
    throw new Error(`elementwise ${op.name}: rank ${walkShape.length} exceeds ${ELEMENTWISE_MAX_RANK}`);
  }
  const classes = inputShapes.map((shape) => broadcastClass(shape, total));
  const anyStrided = classes.includes('strided');
  const code: ElementwiseCodeParams = {
    op: op.name,
    expression: op.wgsl,
    inputs: classes,
    rank: anyStrided ? walkShape.length : 0,
    workgroupSize: ELEMENTWISE_WORKGROUP_SIZE,
  };

  const uniforms = new UniformWriter().u32(total);
  if (anyStrided) {
    // Layout mirrors the Params struct emitted below: total, then shape and one stride array per input.
    uniforms.vec4Array(walkShape, 2);
    for (const shape of inputShapes) uniforms.vec4Array(expandedStrides(shape, walkShape), 2);
  }

  const bindings: KernelBinding[] = [
    ...inputShapes.map((_, i): KernelBinding => ({ binding: i, kind: 'read' })),
    { binding: op.arity, kind: 'read_write' },
    { binding: op.arity + 1, kind: 'uniform' },
  ];
  const inputElements = inputShapes.reduce((sum, shape) => sum + Math.min(product(shape), total), 0);

  return {
    name: 'elementwise',
    variant: op.name,
    wgsl: emitElementwise(code),
    cacheKey: programCacheKey('elementwise', code),
    bindings,
    workgroupSize: [ELEMENTWISE_WORKGROUP_SIZE, 1, 1],
    workgroups: foldedGrid(total, ELEMENTWISE_WORKGROUP_SIZE, params.maxWorkgroupsPerDimension ?? DEFAULT_MAX_WORKGROUPS_PER_DIMENSION),
    uniforms: uniforms.finish(),
    flops: total,
    bytes: 4 * (inputElements + total),
    boundBy: 'bytes',
    shapes: [...inputShapes.map((s) => [...s]), [...outShape]],
  };
}

/** Renders the kernel from its code params alone (so the key cannot drift from the code). */
function emitElementwise(code: ElementwiseCodeParams): string {
  const w = new WgslBuilder();
  const arity = code.inputs.length;
  w.emit(`// elementwise ${code.op}: inputs [${code.inputs.join(', ')}], walk rank ${code.rank}`);
  w.block('struct Params', () => {
    w.emit('total: u32,');
    if (code.rank > 0) {
      // Two vec4s hold up to 8 dimensions; uniform arrays need 16-byte elements.
      w.emit('shape: array<vec4<u32>, 2>,');
      for (let i = 0; i < arity; i++) w.emit(`stride_${INPUT_NAMES[i]}: array<vec4<u32>, 2>,`);
    }
  });
  w.emit('');
  for (let i = 0; i < arity; i++) w.emit(`@group(0) @binding(${i}) var<storage, read> in_${INPUT_NAMES[i]}: array<f32>;`);
  w.emit(`@group(0) @binding(${arity}) var<storage, read_write> result: array<f32>;`);
  w.emit(`@group(0) @binding(${arity + 1}) var<uniform> params: Params;`);
  w.emit('');
  w.emit(`@compute @workgroup_size(${code.workgroupSize})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit('// The grid may be folded into rows (see foldedGrid); rebuild the linear output index.');
    w.emit(`let i = gid.x + gid.y * groups.x * ${code.workgroupSize}u;`);
    w.block('if (i >= params.total)', () => w.emit('return;'));
    if (code.rank > 0) emitCoordinateWalk(w, code);
    for (let k = 0; k < arity; k++) {
      const name = INPUT_NAMES[k];
      const index = code.inputs[k] === 'same' ? 'i' : code.inputs[k] === 'scalar' ? '0u' : `offset_${name}`;
      w.emit(`let ${name} = in_${name}[${index}];`);
    }
    w.emit(`result[i] = ${code.expression};`);
  });
  return withPreamble(w.toString());
}

/** Splits i into column-major coordinates and accumulates each strided input's offset. */
function emitCoordinateWalk(w: WgslBuilder, code: ElementwiseCodeParams): void {
  const strided = code.inputs.flatMap((c, k) => (c === 'strided' ? [INPUT_NAMES[k]] : []));
  w.emit('var rest = i;');
  for (const name of strided) w.emit(`var offset_${name} = 0u;`);
  for (let d = 0; d < code.rank; d++) {
    const field = `[${d >> 2}][${d & 3}]`;
    const last = d === code.rank - 1;
    // The last coordinate is whatever remains: no division needed.
    const coordinate = last ? 'rest' : `rest % params.shape${field}`;
    w.emit(`let c${d} = ${coordinate};`);
    if (!last) w.emit(`rest = rest / params.shape${field};`);
    for (const name of strided) w.emit(`offset_${name} += c${d} * params.stride_${name}${field};`);
  }
}

function broadcastClass(shape: readonly number[], total: number): BroadcastClass {
  const n = product(shape);
  if (n === total) return 'same';
  if (n === 1) return 'scalar';
  return 'strided';
}

function broadcastAll(shapes: readonly (readonly number[])[]): number[] {
  let out: number[] = [...shapes[0]];
  for (const shape of shapes.slice(1)) {
    const next = broadcastShapes(out, shape);
    if (next === null) throw new Error(`elementwise: sizes [${out.join(' ')}] and [${shape.join(' ')}] are not compatible`);
    out = next;
  }
  return out;
}

function trimTrailingOnes(shape: readonly number[]): number[] {
  let end = shape.length;
  while (end > 1 && shape[end - 1] === 1) end--;
  return shape.slice(0, Math.max(end, 1));
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
