// The `random` kernel family (src/engine/kernels/random.ts): Philox4x32-10 against the published
// known-answer vectors (Random123), GPU uniforms bit-identical to the host reference and strictly
// inside (0, 1), the counter's 64-bit carry, one pipeline whatever the key and counter, and the
// moments of 1e5 uniform and normal samples. GPU parts are skipped, with the reason printed, when
// there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import { buildRandom, philox4x32, philoxNormalHost, philoxUniformHost } from '../../src/engine/kernels/random.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping random tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

const KEY: [number, number] = [0x12345678, 0x9abcdef0];

/** Runs one random program and reads its output back. */
async function draw(dist: 'uniform' | 'normal', length: number, key: [number, number], counter: number): Promise<Float32Array> {
  const provider = gpu!;
  const program = buildRandom({ dist, length }, key, counter, provider.limits.maxComputeWorkgroupsPerDimension);
  const out = provider.allocate(length);
  provider.dispatch(program, [], out);
  const [event] = await provider.flush();
  expect(event).toMatchObject({ name: 'random', variant: dist });
  const data = await provider.download(out);
  provider.release(out);
  return data;
}

function moments(x: Float32Array): { mean: number; std: number } {
  let s = 0;
  for (const v of x) s += v;
  const mean = s / x.length;
  let q = 0;
  for (const v of x) q += (v - mean) ** 2;
  return { mean, std: Math.sqrt(q / (x.length - 1)) };
}

describe('Philox4x32-10 on the host (no GPU needed)', () => {
  it('matches the Random123 known-answer vectors', () => {
    const hex = (words: number[]): string[] => words.map((w) => w.toString(16).padStart(8, '0'));
    expect(hex(philox4x32([0, 0, 0, 0], [0, 0]))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    expect(hex(philox4x32([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]))).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    expect(hex(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]))).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });

  it('keys only the distribution: key and counter are uniforms', () => {
    const a = buildRandom({ dist: 'uniform', length: 100 }, [1, 2], 0);
    const b = buildRandom({ dist: 'uniform', length: 5000 }, [3, 4], 99);
    expect(a.cacheKey).toBe(b.cacheKey);
    expect(a.wgsl).toBe(b.wgsl);
    expect(buildRandom({ dist: 'normal', length: 100 }, [1, 2], 0).cacheKey).not.toBe(a.cacheKey);
    expect(a.bindings.map((x) => x.kind)).toEqual(['read_write', 'uniform']);
  });

  it('advances by one block of four per counter step', () => {
    const base = philoxUniformHost(KEY, 10, 12);
    expect([...philoxUniformHost(KEY, 11, 8)]).toEqual([...base.subarray(4)]);
  });
});

describe.skipIf(!gpu)('random kernel on the GPU', () => {
  it.each([1, 7, 1000, 4097])('uniform: %i elements equal the host reference bit for bit', async (n) => {
    const got = await draw('uniform', n, KEY, 5);
    expect([...got]).toEqual([...philoxUniformHost(KEY, 5, n)]);
  });

  it('carries the counter into its high word', async () => {
    const counter = 2 ** 32 - 1; // blocks 2^32 - 1 and 2^32
    const got = await draw('uniform', 8, [7, 11], counter);
    expect([...got]).toEqual([...philoxUniformHost([7, 11], counter, 8)]);
    expect([...got.subarray(4)]).not.toEqual([...philoxUniformHost([7, 11], 0, 4)]);
  });

  it('uniform: 1e5 samples in (0, 1) with mean 1/2 and variance 1/12, equal to the host', async () => {
    const n = 100000;
    const got = await draw('uniform', n, [0xdeadbeef, 42], 1234);
    let inside = true;
    for (const v of got) if (!(v > 0 && v < 1)) inside = false;
    expect(inside).toBe(true);
    const { mean, std } = moments(got);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(std - Math.sqrt(1 / 12))).toBeLessThan(0.005);
    expect(got).toEqual(philoxUniformHost([0xdeadbeef, 42], 1234, n));
  });

  it('normal: 1e5 samples with mean 0 and std 1, close to the host reference', async () => {
    const n = 100001; // odd: the last Box–Muller pair is cut in half
    const got = await draw('normal', n, [99, 100], 0);
    const { mean, std } = moments(got);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    const want = philoxNormalHost([99, 100], 0, n);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])));
    expect(worst).toBeLessThan(1e-4);
  });
});
