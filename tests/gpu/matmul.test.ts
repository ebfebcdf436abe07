// GPU parity for the `matmul` kernel family (src/engine/kernels/matmul.ts): every variant forced
// (tiled, vec4, smallk, gemv) and diag(A*B), on awkward shapes (1×1, m = 1, n = 1, k = 1,
// 17×33·33×5, 65×129·129×63, non-multiples of every tile, a 128×128 tile over a ragged edge), each
// transpose combination read through strides, each epilogue step alone and all combined, and the
// tiled kernel's schedules (stages, warp arrangement, unrolling, 4×4 register blocks, padding,
// branch-free loop, the first version's clamped indices) alone and together. The
// reference is an f64 host product; the tolerance is relative 1e-4 of Σ|a||b| per element, pushed
// through the epilogue. Skipped, with the reason printed, when there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import {
  buildMatmul,
  chooseTile,
  DEFAULT_SCHEDULE,
  resolveSchedule,
  tiledConfig,
  type MatmulConstants,
  type MatmulEpilogue,
  type MatmulLimits,
  type MatmulParams,
  type MatmulTuning,
  type TileConfig,
  type TiledSchedule,
} from '../../src/engine/kernels/matmul.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { NO_EPILOGUE, params, productInputs, productMismatches, TRANSPOSES, tname } from './productReference.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping matmul tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

function limits(): MatmulLimits {
  const l = gpu!.limits;
  return { maxWorkgroupStorage: l.maxComputeWorkgroupStorageSize, maxInvocations: l.maxComputeInvocationsPerWorkgroup, maxWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension };
}

// ---- data and reference ----

interface Case {
  label: string;
  params: MatmulParams;
  constants?: MatmulConstants;
  tuning?: MatmulTuning;
}

/**
 * The tile most cases run with: 16×16×4 with 4×4 per thread (16 threads). SwiftShader compiles a
 * shader per workgroup size, and a 256-thread tile takes seconds to compile there; every shape
 * below is still a non-multiple of this tile somewhere. One case runs the 128×128 tile the H100 uses.
 */
const TEST_TILE: MatmulTuning = { tile: { tm: 16, tn: 16, tk: 4, rm: 4, rn: 4 } };

/** Runs every case in one flush, then compares each with its reference. */
async function check(cases: Case[]): Promise<void> {
  const provider = gpu!;
  const runs = cases.map((c, idx) => {
    const program = buildMatmul(c.params, c.constants ?? {}, limits(), c.tuning ?? TEST_TILE);
    const x = productInputs(c.params, idx * 7 + c.params.m);
    const handles = [x.a, x.b, x.bias, x.scale].filter((v): v is Float64Array => v !== null).map((v) => provider.upload(v));
    const { m, n } = c.params;
    const out = provider.allocate(c.params.diagonalOnly ? Math.min(m, n) : m * n);
    provider.dispatch(program, handles, out);
    for (const h of handles) provider.release(h);
    return { c, x, out, program };
  });
  const events = await provider.flush();
  expect(events.map((e) => e.name)).toEqual(runs.map(() => 'matmul'));
  const failures: string[] = [];
  for (const { c, x, out, program } of runs) {
    const got = await provider.download(out);
    provider.release(out);
    failures.push(...productMismatches(`${c.label} (${program.variant})`, got, c.params, c.constants ?? {}, x));
  }
  expect(failures, failures.join('\n')).toEqual([]);
}


// Shapes (m, n, k) that are not multiples of any tile, plus the degenerate ones.
const TILED_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 13],
  [9, 1, 13],
  [5, 6, 1],
  [17, 5, 33],
  [65, 63, 129],
  [64, 64, 32],
];
const VEC4_SHAPES: [number, number, number][] = [
  [4, 1, 4],
  [20, 7, 13],
  [16, 12, 20],
  [68, 36, 132],
  [64, 64, 64],
];

describe.skipIf(!gpu)('matmul kernels match an f64 host product', () => {
  it.each(TRANSPOSES)('tiled, every shape, transA=%s transB=%s', async (ta, tb) => {
    await check(TILED_SHAPES.map(([m, n, k]) => ({ label: `tiled ${m}×${n}×${k} ${tname(ta, tb)}`, params: params('tiled', m, n, k, ta, tb) })));
  });

  it.each(TRANSPOSES)('vec4, aligned and partly aligned shapes, transA=%s transB=%s', async (ta, tb) => {
    await check(VEC4_SHAPES.map(([m, n, k]) => ({ label: `vec4 ${m}×${n}×${k} ${tname(ta, tb)}`, params: params('vec4', m, n, k, ta, tb) })));
  });

  it('the H100 tile (128×128×16, 8×8 per thread) over ragged edges', async () => {
    // One 256-thread case only: SwiftShader takes seconds to compile each.
    const tile = { tm: 128, tn: 128, tk: 16, rm: 8, rn: 8 };
    await check([{ label: 'big tile vec4', params: params('vec4', 132, 130, 40), tuning: { tile } }]);
  });

  it('B kept along k in shared memory (the other Bs layout)', async () => {
    await check([
      { label: 'bShared k tiled', params: params('tiled', 65, 63, 129), tuning: { ...TEST_TILE, bShared: 'k' } },
      { label: 'bShared k vec4', params: params('vec4', 68, 36, 132), tuning: { ...TEST_TILE, bShared: 'k' } },
    ]);
  });

  it('smallk for k = 1…8, odd m, each transpose', async () => {
    const shapes: [number, number, number][] = [
      [1, 1, 1],
      [5, 6, 1],
      [33, 17, 8],
      [12, 9, 7],
      [1030, 3, 3],
    ];
    await check(
      TRANSPOSES.flatMap(([ta, tb]) => shapes.map(([m, n, k]) => ({ label: `smallk ${m}×${n}×${k} ${tname(ta, tb)}`, params: params('smallk', m, n, k, ta, tb) }))),
    );
  });

  it('gemv for m = 1 and n = 1, each transpose', async () => {
    const shapes: [number, number, number][] = [
      [1, 1, 1],
      [1, 70, 300],
      [130, 1, 257],
      [3, 1, 1000],
      [1, 1, 77],
    ];
    await check(TRANSPOSES.flatMap(([ta, tb]) => shapes.map(([m, n, k]) => ({ label: `gemv ${m}×${n}×${k} ${tname(ta, tb)}`, params: params('gemv', m, n, k, ta, tb) }))));
  });

  it('diag(A*B) computes only the diagonal', async () => {
    const shapes: [number, number, number][] = [
      [1, 1, 1],
      [17, 9, 33],
      [9, 17, 300],
      [70, 70, 5],
    ];
    await check(
      TRANSPOSES.flatMap(([ta, tb]) =>
        shapes.map(([m, n, k]) => ({ label: `diag ${m}×${n}×${k} ${tname(ta, tb)}`, params: { ...params('tiled', m, n, k, ta, tb), diagonalOnly: true } })),
      ),
    );
  });
});

/**
 * Tiled schedules (TiledSchedule in matmul.ts): 32-thread tiles (one warp: 8×4 threads of 4×8
 * outputs) so warpRows 8 applies and SwiftShader compiles each in seconds; the shapes are ragged
 * along every dimension (33×45 with k = 17, 36×45 with k = 20 for vec4) or, for one case,
 * multiples of the tile (the fit path the H100 sweep times). Scalar-load (`tiled`) cases use
 * tk = 4: SwiftShader never finishes compiling a scalar-load tile whose threads each load two
 * slots (tk 8 here), with this schedule code or the first version's alike.
 */
const WARP_TILE: TileConfig = { tm: 32, tn: 32, tk: 8, rm: 4, rn: 8 };
const SCALAR_TILE: TileConfig = { tm: 32, tn: 32, tk: 4, rm: 4, rn: 8 };
const SCHEDULES: [string, Partial<TiledSchedule>][] = [
  ['one stage', { stages: 1 }],
  ['two stages, rolled loop, no padding', { stages: 2, unroll: false, branchFree: false, padA: 0, padB: 0 }],
  ['8×4 warps', { warpRows: 8 }],
  ['unrolled, branch-free', { unroll: true, branchFree: true }],
  ['padded rows', { padA: 1, padB: 2 }],
  ['the first version (clamped indices)', { stages: 2, warpRows: 0, unroll: false, kStore: 'scalar', padA: 0, padB: 0, branchFree: false, boundedIndices: false }],
];
const EVERYTHING: Partial<TiledSchedule> = { stages: 1, warpRows: 8, unroll: true, branchFree: true, kStore: 'block', padA: 1, padB: 1 };

describe.skipIf(!gpu)('matmul tiled schedules', () => {
  it.each(SCHEDULES)('%s: vec4 A·B and tiled A\'·B\' on ragged shapes', async (_name, schedule) => {
    await check([
      { label: 'vec4 36×45×20', params: params('vec4', 36, 45, 20), tuning: { tile: WARP_TILE, schedule } },
      { label: "tiled 33×45×17 A'·B'", params: params('tiled', 33, 45, 17, true, true), tuning: { tile: SCALAR_TILE, schedule } },
    ]);
  });

  it('4×4 blocks transposed in registers (kStore block), every transpose, vec4 and tiled', async () => {
    const schedule: Partial<TiledSchedule> = { kStore: 'block' };
    await check(
      TRANSPOSES.flatMap(([ta, tb]) => [
        { label: `block vec4 36×45×20 ${tname(ta, tb)}`, params: params('vec4', 36, 45, 20, ta, tb), tuning: { tile: WARP_TILE, schedule } },
        { label: `block tiled 33×45×17 ${tname(ta, tb)}`, params: params('tiled', 33, 45, 17, ta, tb), tuning: { tile: SCALAR_TILE, schedule } },
      ]),
    );
  });

  it('every knob at once, every transpose, ragged and tile-aligned, with an epilogue', async () => {
    const tuning: MatmulTuning = { tile: WARP_TILE, schedule: EVERYTHING };
    const issue: MatmulEpilogue = { ...NO_EPILOGUE, alpha: true, bias: 'row', clampMin: true, clampMax: true, power: true };
    await check([
      ...TRANSPOSES.map(([ta, tb]) => ({ label: `all vec4 68×36×44 ${tname(ta, tb)}`, params: params('vec4', 68, 36, 44, ta, tb), tuning })),
      { label: "all tiled 33×45×17 A'·B", params: params('tiled', 33, 45, 17, true, false), tuning: { ...tuning, tile: SCALAR_TILE } },
      { label: 'all vec4 aligned 64×64×32', params: params('vec4', 64, 64, 32), tuning },
      { label: 'all vec4 epilogue', params: params('vec4', 36, 45, 20, false, false, issue), constants: { alpha: 2.5, lo: 0, hi: 1, p: 2 }, tuning },
    ]);
  });
});

const CONSTANTS: MatmulConstants = { alpha: 2.5, beta: -0.75, lo: -1, hi: 1.5, p: 2 };
const EPILOGUE_STEPS: [string, Partial<MatmulEpilogue>][] = [
  ['alpha', { alpha: true }],
  ['beta', { beta: true }],
  ['bias row', { bias: 'row' }],
  ['bias column', { bias: 'column' }],
  ['rowMul', { scale: 'rowMul' }],
  ['rowDiv', { scale: 'rowDiv' }],
  ['colMul', { scale: 'colMul' }],
  ['colDiv', { scale: 'colDiv' }],
  ['clampMin', { clampMin: true }],
  ['clampMax', { clampMax: true }],
  ['power', { power: true }],
];
const ALL_STEPS: MatmulEpilogue = { alpha: true, beta: true, bias: 'row', scale: 'colDiv', clampMin: true, clampMax: true, power: true };

describe.skipIf(!gpu)('matmul epilogues', () => {
  it('each step alone (tiled 17×33·33×5)', async () => {
    await check(EPILOGUE_STEPS.map(([name, e]) => ({ label: `epilogue ${name}`, params: params('tiled', 17, 5, 33, false, false, { ...NO_EPILOGUE, ...e }), constants: CONSTANTS })));
  });

  it('max(min(2.5*(X*W) + b, 1), 0).^2 and all steps combined, in every variant and diag', async () => {
    const issue: MatmulEpilogue = { ...NO_EPILOGUE, alpha: true, bias: 'row', clampMin: true, clampMax: true, power: true };
    const issueConstants: MatmulConstants = { alpha: 2.5, lo: 0, hi: 1, p: 2 };
    const other: MatmulEpilogue = { alpha: false, beta: true, bias: 'column', scale: 'rowMul', clampMin: false, clampMax: true, power: true };
    await check([
      { label: 'issue tiled', params: params('tiled', 65, 63, 129, false, false, issue), constants: issueConstants },
      { label: 'all tiled', params: params('tiled', 65, 63, 129, true, false, ALL_STEPS), constants: CONSTANTS },
      { label: 'all vec4', params: params('vec4', 68, 36, 40, false, true, ALL_STEPS), constants: CONSTANTS },
      { label: 'other vec4', params: params('vec4', 68, 36, 40, false, false, other), constants: { ...CONSTANTS, p: 3 } },
      { label: 'all smallk', params: params('smallk', 33, 17, 5, false, false, ALL_STEPS), constants: CONSTANTS },
      { label: 'other smallk', params: params('smallk', 36, 17, 5, true, true, other), constants: CONSTANTS },
      { label: 'all gemv rows', params: params('gemv', 70, 1, 90, false, false, ALL_STEPS), constants: CONSTANTS },
      { label: 'all gemv cols', params: params('gemv', 1, 70, 90, false, true, { ...ALL_STEPS, scale: 'rowMul' }), constants: CONSTANTS },
      { label: 'all diag', params: { ...params('tiled', 20, 30, 40, false, false, ALL_STEPS), diagonalOnly: true }, constants: CONSTANTS },
      { label: 'other diag', params: { ...params('tiled', 30, 20, 40, true, true, other), diagonalOnly: true }, constants: CONSTANTS },
    ]);
  });
});

describe('matmul programs (no GPU needed)', () => {
  const L: MatmulLimits = { maxWorkgroupStorage: 49152, maxInvocations: 1024, maxWorkgroupsPerDimension: 65535 };

  it('names variants, counts flops, and keys code rather than sizes', () => {
    const p = buildMatmul(params('vec4', 256, 256, 256), {}, L);
    expect(p).toMatchObject({ name: 'matmul', variant: 'vec4', flops: 2 * 256 ** 3, boundBy: 'flops' });
    expect(buildMatmul(params('vec4', 512, 512, 512), {}, L).cacheKey).toBe(p.cacheKey);
    expect(buildMatmul(params('vec4', 512, 512, 500), {}, L).cacheKey).not.toBe(p.cacheKey); // fitK and vec4 B differ
    const e = buildMatmul(params('tiled', 10, 10, 10, false, false, { ...NO_EPILOGUE, alpha: true }), { alpha: 3 }, L);
    expect(e.variant).toBe('tiled+epilogue');
    expect(buildMatmul(params('tiled', 10, 10, 10, false, false, { ...NO_EPILOGUE, alpha: true }), { alpha: 4 }, L).cacheKey).toBe(e.cacheKey);
    expect(buildMatmul(params('tiled', 10, 10, 10, false, false, NO_EPILOGUE), {}, L).variant).toBe('tiled');
    const d = buildMatmul({ ...params('tiled', 10, 20, 30), diagonalOnly: true }, {}, L);
    expect(d).toMatchObject({ variant: 'diag', flops: 2 * 10 * 30 });
    expect(buildMatmul(params('smallk', 100, 100, 4), {}, L)).toMatchObject({ variant: 'smallk', boundBy: 'bytes' });
    expect(buildMatmul(params('gemv', 1, 100, 40), {}, L)).toMatchObject({ variant: 'gemv', boundBy: 'bytes' });
  });

  it('binds a, b, bias, scale, c, uniform in that order', () => {
    const p = buildMatmul(params('tiled', 10, 10, 10, false, false, { ...NO_EPILOGUE, bias: 'row', scale: 'colMul' }), {}, L);
    expect(p.bindings.map((b) => b.kind)).toEqual(['read', 'read', 'read', 'read', 'read_write', 'uniform']);
    expect(p.shapes).toEqual([[10, 10], [10, 10], [1, 10], [1, 10], [10, 10]]);
  });

  it('tiled schedules: strict when given, adapted to the tile when defaulted, and part of the key', () => {
    const deep: TileConfig = { tm: 128, tn: 128, tk: 32, rm: 8, rn: 8 };
    expect(() => buildMatmul(params('vec4', 256, 256, 256), {}, L, { tile: deep, schedule: { stages: 2 } })).toThrow(/workgroup storage/);
    expect(resolveSchedule(deep, DEFAULT_SCHEDULE, L)).toMatchObject({ stages: 1 });
    expect(buildMatmul(params('vec4', 256, 256, 256), {}, L, { tile: deep }).wgsl).toContain('1 stage(s)');
    expect(() => buildMatmul(params('vec4', 64, 64, 64), {}, L, { tile: TEST_TILE.tile, schedule: { warpRows: 8 } })).toThrow(/warpRows/);
    const plain = buildMatmul(params('vec4', 4096, 4096, 4096), {}, L);
    expect(buildMatmul(params('vec4', 4096, 4096, 4096), {}, L, { schedule: { unroll: !DEFAULT_SCHEDULE.unroll } }).cacheKey).not.toBe(plain.cacheKey);
    expect(buildMatmul(params('vec4', 4096, 4096, 4096), {}, L, { schedule: {} }).cacheKey).toBe(plain.cacheKey);
    // The default adapts: two stages under ONE_STAGE_MIN_GRID workgroups, A' rows padded like B's.
    expect(tiledConfig(params('vec4', 4096, 4096, 4096), L).schedule).toEqual(DEFAULT_SCHEDULE);
    expect(tiledConfig(params('vec4', 256, 256, 256), L).schedule.stages).toBe(2);
    expect(tiledConfig(params('vec4', 4096, 4096, 4096, true), L).schedule.padA).toBe(DEFAULT_SCHEDULE.padB);
    expect(tiledConfig(params('tiled', 4096, 4096, 4095, true), L).schedule.padA).toBe(DEFAULT_SCHEDULE.padA);
    // Fields not given adapt to the tile: 16 threads cannot take 4×8 warps.
    expect(() => buildMatmul(params('vec4', 64, 64, 64), {}, L, { tile: TEST_TILE.tile, schedule: { unroll: true } })).not.toThrow();
    expect(chooseTile(4096, 4096, L)).toEqual({ tm: 128, tn: 128, tk: 16, rm: 8, rn: 8 });
    expect(chooseTile(1024, 1024, L)).toEqual({ tm: 64, tn: 128, tk: 16, rm: 4, rn: 8 });
    expect(chooseTile(100, 100, L, true)).toEqual({ tm: 64, tn: 64, tk: 16, rm: 4, rn: 4 });
  });

  it('a software adapter gets tiles it compiles in seconds, never the 128×128 ones', () => {
    const software = { ...L, software: true };
    expect(chooseTile(1501, 1499, L)).toEqual({ tm: 128, tn: 128, tk: 16, rm: 8, rn: 8 });
    expect(chooseTile(1501, 1499, software)).toEqual({ tm: 64, tn: 64, tk: 16, rm: 4, rn: 4 });
    expect(chooseTile(8192, 8192, software, true)).toEqual({ tm: 64, tn: 64, tk: 16, rm: 4, rn: 4 });
    expect(chooseTile(30, 30, software)).toEqual({ tm: 64, tn: 64, tk: 16, rm: 4, rn: 4 });
  });

  it('rejects vec4 without m % 4 == 0, and gemv off a vector', () => {
    expect(() => buildMatmul(params('vec4', 5, 8, 8), {}, L)).toThrow(/m % 4/);
    expect(() => buildMatmul(params('gemv', 5, 8, 8), {}, L)).toThrow(/m == 1 or n == 1/);
  });
});
