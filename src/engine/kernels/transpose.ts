// The `transpose` kernel: B = A.' for a column-major m×n matrix, through a 16×16 shared-memory
// tile so both the reads of A and the writes of B are coalesced. The planner runs it only where a
// transposed view is read by something other than a matrix product (which reads through strides).
//
// Bindings: A (read), B (read_write), uniform (m, n).

import { programCacheKey, UniformWriter, type KernelProgram } from './program.ts';
import { WgslBuilder } from './wgslBuilder.ts';

const TILE = 16;

export function buildTranspose(m: number, n: number, maxWorkgroupsPerDimension = 65535): KernelProgram {
  if (!(m >= 1 && n >= 1)) throw new Error(`transpose: bad shape ${m}×${n}`);
  const tilesDown = Math.ceil(m / TILE);
  const tilesAcross = Math.ceil(n / TILE);
  if (tilesDown > maxWorkgroupsPerDimension || tilesAcross > maxWorkgroupsPerDimension) {
    throw new Error(`transpose: ${m}×${n} needs more than ${maxWorkgroupsPerDimension} workgroups along one dimension`);
  }
  const code = { tile: TILE };
  return {
    name: 'transpose',
    variant: 'tiled',
    wgsl: emitTranspose(),
    cacheKey: programCacheKey('transpose', code),
    bindings: [
      { binding: 0, kind: 'read' },
      { binding: 1, kind: 'read_write' },
      { binding: 2, kind: 'uniform' },
    ],
    workgroupSize: [TILE, TILE, 1],
    workgroups: [tilesDown, tilesAcross, 1],
    uniforms: new UniformWriter().u32(m).u32(n).finish(),
    flops: 0,
    bytes: 8 * m * n,
    boundBy: 'bytes',
    shapes: [
      [m, n],
      [n, m],
    ],
  };
}

function emitTranspose(): string {
  const w = new WgslBuilder();
  w.emit(`// transpose: ${TILE}×${TILE} tiles through workgroup memory (+1 column against bank conflicts)`);
  w.block('struct Params', () => {
    w.emit('m: u32,');
    w.emit('n: u32,');
  });
  w.emit('@group(0) @binding(0) var<storage, read> a: array<f32>;');
  w.emit('@group(0) @binding(1) var<storage, read_write> b: array<f32>;');
  w.emit('@group(0) @binding(2) var<uniform> params: Params;');
  w.emit(`var<workgroup> tile: array<array<f32, ${TILE + 1}>, ${TILE}>;`);
  w.emit('');
  w.emit(`@compute @workgroup_size(${TILE}, ${TILE})`);
  w.block('fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>)', () => {
    w.emit('// Read: thread (x, y) loads A(row0 + x, col0 + y) — consecutive x are consecutive rows of a column.');
    w.emit(`let row = wid.x * ${TILE}u + lid.x;`);
    w.emit(`let col = wid.y * ${TILE}u + lid.y;`);
    w.block('if (row < params.m && col < params.n)', () => w.emit('tile[lid.y][lid.x] = a[row + col * params.m];'));
    w.emit('workgroupBarrier();');
    w.emit('// Write: B(col0 + x, row0 + y) = A(row0 + y, col0 + x); B is n×m.');
    w.emit(`let brow = wid.y * ${TILE}u + lid.x;`);
    w.emit(`let bcol = wid.x * ${TILE}u + lid.y;`);
    w.block('if (brow < params.n && bcol < params.m)', () => w.emit('b[brow + bcol * params.n] = tile[lid.x][lid.y];'));
  });
  return w.toString();
}
