// GPU parity for the `syrk` kernel (src/engine/kernels/syrk.ts): C = alpha·A'·A from the upper
// tiles only, mirrored, on ragged n and k (not multiples of the tile), the direct plan and the
// split-k plan (scratch + reduce pass), row chunks of one bound A with accumulate, chunks bound as
// their own matrices, alpha, and the tiled kernel's schedules. The reference is an f64 host
// product; the tolerance is relative 1e-4 of Σ|a||b|. Skipped, with the reason printed, when there
// is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import type { MatmulLimits, TileConfig, TiledSchedule } from '../../src/engine/kernels/matmul.ts';
import { buildSyrk, buildSyrkPlan, type SyrkParams, type SyrkTuning } from '../../src/engine/kernels/syrk.ts';
import { openWebGpu, type GpuArrayHandle } from '../../src/engine/providers/webgpu/index.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping syrk tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

function limits(): MatmulLimits {
  const l = gpu!.limits;
  return { maxWorkgroupStorage: l.maxComputeWorkgroupStorageSize, maxInvocations: l.maxComputeInvocationsPerWorkgroup, maxWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension };
}

/** Small tile: SwiftShader compiles 256-thread shaders slowly (see matmul.test.ts). */
const TILE: TileConfig = { tm: 16, tn: 16, tk: 4, rm: 4, rn: 4 };

function values(n: number, salt: number): Float64Array {
  const out = new Float64Array(n);
  let state = (0x9e3779b9 ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = Math.round(((state / 2 ** 32) * 4 - 2) * 8) / 8;
  }
  return out;
}

/** alpha·Σ_{p in rows} A(p,i)A(p,j) and 1e-4·Σ|…| for A k×n. */
function reference(a: Float64Array, k: number, n: number, p0: number, p1: number, alpha: number): { want: Float64Array; tol: Float64Array } {
  const want = new Float64Array(n * n);
  const tol = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      let mag = 0;
      for (let p = p0; p < p1; p++) {
        const t = a[p + i * k] * a[p + j * k];
        s += t;
        mag += Math.abs(t);
      }
      want[i + j * n] = alpha * s;
      tol[i + j * n] = Math.abs(alpha) * (1e-4 * mag) + 1e-6;
    }
  }
  return { want, tol };
}

/** Runs the passes of each chunk in order into one C, then compares with the sum of the references. */
async function run(label: string, n: number, k: number, chunks: [number, number][], options: { alpha?: number; tuning?: SyrkTuning; split?: boolean; bindChunks?: boolean }): Promise<void> {
  const provider = gpu!;
  const a = values(k * n, n * 31 + k);
  const alpha = options.alpha ?? 1;
  const c = provider.allocate(n * n, true);
  const held: GpuArrayHandle[] = [];
  const whole = options.bindChunks ? null : provider.upload(a);
  const kinds: string[] = [];
  chunks.forEach(([p0, p1], idx) => {
    let input = whole;
    let params: SyrkParams = { n, k, rowOffset: p0, rows: p1 - p0, accumulate: idx > 0, epilogue: options.alpha === undefined ? null : { alpha: true } };
    if (options.bindChunks) {
      // The chunk as its own (p1 - p0)×n matrix.
      const rows = p1 - p0;
      const part = new Float64Array(rows * n);
      for (let j = 0; j < n; j++) for (let r = 0; r < rows; r++) part[r + j * rows] = a[p0 + r + j * k];
      input = provider.upload(part);
      held.push(input);
      params = { ...params, k: rows, rowOffset: 0 };
    }
    const tuning = { tile: TILE, ...options.tuning };
    if (options.split) {
      const plan = buildSyrkPlan(params, { alpha }, limits(), tuning);
      const scratch = provider.allocate(Math.max(1, plan.scratchLength));
      held.push(scratch);
      provider.dispatch(plan.passes[0], [input!], scratch);
      provider.dispatch(plan.passes[1], [scratch], c);
      kinds.push(...plan.passes.map((p) => p.variant));
    } else {
      const passes = buildSyrk(params, { alpha }, limits(), tuning);
      expect(passes).toHaveLength(1);
      provider.dispatch(passes[0], [input!], c);
      kinds.push(passes[0].variant);
    }
  });
  const events = await provider.flush();
  expect(events.map((e) => `${e.name}/${e.variant}`)).toEqual(kinds.map((v) => `syrk/${v}`));
  const got = await provider.download(c);
  provider.release(c);
  if (whole) provider.release(whole);
  for (const h of held) provider.release(h);
  const want = new Float64Array(n * n);
  const tol = new Float64Array(n * n);
  for (const [p0, p1] of chunks) {
    const r = reference(a, k, n, p0, p1, alpha);
    for (let e = 0; e < n * n; e++) {
      want[e] += r.want[e];
      tol[e] += r.tol[e];
    }
  }
  const failures: string[] = [];
  for (let e = 0; e < n * n && failures.length < 6; e++) {
    if (!(Math.abs(got[e] - want[e]) <= tol[e])) failures.push(`${label}: C(${e % n},${Math.floor(e / n)}) = ${got[e]}, expected ${want[e]}`);
  }
  expect(failures, failures.join('\n')).toEqual([]);
}

describe.skipIf(!gpu)('syrk matches an f64 host A\'·A', () => {
  it.each([
    [1, 1],
    [5, 3],
    [17, 33],
    [33, 70],
    [48, 64],
  ])('direct, n = %i, k = %i', async (n, k) => {
    await run(`direct ${n}×${k}`, n, k, [[0, k]], {});
  });

  it('direct with alpha', async () => {
    await run('alpha', 37, 29, [[0, 29]], { alpha: 0.5 });
  });

  it('split-k: partials in scratch, then the reduce pass (ragged k ranges)', async () => {
    await run('split 3', 33, 97, [[0, 97]], { split: true, tuning: { splits: 3 } });
    await run('split 5 alpha', 20, 160, [[0, 160]], { split: true, alpha: 2, tuning: { splits: 5 } });
  });

  it('row chunks of one bound A accumulate, direct and split', async () => {
    await run('chunks direct', 19, 90, [[0, 40], [40, 41], [41, 90]], {});
    await run('chunks split', 19, 90, [[0, 52], [52, 90]], { split: true, tuning: { splits: 2 } });
  });

  it('tiled schedules: every knob (4×4 blocks for both k-major reads of A), direct and split; scalar loads', async () => {
    const tile: TileConfig = { tm: 32, tn: 32, tk: 8, rm: 4, rn: 8 };
    const schedule: Partial<TiledSchedule> = { stages: 1, warpRows: 8, unroll: true, branchFree: true, kStore: 'block', padA: 1, padB: 1 };
    await run('schedule direct', 37, 52, [[0, 52]], { tuning: { tile, schedule } });
    await run('schedule split', 40, 100, [[0, 100]], { split: true, tuning: { tile, schedule, splits: 3 } });
    // Scalar loads (k % 4 != 0) with tk 4: see SCALAR_TILE in matmul.test.ts.
    await run('schedule scalar', 33, 31, [[0, 31]], { tuning: { tile: { ...tile, tk: 4 }, schedule: { kStore: 'block', stages: 2 } } });
  });

  it('row chunks bound as their own matrices accumulate', async () => {
    await run('bound chunks', 21, 75, [[0, 32], [32, 75]], { bindChunks: true, alpha: 1.5 });
  });
});

describe('syrk programs (no GPU needed)', () => {
  const L: MatmulLimits = { maxWorkgroupStorage: 49152, maxInvocations: 1024, maxWorkgroupsPerDimension: 65535 };
  it('computes only the upper tiles, and splits k when the triangle cannot fill the GPU', () => {
    const [direct] = buildSyrk({ n: 1024, k: 4096, rowOffset: 0, rows: 4096, accumulate: false, epilogue: null }, {}, L);
    expect(direct).toMatchObject({ name: 'syrk', variant: 'direct' });
    const plan = buildSyrkPlan({ n: 1024, k: 200000, rowOffset: 0, rows: 200000, accumulate: false, epilogue: null }, {}, L);
    expect(plan.passes.map((p) => p.variant)).toEqual(['split', 'reduce']);
    const [tilesPerSide, splits] = [8, plan.passes[0].workgroups[1]];
    expect(plan.passes[0].workgroups[0]).toBe((tilesPerSide * (tilesPerSide + 1)) / 2);
    expect(plan.scratchLength).toBe(splits * 1024 * 1024);
    expect(() => buildSyrk({ n: 4, k: 10, rowOffset: 8, rows: 4, accumulate: false, epilogue: null }, {}, L)).toThrow(/outside/);
  });
});
