// The `copy` kernel: a plain f32 copy, four elements per thread (vec4) when the length is a
// multiple of 4. It is the bandwidth reference benchmarks compare other kernels with, and the
// copy the planner uses where one is truly needed. Nothing else lives here.
//
// Bindings: input (read), output (read_write), uniform (element or vec4 count).

import { DEFAULT_MAX_WORKGROUPS_PER_DIMENSION, foldedGrid, programCacheKey, UniformWriter, type KernelProgram } from './program.ts';
import { WgslBuilder } from './wgslBuilder.ts';

export const COPY_WORKGROUP_SIZE = 256;

export function buildCopy(length: number, maxWorkgroupsPerDimension = DEFAULT_MAX_WORKGROUPS_PER_DIMENSION): KernelProgram {
  if (!Number.isInteger(length) || length < 0) throw new Error(`copy: bad length ${length}`);
  const vec4 = length % 4 === 0 && length > 0;
  const code = { vec4, workgroupSize: COPY_WORKGROUP_SIZE };
  const items = vec4 ? length / 4 : length;
  return {
    name: 'copy',
    variant: vec4 ? 'vec4' : 'scalar',
    wgsl: emitCopy(code),
    cacheKey: programCacheKey('copy', code),
    bindings: [
      { binding: 0, kind: 'read' },
      { binding: 1, kind: 'read_write' },
      { binding: 2, kind: 'uniform' },
    ],
    workgroupSize: [COPY_WORKGROUP_SIZE, 1, 1],
    workgroups: foldedGrid(items, COPY_WORKGROUP_SIZE, maxWorkgroupsPerDimension),
    uniforms: new UniformWriter().u32(items).finish(),
    flops: 0,
    bytes: 8 * length,
    boundBy: 'bytes',
    shapes: [[length], [length]],
  };
}

function emitCopy(code: { vec4: boolean; workgroupSize: number }): string {
  const type = code.vec4 ? 'vec4<f32>' : 'f32';
  const w = new WgslBuilder();
  w.emit(`// copy: one ${type} per thread`);
  w.block('struct Params', () => w.emit('count: u32,'));
  w.emit('');
  w.emit(`@group(0) @binding(0) var<storage, read> source: array<${type}>;`);
  w.emit(`@group(0) @binding(1) var<storage, read_write> result: array<${type}>;`);
  w.emit('@group(0) @binding(2) var<uniform> params: Params;');
  w.emit('');
  w.emit(`@compute @workgroup_size(${code.workgroupSize})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit(`let i = gid.x + gid.y * groups.x * ${code.workgroupSize}u;`);
    w.block('if (i >= params.count)', () => w.emit('return;'));
    w.emit('result[i] = source[i];');
  });
  return w.toString();
}
