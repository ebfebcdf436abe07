// ImageNormalize end to end: MATLAB snippets run through a GPU session (`gpu: 'on'`, the image
// wrapped in gpuArray) and an exact CPU session (`gpu: 'off'`), and every variable is compared
// (class, size, values within relative 1e-4, identical NaN/Inf). The GPU run must have planned
// the image_normalize kernel (its three passes in the kernel list, no reduction kernels for the
// statistics). Awkward small shapes: 37×53 whole-array, 17×19×3 per image in both layouts, a
// constant image (sigma = 0, so (x - mu) ./ sigma is NaN like the CPU's 0/0), NaN pixels, clamps
// in either order (they differ on NaN), GPU scalars as gain and clamp. Also vecdim reductions
// (mean/sum/max/var over [1 3], [2 3], [1 2 3]) stay on the GPU and match. Skipped, with the
// reason printed, when there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';
import type { RunResultJson, VariableJson } from '../../src/worker/protocol.ts';

const opened = await openWebGpu();
const provider = opened.provider;
if (!provider) console.warn(`[tests/gpu] skipping ImageNormalize planner tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => provider?.destroy());

const PASSES = ['image_normalize/stats', 'image_normalize/finalize', 'image_normalize/apply'];

/**
 * Runs `setup` (host data, the same in both sessions) then `body` with `IMG` standing for the
 * image: gpuArray(a) on the GPU side, a on the CPU side.
 */
async function runBoth(setup: string, body: string): Promise<{ gpu: RunResultJson; cpu: RunResultJson }> {
  const g = new Session({ gpu: 'on' });
  g.attachGpu(provider);
  const gpu = await runInSession(g, `${setup}\n${body.replaceAll('IMG', 'gpuArray(a)')}`);
  const cpu = await runInSession(new Session({ gpu: 'off' }), `${setup}\n${body.replaceAll('IMG', 'a')}`);
  expect(gpu.error, 'GPU run').toBeNull();
  expect(cpu.error, 'CPU run').toBeNull();
  return { gpu, cpu };
}

function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN') return NaN;
  if (x === 'Inf') return Infinity;
  if (x === '-Inf') return -Infinity;
  if (typeof x === 'boolean') return x ? 1 : 0;
  throw new Error(`not a number in JSON data: ${JSON.stringify(x)}`);
}

function close(g: number, c: number): boolean {
  if (Number.isNaN(c) || Number.isNaN(g)) return Number.isNaN(c) && Number.isNaN(g);
  if (!Number.isFinite(c) || !Number.isFinite(g)) return g === c;
  return Math.abs(g - c) <= 1e-5 + 1e-4 * Math.abs(c);
}

function compareVar(name: string, g: VariableJson, c: VariableJson): string[] {
  if (g.class !== c.class) return [`${name}: class ${g.class} vs ${c.class}`];
  if (JSON.stringify(g.size) !== JSON.stringify(c.size)) return [`${name}: size ${g.size.join('×')} vs ${c.size.join('×')}`];
  const gd = (g.data as unknown[]).map(num);
  const cd = (c.data as unknown[]).map(num);
  const bad: string[] = [];
  for (let i = 0; i < cd.length; i++) if (!close(gd[i], cd[i]) && bad.length < 5) bad.push(`${name}(${i + 1}): gpu ${gd[i]} cpu ${cd[i]}`);
  return bad;
}

/** Every CPU variable against the GPU one (except `skip`). */
function compareAll(r: { gpu: RunResultJson; cpu: RunResultJson }, skip: string[] = []): void {
  const names = Object.keys(r.cpu.vars).filter((n) => !skip.includes(n));
  expect(Object.keys(r.gpu.vars).filter((n) => !skip.includes(n)).sort()).toEqual([...names].sort());
  const bad = names.flatMap((n) => compareVar(n, r.gpu.vars[n], r.cpu.vars[n]));
  expect(bad, bad.join('\n')).toEqual([]);
}

function kernelNames(r: RunResultJson): string[] {
  return (r.kernels ?? []).map((k) => `${k.name}/${k.variant}`);
}

/** The three passes ran (`times` invocations), and no reduction kernel computed the statistics. */
function expectNormalized(r: RunResultJson, times = 1): void {
  const names = kernelNames(r);
  expect(names.filter((n) => n.startsWith('image_normalize/')), names.join(', ')).toEqual(Array.from({ length: times }, () => PASSES).flat());
  expect(names.some((n) => n.startsWith('reduction/')), names.join(', ')).toBe(false);
  const decisions = (r.plan ?? []).filter((d) => d.kernel === 'image_normalize' && d.variant !== 'not-matched');
  expect(decisions).toHaveLength(times);
  for (const d of decisions) expect(d.reason).toMatch(/^ImageNormalize: /);
}

/** Deterministic pixel-like values in [0, 1) (a golden-ratio sequence), as a host single array. */
const pixels = (shape: number[]) => `a = single(reshape(mod((1:${shape.reduce((p, d) => p * d, 1)}) * 0.6180339887 + 0.05, 1), ${shape.join(', ')}));`;

const FULL = `
img = IMG;
mu = mean(img(:)); sigma = std(img(:));
out = ((img - mu) ./ sigma) * 0.2 + 0.5;
out = min(max(out, 0), 1);
out = out .^ 2.2;
`;

describe.skipIf(!provider)('ImageNormalize from MATLAB code matches the CPU', () => {
  it('whole-array 37×53: gain, bias, clamp [0,1], gamma; live mu and sigma', async () => {
    const r = await runBoth(pixels([37, 53]), FULL);
    expectNormalized(r.gpu);
    expect(r.gpu.plan?.find((d) => d.kernel === 'image_normalize')?.reason).toBe(
      'ImageNormalize: whole-array stats over all 1961 elements, gain 0.2, bias 0.5, clamp [0,1], gamma 2.2; mu and sigma written as outputs (live)',
    );
    compareAll(r);
  });

  it('per image, H×W×B 17×19×3 and B×H×W 3×17×19, with `/`-free broadcasting of mu and sigma', async () => {
    const hwb = await runBoth(
      pixels([17, 19, 3]),
      `imgs = IMG; mu = mean(imgs, [1 2]); sigma = std(imgs, 0, [1 2]);
       out = max(min(((imgs - mu) ./ sigma) * 0.25 + 0.5, 1), 0);`,
    );
    expectNormalized(hwb.gpu);
    expect(hwb.gpu.plan?.some((d) => d.variant === 'per-image-HWB')).toBe(true);
    compareAll(hwb);
    const bhw = await runBoth(
      pixels([3, 17, 19]),
      `imgs = IMG; mu = mean(imgs, [2 3]); sigma = std(imgs, 0, [2 3]);
       out = ((imgs - mu) ./ sigma + 1) .^ 2;`,
    );
    expectNormalized(bhw.gpu);
    expect(bhw.gpu.plan?.some((d) => d.variant === 'per-image-BHW')).toBe(true);
    compareAll(bhw);
  });

  it('an image held as a host single array (policy on) is uploaded once and still becomes ImageNormalize', async () => {
    // img, img(:) (a view sharing img's elements) and the statistics all read one upload.
    const r = await runBoth(pixels([41, 29]), FULL.replace('img = IMG;', 'img = a;'));
    expectNormalized(r.gpu);
    compareAll(r);
  });

  it('a constant image: sigma = 0, so the normalized values are NaN (0/0) and clamp to 0, as on the CPU', async () => {
    const r = await runBoth(
      'a = single(0.75 * ones(23, 29));',
      `img = IMG; mu = mean(img(:)); sigma = std(img(:));
       z = (img - mu) ./ sigma;
       c = min(max(z * 2 + 1, 0), 1);`,
    );
    expect(r.gpu.vars.z.data).toContain('NaN');
    compareAll(r);
    // z is live, so the invocation ends at it; the clamp reads it.
    expectNormalized(r.gpu);
  });

  it('one constant image (or column) in a batch: only its values are NaN', async () => {
    const r = await runBoth(
      `${pixels([11, 13, 4])} a(:, :, 2) = 0.5;`,
      `imgs = IMG; mu = mean(imgs, [1 2]); sigma = std(imgs, 0, [1 2]);
       out = (imgs - mu) ./ sigma;`,
    );
    expectNormalized(r.gpu);
    compareAll(r);
    const r2 = await runBoth(
      `${pixels([13, 11])} a(:, 2) = 0.5;`,
      `x = IMG; out = ((x - mean(x)) ./ std(x) + 1) .^ 3;`,
    );
    expectNormalized(r2.gpu);
    compareAll(r2);
  });

  it('NaN pixels: the statistics are NaN; clamp order decides what comes out (max first → lo, min first → hi)', async () => {
    const whole = await runBoth(
      `${pixels([19, 21])} a(7) = NaN;`,
      `img = IMG; mu = mean(img(:)); sigma = std(img(:));
       lo = min(max((img - mu) ./ sigma, 0), 1);`,
    );
    expectNormalized(whole.gpu);
    compareAll(whole);
    const hi = await runBoth(
      `${pixels([19, 21])} a(7) = NaN;`,
      `img = IMG; hi = max(min((img - mean(img(:))) ./ std(img(:)), 1), 0);`,
    );
    expectNormalized(hi.gpu);
    expect(hi.gpu.plan?.find((d) => d.kernel === 'image_normalize')?.reason).toMatch(/clamp \[0,1\] \(min first\)/);
    compareAll(hi);
    const perImage = await runBoth(
      `${pixels([9, 10, 3])} a(4, 5, 3) = NaN;`,
      `imgs = IMG; mu = mean(imgs, [1 2]); sigma = std(imgs, 0, [1 2]); out = (imgs - mu) ./ sigma;`,
    );
    expectNormalized(perImage.gpu);
    compareAll(perImage);
  });

  it('host scalar variables as gain and bias', async () => {
    const r = await runBoth(pixels([31, 17]), `img = IMG; g = 1.5; b = -0.25; out = ((img - mean(img(:))) ./ std(img(:))) * g + b;`);
    expectNormalized(r.gpu);
    expect(r.gpu.plan?.find((d) => d.kernel === 'image_normalize')?.reason).toMatch(/gain 1\.5, bias -0\.25$/);
    compareAll(r);
  });

  it('a 1×1 gpuArray gain and a clamp computed by a GPU reduction are read from their buffers', async () => {
    // gpuArray is the identity in the CPU session.
    const r = await runBoth(
      pixels([31, 17]),
      `img = IMG; gg = gpuArray(single(0.75)); top = max(img(:)) / 2;
       o = min(((img - mean(img(:))) ./ std(img(:))) * gg + 0.1, top);`,
    );
    expect(r.gpu.plan?.find((d) => d.kernel === 'image_normalize')?.reason).toMatch(/gain \(GPU scalar\), bias 0\.1, clamp <= \(GPU scalar\)/);
    // max(img(:)) / 2 is a reduction and an elementwise kernel before the invocation.
    expect(kernelNames(r.gpu)).toEqual(['reduction/max', 'elementwise/div', ...PASSES]);
    compareAll(r);
  });

  it('two formulas on one (x - mu) ./ sigma: it is the invocation output, both steps read it', async () => {
    const r = await runBoth(
      pixels([31, 17]),
      `img = IMG; z = (img - mean(img(:))) ./ std(img(:)); o1 = z * 1.5 - 0.25; o2 = max(z, 0);`,
    );
    expectNormalized(r.gpu);
    compareAll(r);
  });

  it('a near miss falls back and still matches: (img - mu) ./ (sigma + 1)', async () => {
    const r = await runBoth(pixels([37, 53]), `img = IMG; mu = mean(img(:)); sigma = std(img(:)); out = (img - mu) ./ (sigma + 1);`);
    expect(kernelNames(r.gpu).some((n) => n.startsWith('image_normalize/'))).toBe(false);
    expect(r.gpu.plan?.some((d) => d.reason.startsWith('ImageNormalize: not matched: '))).toBe(true);
    compareAll(r);
  });
});

describe.skipIf(!provider)('vecdim reductions on GPU values', () => {
  it('mean/sum/max/min/var/std over [1 3], [2 3], [1 2 3], [3 1] match the CPU and stay on the GPU', async () => {
    const body = `x = IMG;
      m13 = mean(x, [1 3]); s23 = sum(x, [2 3]); mx13 = max(x, [], [3 1]); mn12 = min(x, [], [1 2]);
      v13 = var(x, 0, [1 3]); sd23 = std(x, 1, [2 3]); all3 = mean(x, [1 2 3]); m2 = mean(x, [2 5]);`;
    const r = await runBoth(pixels([4, 5, 6]), body);
    compareAll(r);
    const g = new Session({ gpu: 'on' });
    g.attachGpu(provider);
    const onGpu = await runInSession(g, `${pixels([4, 5, 6])}\n${body.replaceAll('IMG', 'gpuArray(a)')}\nk = [isgpuarray(m13) isgpuarray(s23) isgpuarray(mx13) isgpuarray(mn12) isgpuarray(v13) isgpuarray(sd23) isgpuarray(all3) isgpuarray(m2)];`);
    expect(onGpu.error).toBeNull();
    expect(onGpu.vars.k.data).toEqual([true, true, true, true, true, true, true, true]);
  });
});
