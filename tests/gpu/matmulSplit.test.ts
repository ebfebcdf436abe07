// GPU parity for split-k general products (src/engine/kernels/matmulSplit.ts): the tiled and
// vec4 kernels writing per-k-range partials into scratch, then the split-reduce pass summing them
// and applying the epilogue. Shapes are ragged (m, n not multiples of 4 or of the tile; k not a
// multiple of the chunk or of tk), every transpose combination, each epilogue step alone and all
// combined, the reduce pass scalar and vec4 (including vec4 slots that straddle a column), 2 and
// many splits; then one Session run of C = A'*B with a tall A that the planner splits, against a
// CPU session. The reference is an f64 host product; the tolerance is relative 1e-4 of Σ|a||b|
// pushed through the epilogue. Skipped, with the reason printed, when there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import type { MatmulConstants, MatmulEpilogue, MatmulLimits, MatmulParams, TileConfig } from '../../src/engine/kernels/matmul.ts';
import { buildMatmulSplitPlan } from '../../src/engine/kernels/matmulSplit.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { NO_EPILOGUE, params, productInputs, productMismatches, TRANSPOSES, tname } from './productReference.ts';
import { compareAll, runPairs } from './sessionPairs.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping split-k matmul tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

function limits(): MatmulLimits {
  const l = gpu!.limits;
  return { maxWorkgroupStorage: l.maxComputeWorkgroupStorageSize, maxInvocations: l.maxComputeInvocationsPerWorkgroup, maxWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension };
}

/** 16 threads: SwiftShader compiles a shader per workgroup size, and 256-thread tiles slowly. */
const TILE: TileConfig = { tm: 16, tn: 16, tk: 4, rm: 4, rn: 4 };

interface Case {
  label: string;
  params: MatmulParams;
  splits: number;
  constants?: MatmulConstants;
}

/** Both passes of every case in one flush, then each compared with its reference. */
async function check(cases: Case[]): Promise<void> {
  const provider = gpu!;
  const runs = cases.map((c, idx) => {
    const plan = buildMatmulSplitPlan(c.params, c.constants ?? {}, limits(), c.splits, { tile: TILE });
    expect(plan.splits, `${c.label}: splits run`).toBeGreaterThan(1);
    expect(plan.splits).toBeLessThanOrEqual(c.splits);
    const x = productInputs(c.params, idx * 7 + c.params.m);
    const [a, b] = [provider.upload(x.a), provider.upload(x.b)];
    const extra = [x.bias, x.scale].filter((v): v is Float64Array => v !== null).map((v) => provider.upload(v));
    const scratch = provider.allocate(plan.scratchLength);
    const out = provider.allocate(c.params.m * c.params.n);
    provider.dispatch(plan.passes[0], [a, b], scratch);
    provider.dispatch(plan.passes[1], [scratch, ...extra], out);
    for (const h of [a, b, scratch, ...extra]) provider.release(h);
    return { c, x, out, plan };
  });
  const events = await provider.flush();
  expect(events.map((e) => `${e.name}/${e.variant}`)).toEqual(runs.flatMap((r) => r.plan.passes.map((p) => `matmul/${p.variant}`)));
  const failures: string[] = [];
  for (const { c, x, out, plan } of runs) {
    const got = await provider.download(out);
    provider.release(out);
    failures.push(...productMismatches(`${c.label} (×${plan.splits})`, got, c.params, c.constants ?? {}, x));
  }
  expect(failures, failures.join('\n')).toEqual([]);
}


/** Each step alone, then all at once (clamp range and power chosen so each step matters). */
const STEPS: [string, Partial<MatmulEpilogue>, MatmulConstants][] = [
  ['alpha', { alpha: true }, { alpha: -0.75 }],
  ['beta', { beta: true }, { beta: 3.5 }],
  ['bias row', { bias: 'row' }, {}],
  ['bias column', { bias: 'column' }, {}],
  ['rowMul', { scale: 'rowMul' }, {}],
  ['rowDiv', { scale: 'rowDiv' }, {}],
  ['colMul', { scale: 'colMul' }, {}],
  ['colDiv', { scale: 'colDiv' }, {}],
  ['clampMin', { clampMin: true }, { lo: 0 }],
  ['clampMax', { clampMax: true }, { hi: 1 }],
  ['power', { power: true }, { p: 3 }],
  ['all', { alpha: true, beta: true, bias: 'column', scale: 'colDiv', clampMin: true, clampMax: true, power: true }, { alpha: 0.5, beta: -1, lo: -2, hi: 4, p: 2 }],
];

describe.skipIf(!gpu)('split-k matmul matches an f64 host product', () => {
  it('tiled, every transpose, ragged m, n, k; 2, 3 and 7 splits', async () => {
    const cases: Case[] = [];
    for (const [ta, tb] of TRANSPOSES) {
      cases.push({ label: `tiled 17×13×203 ${tname(ta, tb)}`, params: params('tiled', 17, 13, 203, ta, tb), splits: 3 });
      cases.push({ label: `tiled 33×9×150 ${tname(ta, tb)}`, params: params('tiled', 33, 9, 150, ta, tb), splits: 7 });
    }
    cases.push({ label: 'tiled 5×6×9 (2 splits of 2 k-tiles and a ragged 1)', params: params('tiled', 5, 6, 9), splits: 2 });
    await check(cases);
  });

  it('vec4, every transpose (16-byte and scalar operand loads), vec4 partials', async () => {
    const cases: Case[] = [];
    for (const [ta, tb] of TRANSPOSES) {
      cases.push({ label: `vec4 20×7×130 ${tname(ta, tb)}`, params: params('vec4', 20, 7, 130, ta, tb), splits: 4 });
      cases.push({ label: `vec4 36×40×257 ${tname(ta, tb)}`, params: params('vec4', 36, 40, 257, ta, tb), splits: 2 });
    }
    await check(cases);
  });

  it('many splits: more asked for than k-tiles allow, and 63 run', async () => {
    await check([
      { label: 'tiled 11×10×2000, 64 asked', params: params('tiled', 11, 10, 2000, true, false), splits: 64 },
      { label: 'vec4 12×12×30, 20 asked (8 k-tiles)', params: params('vec4', 12, 12, 30), splits: 20 },
    ]);
  });

  it('each epilogue step alone and combined: scalar reduce (m·n odd) and vec4 reduce straddling columns', async () => {
    const cases: Case[] = [];
    for (const [name, step, constants] of STEPS) {
      const epilogue = { ...NO_EPILOGUE, ...step };
      cases.push({ label: `tiled 17×13×150 ${name}`, params: params('tiled', 17, 13, 150, true, false, epilogue), splits: 4, constants });
      // 18·10 is a multiple of 4, 18 is not: vec4 slots of C cross from one column into the next.
      cases.push({ label: `tiled 18×10×99 ${name}`, params: params('tiled', 18, 10, 99, false, true, epilogue), splits: 3, constants });
      cases.push({ label: `vec4 24×7×120 ${name}`, params: params('vec4', 24, 7, 120, true, true, epilogue), splits: 5, constants });
    }
    await check(cases);
  });

  it("a Session splits C = A'*B for a tall A: split and reduce kernels, values as the CPU session's", async () => {
    // Multiples of 1/8 in [-2, 2]: every partial sum is exact in f32, so any summation order agrees.
    const cell = (w: (x: string) => string): string =>
      `A = ${w("mod((1:4096)' * (1:24) + 3, 33) / 8 - 2")}; B = ${w("mod((1:4096)' * (2:21) + 5, 29) / 8 - 1.75")}; C = A' * B;`;
    const [r] = await runPairs(gpu, [cell]);
    compareAll(r);
    const kernels = (r.gpu.kernels ?? []).map((k) => `${k.name}/${k.variant}`);
    expect(kernels).toContain('matmul/vec4+split');
    expect(kernels).toContain('matmul/split-reduce');
    // (The inputs' outer products are matmul decisions too, small-k ones.)
    const reasons = (r.gpu.plan ?? []).filter((d) => d.kernel === 'matmul').map((d) => d.reason);
    expect(reasons.filter((x) => x.includes('split-k'))).toEqual([expect.stringMatching(/split-k ×8: a 24×20 output is 1 tile; k = 4096 summed in 8 parts, then reduced$/)]);
  });
});
