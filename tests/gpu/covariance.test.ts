// Covariance and Gram matrices reach SYRK from the code people write: cov(X) of a GPU matrix,
// the centred `(Xc'*Xc)/(n-1)`, and `A'*A` of a tall matrix (the split-k plan: partial triangles
// in scratch, then the reduce pass). Each runs through a GPU session and an exact CPU session;
// values agree to f32 accuracy, the result is exactly symmetric, and the kernel list says syrk.
// Skipped, with the reason printed, when there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';
import type { RunResultJson } from '../../src/worker/protocol.ts';

const opened = await openWebGpu();
const provider = opened.provider;
if (!provider) console.warn(`[tests/gpu] skipping covariance tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => provider?.destroy());

async function onGpu(source: string): Promise<RunResultJson> {
  const session = new Session({ gpu: 'on' });
  session.attachGpu(provider);
  const r = await runInSession(session, source);
  expect(r.error).toBeNull();
  return r;
}

async function onCpu(source: string): Promise<RunResultJson> {
  const r = await runInSession(new Session({ gpu: 'off' }), source);
  expect(r.error).toBeNull();
  return r;
}

function numbers(r: RunResultJson, name: string): number[] {
  return (r.vars[name].data as (number | string)[]).map(Number);
}

/** Largest |gpu − cpu| relative to the largest |cpu|. */
function relativeError(gpu: number[], cpu: number[]): number {
  const scale = Math.max(...cpu.map(Math.abs));
  return Math.max(...gpu.map((g, i) => Math.abs(g - cpu[i]))) / scale;
}

function isSymmetric(r: RunResultJson, name: string): boolean {
  const [n] = r.vars[name].size;
  const c = numbers(r, name);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (c[i + j * n] !== c[j + i * n]) return false;
  return true;
}

const kernelNames = (r: RunResultJson) => (r.kernels ?? []).map((k) => `${k.name}/${k.variant}`);

// Ragged sizes (not multiples of any tile); a deterministic matrix with a non-zero mean, exact in
// f32 at every step (big double elementwise work may run on the GPU in f32 under 'on').
const DATA = (m: number, n: number) => `reshape(mod((1:${m * n}) * 79, 1009) / 8 + 3, ${m}, ${n})`;

describe.skipIf(!provider)('covariance and Gram matrices through SYRK', () => {
  it('cov(X) and cov(X, 1) of a GPU matrix: centred columns, then SYRK; symmetric and equal to the CPU', async () => {
    const body = (wrap: (x: string) => string) => `X = ${wrap(DATA(97, 19))}; C = cov(X); C1 = cov(X, 1); c = class(C);`;
    const gpu = await onGpu(body((x) => `gpuArray(single(${x}))`));
    const cpu = await onCpu(body((x) => `single(${x})`));
    expect(gpu.vars.C.size).toEqual([19, 19]);
    expect(gpu.vars.c.data).toBe('single');
    expect(relativeError(numbers(gpu, 'C'), numbers(cpu, 'C'))).toBeLessThan(1e-4);
    expect(relativeError(numbers(gpu, 'C1'), numbers(cpu, 'C1'))).toBeLessThan(1e-4);
    expect(isSymmetric(gpu, 'C')).toBe(true);
    expect(kernelNames(gpu).some((k) => k.startsWith('syrk/'))).toBe(true);
    expect(kernelNames(gpu).filter((k) => k.startsWith('matmul/'))).toEqual([]);
    expect((gpu.plan ?? []).some((d) => d.kernel === 'syrk' && /A'\*A on one value/.test(d.reason))).toBe(true);
  });

  it('the centred form (Xc\'*Xc)/(n-1) is SYRK with the division folded into its write', async () => {
    const body = (wrap: (x: string) => string) => `X = ${wrap(DATA(150, 21))}; n = size(X, 1); Xc = X - mean(X); G = (Xc'*Xc)/(n-1);`;
    const gpu = await onGpu(body((x) => `gpuArray(single(${x}))`));
    const cpu = await onCpu(body((x) => `single(${x})`));
    expect(relativeError(numbers(gpu, 'G'), numbers(cpu, 'G'))).toBeLessThan(1e-4);
    expect(isSymmetric(gpu, 'G')).toBe(true);
    const syrk = (gpu.plan ?? []).find((d) => d.kernel === 'syrk');
    expect(syrk?.reason).toMatch(/folded into the write: alpha/);
    // The division ran inside SYRK: no elementwise kernel wrote a 21×21 result.
    expect((gpu.kernels ?? []).filter((k) => k.name === 'elementwise' && k.shapes.some((s) => s[0] === 21 && s[1] === 21))).toEqual([]);
  });

  it("A'*A of a tall, thin matrix splits k: partial triangles, then the reduce pass", async () => {
    const body = (wrap: (x: string) => string) => `A = ${wrap(DATA(1201, 13))}; G = A'*A;`;
    const gpu = await onGpu(body((x) => `gpuArray(single(${x}))`));
    const cpu = await onCpu(body((x) => `single(${x})`));
    expect(relativeError(numbers(gpu, 'G'), numbers(cpu, 'G'))).toBeLessThan(1e-4);
    expect(isSymmetric(gpu, 'G')).toBe(true);
    expect(kernelNames(gpu).filter((k) => k.startsWith('syrk/'))).toEqual(['syrk/split', 'syrk/reduce']);
  });

  it('cov of a vector, of x and y, and of a matrix with one row stay on the host and match MATLAB', async () => {
    const src = `v = cov(gpuArray(single([1 2 3 4]))); xy = cov(gpuArray(single([1 2 3])), single([1 2 4])); r = cov(gpuArray(single([1 2 3])));`;
    const gpu = await onGpu(src);
    expect(numbers(gpu, 'v')[0]).toBeCloseTo(1.6667, 4);
    expect(gpu.vars.xy.size).toEqual([2, 2]);
    expect(numbers(gpu, 'xy')[3]).toBeCloseTo(2.3333, 4);
    expect(numbers(gpu, 'r')[0]).toBeCloseTo(1, 6);
  });
});
