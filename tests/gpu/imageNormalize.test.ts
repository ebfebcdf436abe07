// GPU parity for the `image_normalize` kernel (src/engine/kernels/imageNormalize.ts): whole-array
// and per-image statistics in both layouts (B×H×W and H×W×B), batch 1 and several images, lengths
// that are and are not multiples of 4 (vec4 and scalar paths), enough elements that the stats pass
// splits one image over several workgroups, and each of gain, bias, clamp lo/hi and gamma present
// and absent. mu and sigma (sample std, n − 1, as MATLAB's std) are checked too. The reference is
// f64 two-pass host statistics. Skipped, with the reason printed, when there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import { buildImageNormalize, type ImageNormalizeConstants, type ImageNormalizeParams } from '../../src/engine/kernels/imageNormalize.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping image_normalize tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

function limits() {
  const l = gpu!.limits;
  return { maxWorkgroupStorage: l.maxComputeWorkgroupStorageSize, maxInvocations: l.maxComputeInvocationsPerWorkgroup, maxWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension };
}

/** Pixel-like values: an offset far from 0 (so a naive E[x²] − E[x]² would lose digits) plus noise. */
function pixels(n: number, salt: number): Float64Array {
  const out = new Float64Array(n);
  let state = (0x9e3779b9 ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = Math.fround(1000 + (salt % 5) + (state / 2 ** 32) * 0.5);
  }
  return out;
}

interface Case {
  label: string;
  params: ImageNormalizeParams;
  constants: ImageNormalizeConstants;
}

function reference(c: Case, x: Float64Array): { out: Float64Array; mu: Float64Array; sigma: Float64Array } {
  const { batch, imageSize, perImage, layout } = c.params;
  const total = batch * imageSize;
  const groups = perImage ? batch : 1;
  const groupOf = (e: number): number => (!perImage ? 0 : layout === 'HWB' ? Math.floor(e / imageSize) : e % batch);
  const sum = new Float64Array(groups);
  const count = new Float64Array(groups);
  for (let e = 0; e < total; e++) {
    sum[groupOf(e)] += x[e];
    count[groupOf(e)]++;
  }
  const mu = sum.map((s, g) => s / count[g]);
  const ss = new Float64Array(groups);
  for (let e = 0; e < total; e++) ss[groupOf(e)] += (x[e] - mu[groupOf(e)]) ** 2;
  const sigma = ss.map((s, g) => (count[g] > 1 ? Math.sqrt(s / (count[g] - 1)) : 0));
  const k = c.constants;
  const out = new Float64Array(total);
  for (let e = 0; e < total; e++) {
    const g = groupOf(e);
    let r = (x[e] - mu[g]) / sigma[g];
    if (c.params.gain) r *= k.gain ?? 1;
    if (c.params.bias) r += k.bias ?? 0;
    if (c.params.clampLo) r = Math.max(r, k.lo ?? 0);
    if (c.params.clampHi) r = Math.min(r, k.hi ?? 0);
    if (c.params.gamma) r = r ** (k.gamma ?? 1);
    out[e] = r;
  }
  return { out, mu, sigma };
}

function close(got: number, want: number, rel: number, abs: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  return Math.abs(got - want) <= abs + rel * Math.abs(want);
}

async function check(cases: Case[]): Promise<void> {
  const provider = gpu!;
  const runs = cases.map((c, idx) => {
    const plan = buildImageNormalize(c.params, c.constants, limits());
    const total = c.params.batch * c.params.imageSize;
    const groups = c.params.perImage ? c.params.batch : 1;
    const data = pixels(total, idx);
    const x = provider.upload(data);
    const scratch = provider.allocate(plan.scratchLength);
    const mu = provider.allocate(groups);
    const sigma = provider.allocate(groups);
    const out = provider.allocate(total);
    provider.dispatch(plan.passes[0], [x], scratch);
    provider.dispatch(plan.passes[1], [x, scratch], [mu, sigma]);
    provider.dispatch(plan.passes[2], [x, mu, sigma], out);
    provider.release(x);
    provider.release(scratch);
    return { c, data, mu, sigma, out };
  });
  const events = await provider.flush();
  expect(events.map((e) => `${e.name}/${e.variant}`)).toEqual(runs.flatMap(() => ['image_normalize/stats', 'image_normalize/finalize', 'image_normalize/apply']));
  const failures: string[] = [];
  for (const r of runs) {
    const want = reference(r.c, r.data);
    const [mu, sigma, out] = [await provider.download(r.mu), await provider.download(r.sigma), await provider.download(r.out)];
    for (const h of [r.mu, r.sigma, r.out]) provider.release(h);
    want.mu.forEach((m, g) => {
      if (!close(mu[g], m, 1e-6, 0)) failures.push(`${r.c.label}: mu[${g}] = ${mu[g]}, expected ${m}`);
      // sigma ≈ 0.14 over a mean of 1000 (E[x²] − E[x]² in f32 would be all noise here).
      if (!close(sigma[g], want.sigma[g], 1e-5, 0)) failures.push(`${r.c.label}: sigma[${g}] = ${sigma[g]}, expected ${want.sigma[g]}`);
    });
    let bad = 0;
    for (let e = 0; e < want.out.length; e++) {
      // (x - mu) loses f32 digits of x ≈ 1000 (ulp 6e-5) against sigma ≈ 0.14: about 1e-3 absolute.
      if (!close(out[e], want.out[e], 2e-3, 3e-3) && bad++ < 4) failures.push(`${r.c.label}: out[${e}] = ${out[e]}, expected ${want.out[e]}`);
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
}

const ALL = { gain: true, bias: true, clampLo: true, clampHi: true, gamma: true };
const NONE = { gain: false, bias: false, clampLo: false, clampHi: false, gamma: false };
const K: ImageNormalizeConstants = { gain: 0.5, bias: 0.25, lo: 0, hi: 1, gamma: 2.2 };

describe.skipIf(!gpu)('image_normalize matches f64 host statistics', () => {
  it('whole-array statistics: one image, a batch, vec4 and scalar lengths, split over workgroups', async () => {
    await check([
      { label: 'one pixel', params: { batch: 1, imageSize: 1, perImage: false, layout: 'HWB', ...NONE }, constants: K },
      { label: 'whole 1×37×23 plain', params: { batch: 1, imageSize: 37 * 23, perImage: false, layout: 'HWB', ...NONE }, constants: K },
      { label: 'whole 1×64×96 all steps', params: { batch: 1, imageSize: 64 * 96, perImage: false, layout: 'HWB', ...ALL }, constants: K },
      { label: 'whole 3×50×41 BHW', params: { batch: 3, imageSize: 50 * 41, perImage: false, layout: 'BHW', ...ALL }, constants: K },
      { label: 'whole 70000 split', params: { batch: 1, imageSize: 70001, perImage: false, layout: 'HWB', gain: true, bias: false, clampLo: false, clampHi: true, gamma: false }, constants: K },
    ]);
  });

  it('per-image statistics in H×W×B and B×H×W, each step present and absent', async () => {
    await check([
      { label: 'HWB 5×(33×17) plain', params: { batch: 5, imageSize: 33 * 17, perImage: true, layout: 'HWB', ...NONE }, constants: K },
      { label: 'BHW 5×(33×17) plain', params: { batch: 5, imageSize: 33 * 17, perImage: true, layout: 'BHW', ...NONE }, constants: K },
      { label: 'HWB 4×(64×80) all', params: { batch: 4, imageSize: 64 * 80, perImage: true, layout: 'HWB', ...ALL }, constants: K },
      { label: 'BHW 16×(40×30) all', params: { batch: 16, imageSize: 40 * 30, perImage: true, layout: 'BHW', ...ALL }, constants: K },
      { label: 'BHW 70×(9×7) all', params: { batch: 70, imageSize: 63, perImage: true, layout: 'BHW', ...ALL }, constants: K },
      { label: 'BHW 1×(30×30) (batch of one)', params: { batch: 1, imageSize: 900, perImage: true, layout: 'BHW', ...ALL }, constants: K },
      { label: 'HWB 2×(1×1) (sigma 0)', params: { batch: 2, imageSize: 1, perImage: true, layout: 'HWB', ...NONE }, constants: K },
      // Each step present in some cases and absent in others. Without the lower clamp, values near
      // 0 may round to either sign, and a fractional gamma makes that NaN or not: those cases use
      // gamma = 2 (c·c, as MATLAB).
      { label: 'HWB 3×(21×19) gain, clampHi', params: { batch: 3, imageSize: 21 * 19, perImage: true, layout: 'HWB', ...NONE, gain: true, clampHi: true }, constants: K },
      { label: 'BHW 3×(21×19) bias, clampLo, gamma', params: { batch: 3, imageSize: 21 * 19, perImage: true, layout: 'BHW', ...NONE, bias: true, clampLo: true, gamma: true }, constants: K },
      { label: 'BHW 3×(20×20) gain, bias, gamma 2', params: { batch: 3, imageSize: 400, perImage: true, layout: 'BHW', ...NONE, gain: true, bias: true, gamma: true }, constants: { ...K, gamma: 2 } },
      { label: 'HWB 3×(20×20) all but clampHi', params: { batch: 3, imageSize: 400, perImage: true, layout: 'HWB', ...ALL, clampHi: false }, constants: K },
    ]);
  });
});

describe('image_normalize programs (no GPU needed)', () => {
  const L = { maxWorkgroupStorage: 49152, maxInvocations: 1024, maxWorkgroupsPerDimension: 65535 };
  it('spreads one image over many workgroups, and keys steps, not sizes or constants', () => {
    const one = buildImageNormalize({ batch: 1, imageSize: 2160 * 3840, perImage: true, layout: 'HWB', ...ALL }, K, L);
    expect(one.passes.map((p) => p.variant)).toEqual(['stats', 'finalize', 'apply']);
    expect(one.passes[0].workgroups[0] * one.passes[0].workgroups[1]).toBeGreaterThanOrEqual(1024);
    const other = buildImageNormalize({ batch: 1, imageSize: 1080 * 1920, perImage: true, layout: 'HWB', ...ALL }, { ...K, gamma: 1.5 }, L);
    expect(other.passes.map((p) => p.cacheKey)).toEqual(one.passes.map((p) => p.cacheKey));
    const noGamma = buildImageNormalize({ batch: 1, imageSize: 1080 * 1920, perImage: true, layout: 'HWB', ...ALL, gamma: false }, K, L);
    expect(noGamma.passes[2].cacheKey).not.toBe(one.passes[2].cacheKey);
    expect(noGamma.passes[2].wgsl).not.toContain('mb_pow');
  });
});
