// The `index` kernels: contiguous element ranges of column-major arrays, so indexing a GPU value
// (`x(:, j)`, `x(:, :, k)`, `x(a:b)`) and writing part of one (`y(:, j) = v`) stay on the device.
//   - `slice`:  out[i] = source[offset + i], for i < length;
//   - `splice`: out[i] = value[(i - offset) * stride] inside [offset, offset + length), base[i]
//     elsewhere; stride 0 broadcasts a one-element value over the range;
//   - `write`:  out[offset + j] = value[j * stride], for j < length, the rest of out untouched:
//     the later writes of a splice chain (fusion/splice.ts), into the buffer its splice made.
// Offsets, lengths and the stride are uniforms, not code: a loop writing column after column
// reuses one pipeline per program. Which nodes become slices or splices is the planner's choice.
//
// Bindings, slice: source (read), out (read_write), uniform (offset, length).
// Bindings, splice: base (read), value (read), out (read_write), uniform (count, offset, length, stride).
// Bindings, write: value (read), out (read_write), uniform (offset, length, stride).

import { DEFAULT_MAX_WORKGROUPS_PER_DIMENSION, foldedGrid, programCacheKey, UniformWriter, type KernelProgram } from './program.ts';
import { WgslBuilder } from './wgslBuilder.ts';

export const RANGE_WORKGROUP_SIZE = 256;

function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Elements [offset, offset + numel(outShape)) of a `sourceShape` array, as a `outShape` array. */
export function buildSlice(
  sourceShape: readonly number[],
  offset: number,
  outShape: readonly number[],
  maxWorkgroupsPerDimension = DEFAULT_MAX_WORKGROUPS_PER_DIMENSION,
): KernelProgram {
  const length = numelOf(outShape);
  if (!Number.isInteger(offset) || offset < 0 || length < 1 || offset + length > numelOf(sourceShape)) {
    throw new Error(`index/slice: bad range [${offset}, ${offset + length}) of ${sourceShape.join('×')}`);
  }
  return rangeProgram('slice', length, [offset, length], 8 * length, [sourceShape, outShape], maxWorkgroupsPerDimension);
}

/**
 * A `baseShape` array with elements [offset, offset + length) replaced by a `valueShape` value of
 * `length` elements, or one broadcast over the range.
 */
export function buildSplice(
  baseShape: readonly number[],
  offset: number,
  length: number,
  valueShape: readonly number[],
  maxWorkgroupsPerDimension = DEFAULT_MAX_WORKGROUPS_PER_DIMENSION,
): KernelProgram {
  const count = numelOf(baseShape);
  const valueLength = checkedValueLength('splice', baseShape, offset, length, valueShape);
  // The base outside the range and the value are read once, every element is written.
  const bytes = 4 * (count - length + valueLength + count);
  const uniforms = [count, offset, length, valueLength === length ? 1 : 0];
  return rangeProgram('splice', count, uniforms, bytes, [baseShape, valueShape, baseShape], maxWorkgroupsPerDimension);
}

/**
 * Writes a `valueShape` value (`length` elements, or one broadcast) at elements
 * [offset, offset + length) of an existing `outShape` array, leaving its other elements as they are.
 */
export function buildRangeWrite(
  outShape: readonly number[],
  offset: number,
  length: number,
  valueShape: readonly number[],
  maxWorkgroupsPerDimension = DEFAULT_MAX_WORKGROUPS_PER_DIMENSION,
): KernelProgram {
  const valueLength = checkedValueLength('write', outShape, offset, length, valueShape);
  const uniforms = [offset, length, valueLength === length ? 1 : 0];
  return rangeProgram('write', length, uniforms, 4 * (valueLength + length), [valueShape, outShape], maxWorkgroupsPerDimension);
}

/** The value's element count, after checking that it fills [offset, offset + length) of `shape` (or is one element). */
function checkedValueLength(variant: RangeVariant, shape: readonly number[], offset: number, length: number, valueShape: readonly number[]): number {
  const valueLength = numelOf(valueShape);
  if (!Number.isInteger(offset) || offset < 0 || length < 1 || offset + length > numelOf(shape) || (valueLength !== length && valueLength !== 1)) {
    throw new Error(`index/${variant}: ${valueShape.join('×')} into [${offset}, ${offset + length}) of ${shape.join('×')}`);
  }
  return valueLength;
}

// ---- the three programs ----

type RangeVariant = 'slice' | 'splice' | 'write';

/** What differs between the programs: their uniforms, their read bindings, and the body of a thread. */
interface RangeKernel {
  summary: string;
  /** u32 fields of Params, in uniform order. */
  params: readonly string[];
  /** Read bindings, in order; `result` (read_write) and the uniform follow. */
  reads: readonly string[];
  /** The uniform field that bounds the thread index. */
  bound: string;
  body: readonly string[];
}

const STRIDE_NOTE = '// stride 1: one value element per range element; 0: one value broadcast over the range.';

const RANGE_KERNELS: Record<RangeVariant, RangeKernel> = {
  slice: {
    summary: 'out[i] = source[offset + i]',
    params: ['offset', 'length'],
    reads: ['source'],
    bound: 'length',
    body: ['result[i] = source[params.offset + i];'],
  },
  splice: {
    summary: 'the value inside [offset, offset + length), the base elsewhere',
    params: ['count', 'offset', 'length', 'stride'],
    reads: ['base', 'value'],
    bound: 'count',
    body: [
      'if (i >= params.offset && i - params.offset < params.length) {',
      '  result[i] = value[(i - params.offset) * params.stride];',
      '} else {',
      '  result[i] = base[i];',
      '}',
    ],
  },
  write: {
    summary: 'out[offset + j] = value[j * stride]; the rest of out is left as it is',
    params: ['offset', 'length', 'stride'],
    reads: ['value'],
    bound: 'length',
    body: ['result[params.offset + i] = value[i * params.stride];'],
  },
};

function rangeProgram(
  variant: RangeVariant,
  threads: number,
  uniforms: readonly number[],
  bytes: number,
  shapes: readonly (readonly number[])[],
  maxWorkgroupsPerDimension: number,
): KernelProgram {
  const kernel = RANGE_KERNELS[variant];
  const writer = new UniformWriter();
  for (const u of uniforms) writer.u32(u);
  return {
    name: 'index',
    variant,
    wgsl: emitRangeKernel(variant, kernel),
    cacheKey: programCacheKey('index', { program: variant, workgroupSize: RANGE_WORKGROUP_SIZE }),
    bindings: [
      ...kernel.reads.map((_, binding) => ({ binding, kind: 'read' as const })),
      { binding: kernel.reads.length, kind: 'read_write' },
      { binding: kernel.reads.length + 1, kind: 'uniform' },
    ],
    workgroupSize: [RANGE_WORKGROUP_SIZE, 1, 1],
    workgroups: foldedGrid(threads, RANGE_WORKGROUP_SIZE, maxWorkgroupsPerDimension),
    uniforms: writer.finish(),
    flops: 0,
    bytes,
    boundBy: 'bytes',
    shapes: shapes.map((s) => [...s]),
  };
}

function emitRangeKernel(variant: RangeVariant, kernel: RangeKernel): string {
  const w = new WgslBuilder();
  w.emit(`// index/${variant}: ${kernel.summary}`);
  w.block('struct Params', () => {
    for (const field of kernel.params) {
      if (field === 'stride') w.emit(STRIDE_NOTE);
      w.emit(`${field}: u32,`);
    }
  });
  w.emit('');
  kernel.reads.forEach((name, binding) => w.emit(`@group(0) @binding(${binding}) var<storage, read> ${name}: array<f32>;`));
  w.emit(`@group(0) @binding(${kernel.reads.length}) var<storage, read_write> result: array<f32>;`);
  w.emit(`@group(0) @binding(${kernel.reads.length + 1}) var<uniform> params: Params;`);
  w.emit('');
  w.emit(`@compute @workgroup_size(${RANGE_WORKGROUP_SIZE})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    // The thread's element index on a grid that foldedGrid may have folded into rows.
    w.emit(`let i = gid.x + gid.y * groups.x * ${RANGE_WORKGROUP_SIZE}u;`);
    w.block(`if (i >= params.${kernel.bound})`, () => w.emit('return;'));
    for (const line of kernel.body) w.emit(line);
  });
  return w.toString();
}
